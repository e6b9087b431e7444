// Dates as Elasticsearch's default date format reads them ("strict_date_optional_time||
// epoch_millis"), in UTC (the detection engine passes the time zone Zulu), to epoch
// milliseconds. A query value stands for the whole period it names: Elasticsearch fills the
// missing components with 0 when rounding down and with month 01, day 01, 23:59:59.999 when
// rounding up (documented under "Missing date components" of the range query; the month and
// day really are 01, not the end of the year or month).

const ISO = new RegExp('^(\\d{4})(?:-(\\d{2})(?:-(\\d{2}))?)?'
  + '(?:T(?:(\\d{2})(?::(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?)?)?'
  + '(Z|[+-]\\d{2}(?::?\\d{2})?)?)?$');

const EPOCH = /^-?\d+(?:\.\d+)?$/;

/** Epoch milliseconds for `text`, rounded down or up over missing components. */
export function parseDateMillis(text: string, roundUp: boolean): number | undefined {
  const m = ISO.exec(text);
  if (!m) return EPOCH.test(text) ? Math.floor(Number(text)) : undefined;

  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const year = Number(y);
  const month = mo === undefined ? 1 : Number(mo);
  const day = d === undefined ? 1 : Number(d);
  const hour = h === undefined ? (roundUp ? 23 : 0) : Number(h);
  const minute = mi === undefined ? (roundUp ? 59 : 0) : Number(mi);
  const second = s === undefined ? (roundUp ? 59 : 0) : Number(s);
  const millis = frac === undefined
    ? (roundUp ? 999 : 0)
    : Math.floor(Number(frac.padEnd(9, '0')) / 1e6);

  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;

  const utc = daysFromCivil(year, month, day) * 86_400_000
    + ((hour * 60 + minute) * 60 + second) * 1000 + millis;
  return utc - offsetMillis(zone);
}

function offsetMillis(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  return sign * (hours * 60 + minutes) * 60_000;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}
