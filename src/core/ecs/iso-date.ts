// Date parsing as the pipeline's `date` processors do it, and the form Elasticsearch writes the
// result in: UTC with milliseconds (2024-10-10T14:50:40.000Z). Formats: ISO 8601 (extended,
// with optional parts) and, for session creation dates, the basic forms basic_date_time and
// basic_date_time_no_millis (20131102T010628Z). A value without a zone is UTC, the processor's
// default. Fractions beyond milliseconds are truncated, as the output format does.

const ISO_8601 = new RegExp(
  '^(\\d{4})(?:-(\\d{2})(?:-(\\d{2}))?)?' +
  '(?:([T ])(\\d{2})(?::(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?)?)?' +
  '(Z|[+-]\\d{2}(?::?\\d{2})?)?$');

const BASIC_DATE_TIME =
  /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}(?::?\d{2})?)$/;

export interface ParsedDate {
  /** Milliseconds since the epoch, UTC. */
  epochMillis: number;
  /** The value as Elasticsearch stores it: yyyy-MM-ddTHH:mm:ss.SSSZ. */
  text: string;
  /** True when the date and time were separated by a space (accepted here, not by ISO 8601). */
  spaceSeparated: boolean;
}

/** Parses an ISO 8601 date-time; undefined when the date processor would fail. */
export function parseIsoDate(value: string): ParsedDate | undefined {
  const match = ISO_8601.exec(value);
  if (match === null) return undefined;
  const [, year, month, day, separator, hour, minute, second, fraction, zone] = match;
  return build(year, month ?? '01', day ?? '01', hour ?? '00', minute ?? '00', second ?? '00',
    fraction, zone, separator === ' ');
}

/** Parses ISO 8601, then the basic forms used for userIdentity session creation dates. */
export function parseSessionDate(value: string): ParsedDate | undefined {
  const iso = parseIsoDate(value);
  if (iso !== undefined) return iso;
  const match = BASIC_DATE_TIME.exec(value);
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  return build(year, month, day, hour, minute, second, fraction, zone, false);
}

function build(year: string, month: string, day: string, hour: string, minute: string,
  second: string, fraction: string | undefined, zone: string | undefined,
  spaceSeparated: boolean): ParsedDate | undefined {
  const y = Number(year);
  const mo = Number(month);
  const d = Number(day);
  const h = Number(hour);
  const mi = Number(minute);
  const s = Number(second);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) {
    return undefined;
  }
  const offsetMinutes = zoneOffsetMinutes(zone);
  if (offsetMinutes === undefined) return undefined;

  const millis = fraction === undefined ? 0 : Number(fraction.padEnd(3, '0').slice(0, 3));
  // Date.UTC reads years 0-99 as 1900-1999; those take the slower, exact path.
  let local = Date.UTC(y, mo - 1, d, h, mi, s, millis);
  if (y < 100) {
    const date = new Date(0);
    date.setUTCFullYear(y, mo - 1, d);
    date.setUTCHours(h, mi, s, millis);
    local = date.getTime();
  }
  const epochMillis = local - offsetMinutes * 60_000;
  return { epochMillis, text: new Date(epochMillis).toISOString(), spaceSeparated };
}

function zoneOffsetMinutes(zone: string | undefined): number | undefined {
  if (zone === undefined || zone === 'Z') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 18 || minutes > 59) return undefined;
  return sign * (hours * 60 + minutes);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
