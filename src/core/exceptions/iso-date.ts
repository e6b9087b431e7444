// The dates of exception items: an ISO 8601 calendar date, or a date-time with a zone. The
// shape is checked here (a time without a zone is ambiguous in a file people share, so it is
// refused); the calendar and the arithmetic are the mapping's own date parser, so that
// 2025-02-30 is refused rather than rolled over into March, as Date.parse would.
import { parseIsoDate } from '../ecs/iso-date';

const EXCEPTION_DATE = new RegExp('^\\d{4}-\\d{2}-\\d{2}'
  + '(?:T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:\\d{2}))?$');

/** Milliseconds since the epoch of an ISO date (a bare date is 00:00 UTC), or undefined. */
export function parseIsoInstant(text: string): number | undefined {
  if (!EXCEPTION_DATE.test(text)) return undefined;
  return parseIsoDate(text)?.epochMillis;
}
