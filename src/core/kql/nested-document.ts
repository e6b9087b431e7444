// The elements a nested query `path: { … }` ranges over, each as a small document of its own,
// so that every condition inside the braces is checked against the same element (what a
// `nested` mapping gives in Elasticsearch). The CloudTrail mapping has no nested field, so such
// a query is reported as an error anyway; this keeps its meaning for the rare caller that
// evaluates it regardless. Values come from the document's source: strings as they are,
// numbers and booleans as JavaScript prints them, types taken from the parent document.
import type { EcsDocument, IndexedField, IndexedValue, JsonPlain } from '../types';

type JsonObject = { [key: string]: JsonPlain };

/** One document per object element found at `path` in the document's source. */
export function nestedDocuments(doc: EcsDocument, path: string): EcsDocument[] {
  const elements: JsonObject[] = [];

  for (const value of valuesAt(doc.source, path)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (isObject(item)) elements.push(item);
    }
  }
  return elements.map((element) => elementDocument(doc, path, element));
}

// Values at a dotted path; a key that itself contains dots matches the same path.
function valuesAt(node: JsonPlain, path: string): JsonPlain[] {
  if (Array.isArray(node)) return node.flatMap((item) => valuesAt(item, path));
  if (!isObject(node)) return [];
  const found: JsonPlain[] = [];

  for (const [key, value] of Object.entries(node)) {
    if (key === path) found.push(value);
    else if (path.startsWith(`${key}.`)) found.push(...valuesAt(value, path.slice(key.length + 1)));
  }
  return found;
}

function elementDocument(parent: EcsDocument, path: string, element: JsonObject): EcsDocument {
  const leaves = new Map<string, IndexedValue[]>();
  collectLeaves(element, path, leaves);

  // Rebuild the element under its full path, so that a nested query inside finds its own path.
  let source: JsonObject = element;
  for (const segment of path.split('.').reverse()) source = { [segment]: source };

  return {
    field(name: string): IndexedField | undefined {
      const values = leaves.get(name);
      if (!values) return undefined;
      const outer = parent.field(name);
      return {
        type: outer?.type ?? 'keyword',
        values,
        searchable: outer?.searchable ?? true,
        unsearchableReason: outer?.unsearchableReason,
      };
    },
    fieldNames: () => leaves.keys(),
    source,
    notes: [],
  };
}

// Arrays add no path segment, as in Elasticsearch's own indexing of object arrays.
function collectLeaves(node: JsonPlain, path: string, out: Map<string, IndexedValue[]>): void {
  if (node === null) return;
  if (Array.isArray(node)) {
    for (const item of node) collectLeaves(item, path, out);
    return;
  }
  if (isObject(node)) {
    for (const [key, value] of Object.entries(node)) collectLeaves(value, `${path}.${key}`, out);
    return;
  }

  const list = out.get(path) ?? [];
  list.push({ text: String(node) });
  out.set(path, list);
}

function isObject(value: JsonPlain): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
