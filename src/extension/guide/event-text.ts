// The raw text of a finding's event, for the panel's "raw event" section.
import type { Finding } from '../../core/types';

/**
 * The event's JSON text as it stands in the document. Events carried inside a JSON string
 * (lookup-events output) are unescaped first, so the panel shows the record, not the string.
 */
export function eventTextOf(documentText: string, finding: Finding): string | undefined {
  const { start, end } = finding.eventSpan;
  if (!(start >= 0 && end <= documentText.length && start < end)) return undefined;

  const text = documentText.slice(start, end);
  if (!text.startsWith('"')) return text;

  try {
    const inner: unknown = JSON.parse(text);
    return typeof inner === 'string' ? inner : text;
  } catch {
    return text;
  }
}
