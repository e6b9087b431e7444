// Event times as they reach the summary: ISO 8601 from CloudTrail's eventTime ("...Z"), or
// CloudTrail Lake's "2023-01-22 16:53:53.000" (no zone: UTC, as Lake reports times).

/** Milliseconds since the epoch of an event time, or undefined when it is not a time. */
export function parseTimestamp(text: string): number | undefined {
  const iso = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(text) ? `${text.replace(' ', 'T')}Z` : text;
  const at = Date.parse(iso);
  return Number.isNaN(at) ? undefined : at;
}
