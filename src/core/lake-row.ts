// CloudTrail Lake returns each result row as an array of one-key objects, one per selected
// column. This turns a row into the record it describes, so that it maps like any other.
import { parseJson, type JsonMember, type JsonNode, type JsonObjectNode } from './json';

/**
 * Columns that Lake returns as strings although the record holds objects there. Lake stores
 * requestParameters and its siblings as maps of strings; whether results always render them as
 * JSON text is not confirmed, so a value that does not parse as a JSON object stays a string.
 */
const OBJECT_COLUMNS = new Set([
  'requestParameters', 'responseElements', 'additionalEventData', 'serviceEventDetails',
  'userIdentity', 'tlsDetails', 'resources',
]);

/** Builds the record of a Lake row; columns keep their order, later duplicates are dropped. */
export function lakeRowToRecord(row: JsonNode): JsonObjectNode {
  const members: JsonMember[] = [];
  const seen = new Set<string>();
  const items = row.kind === 'array' ? row.items : [];

  for (const cell of items) {
    if (cell.kind !== 'object') continue;

    for (const member of cell.members) {
      if (seen.has(member.key)) continue;
      seen.add(member.key);
      members.push({ ...member, value: expandObjectColumn(member) });
    }
  }

  return { kind: 'object', members, span: row.span };
}

/** Parses a JSON-text column into its object; every inner value points at the column's string. */
function expandObjectColumn(member: JsonMember): JsonNode {
  const value = member.value;
  if (!OBJECT_COLUMNS.has(member.key) || value.kind !== 'string') return value;

  const trimmed = value.value.trimStart();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return value;

  let parsed: JsonNode;
  try {
    parsed = parseJson(value.value);
  } catch {
    return value;
  }

  // Offsets inside the decoded string do not exist in the file; the string token is the
  // nearest place an analyst can look at.
  const pending: JsonNode[] = [parsed];
  while (pending.length > 0) {
    const node = pending.pop() as JsonNode;
    node.span = value.span;
    if (node.kind === 'object') {
      for (const m of node.members) {
        m.keySpan = value.span;
        pending.push(m.value);
      }
    } else if (node.kind === 'array') {
      pending.push(...node.items);
    }
  }

  return parsed;
}
