// Where the panel can take the editor for a finding: the value of a field, a clause of the
// query, or the event itself. Resolved in the extension, so the page only names what it wants.
import type { Finding, Span } from '../../core/types';

/** The span of an ECS field's raw value: its investigation-field source, else a clause's. */
export function fieldSpan(finding: Finding, field: string): Span | undefined {
  const source = Object.prototype.hasOwnProperty.call(finding.fieldSources, field)
    ? finding.fieldSources[field]
    : undefined;
  if (source?.span) return source.span;

  return finding.explanation.find((clause) => clause.field === field && clause.span)?.span;
}

/** The span a clause of the explanation points at, if any. */
export function clauseSpan(finding: Finding, index: number): Span | undefined {
  return finding.explanation[index]?.span;
}

/** Every field of the finding that has a span, so the page can offer to reveal it. */
export function revealableFields(finding: Finding): Set<string> {
  const names = new Set<string>();
  for (const [field, source] of Object.entries(finding.fieldSources)) {
    if (source.span) names.add(field);
  }

  for (const clause of finding.explanation) {
    if (clause.field !== undefined && clause.span) names.add(clause.field);
  }
  return names;
}
