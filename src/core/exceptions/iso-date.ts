// The dates of exception items: an ISO 8601 calendar date, or a date-time with a zone. Parsed
// by hand rather than with Date.parse, whose acceptance of other forms varies between engines
// and which silently rolls 2025-02-30 over into March.

const ISO_DATE = new RegExp('^(\\d{4})-(\\d{2})-(\\d{2})'
  + '(?:T(\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d+))?)?(Z|([+-])(\\d{2}):(\\d{2})))?$');

/** Milliseconds since the epoch of an ISO date (a bare date is 00:00 UTC), or undefined. */
export function parseIsoInstant(text: string): number | undefined {
  const m = ISO_DATE.exec(text);
  if (m === null) return undefined;

  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  const millis = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;

  let offsetMinutes = 0;
  if (m[9] !== undefined) {
    const [offsetHours, offsetMins] = [Number(m[10]), Number(m[11])];
    if (offsetHours > 23 || offsetMins > 59) return undefined;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }

  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  return utc - offsetMinutes * 60_000;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
