// Notes on keyword values too long to be searched. Elasticsearch keeps a keyword value longer
// than the field's ignore_above in _source but does not index it, so no clause on the field
// matches it: padding requestParameters past 8,191 characters hides an event from every rule
// that reads aws.cloudtrail.request_parameters, in Elastic silently. The scan stays faithful
// (the rule does not match) and says so where an analyst would look.
//
// A note is given for a rule only when the rule does not match the event but would if the long
// values were searchable, so files are not flooded with notes for values no rule would flag.
// The fast path needs no extra parsing for this: the long values are Map.toString() renderings,
// which give the literal prefilter no literal (literal-plan.ts), so a record the variant matches
// holds all of the rule's literals and is parsed as the reference path parses it.
import { IGNORE_ABOVE } from './ecs/fields';
import type { ActiveRule } from './evaluate-event';
import type { EcsDocument, IndexedField, IndexedValue, LocatedEvent, TextProblem } from './types';

/** A keyword field with a limit whose value in the document is over it. */
interface LongValue {
  name: string;
  limit: number;
  value: IndexedValue;
}

/** One note per too-long keyword value that hides the event from a rule that would flag it. */
export function ignoreAboveNotes(doc: EcsDocument, event: LocatedEvent,
  active: readonly ActiveRule[]): TextProblem[] {
  const long = longValues(doc);
  if (long.length === 0) return [];

  const notes: TextProblem[] = [];
  for (const { name, limit, value } of long) {
    // Only this field searchable: a rule that still misses needs more than this value.
    const variant = searchableVariant(doc, name);
    const hidden = active.filter(({ query }) => !query.matches(doc) && query.matches(variant));
    if (hidden.length === 0) continue;

    const length = value.rawPath === undefined ? `${name} has ${value.text.length} characters`
      : `${value.rawPath} renders to ${value.text.length} characters`;
    notes.push({
      message: `event ${event.index + 1}: ${length}, over the ignore_above of ${limit} for `
        + `${name}: Elastic keeps the value but does not index it, which hides this event from `
        + `rules that would otherwise flag it (${hidden.map(({ rule }) => rule.name).join(', ')})`,
      offset: value.span?.start ?? event.span.start,
      severity: 'note',
    });
  }
  return notes;
}

/** The document's unsearchable values that are over their field's ignore_above. */
function longValues(doc: EcsDocument): LongValue[] {
  const long: LongValue[] = [];

  for (const [name, limit] of IGNORE_ABOVE) {
    const field = doc.field(name);
    if (field === undefined || field.searchable) continue;
    const value = field.values.find((v) => v.text.length > limit);
    if (value !== undefined) long.push({ name, limit, value });
  }
  return long;
}

/** The document as it would be were one field's values all indexed. */
function searchableVariant(doc: EcsDocument, name: string): EcsDocument {
  const field = doc.field(name) as IndexedField;
  const searchable: IndexedField = { type: field.type, values: field.values, searchable: true };

  return {
    field: (other) => (other === name ? searchable : doc.field(other)),
    fieldNames: () => doc.fieldNames(),
    get source() { return doc.source; },
    notes: doc.notes,
    rejection: doc.rejection,
  };
}
