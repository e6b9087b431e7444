// Wraps a document that is already ECS (an Elasticsearch hit's _source, an export) as an
// EcsDocument: every leaf becomes a field named by its dotted path (a dotted key and the
// nested path are the same field; arrays add no segment), typed by the same catalog as
// mapRecord. Values are indexed as they stand: numbers as their JSON text, no pruning, no
// re-rendering. Constant fields (event.dataset, data_stream.dataset, event.module) count only
// when the document carries them: the index they came from, whose mapping would supply the
// constant, is unknown.
import type { JsonNode } from '../json/json-node';
import { toPlain } from '../json/json-plain';
import { walkLeaves } from '../json/walk-leaves';
import type { IndexedValue, JsonPlain } from '../types';
import { IndexedEcsDocument, type MappedDocument } from './ecs-document';
import { fieldTypeOf, IGNORE_ABOVE } from './fields';
import { translate } from './flattened-leaves';

export interface EcsSourceOptions {
  /** Translates offsets of the parsed text into offsets of the file (identity by default). */
  spanOf?: (offset: number) => number;
}

/** The `.text` multi-fields of the CloudTrail string fields. */
const TEXT_MULTI_FIELDS: ReadonlySet<string> = new Set([
  'aws.cloudtrail.request_parameters', 'aws.cloudtrail.response_elements',
  'aws.cloudtrail.additional_eventdata', 'aws.cloudtrail.service_event_details',
]);

interface Visit {
  /** ECS field path (keys joined by dots). */
  path: string;
  /** Path in the document, array indexes in brackets. */
  rawPath: string;
  /** The flattened root above this node, if any. */
  flattenedRoot?: string;
}

/** Indexes an ECS _source the way Elasticsearch would with the CloudTrail mappings. */
export function mapEcsSource(node: JsonNode, options: EcsSourceOptions = {}): MappedDocument {
  const spanOf = options.spanOf ?? ((offset: number) => offset);
  const notes: string[] = [];
  const plain = toPlain(node);
  let source: { [key: string]: JsonPlain } = {};
  if (plain !== null && typeof plain === 'object' && !Array.isArray(plain)) {
    source = plain;
  } else {
    notes.push(`The document is a JSON ${node.kind}, not an object: it has no fields.`);
  }
  const document = new IndexedEcsDocument(source, notes);
  if (node.kind !== 'object') return document;

  // Collect values per field first: a field can receive values from several places.
  const values = new Map<string, IndexedValue[]>();
  const flattenedKeys = new Map<string, string>();
  const add = (field: string, value: IndexedValue): void => {
    const list = values.get(field);
    if (list === undefined) values.set(field, [value]);
    else list.push(value);
  };

  // A leaf below a flattened root is indexed in the root's field and as a keyed leaf.
  const childState = (parent: Visit, _child: JsonNode, step: string | number): Visit => {
    if (typeof step === 'number') return { ...parent, rawPath: `${parent.rawPath}[${step}]` };
    const path = parent.path === '' ? step : `${parent.path}.${step}`;
    const rawPath = parent.rawPath === '' ? step : `${parent.rawPath}.${step}`;
    const flattenedRoot = parent.flattenedRoot ??
      (fieldTypeOf(path) === 'flattened_root' ? path : undefined);
    return { path, rawPath, flattenedRoot };
  };

  walkLeaves([{ node, state: { path: '', rawPath: '' } }], childState, (leaf, visit) => {
    if (leaf.kind === 'null') return;
    const text = leaf.kind === 'string' ? leaf.value
      : leaf.kind === 'number' ? leaf.text : String(leaf.value);
    const value = { text, rawPath: visit.rawPath, span: translate(leaf.span, spanOf) };
    if (visit.flattenedRoot === undefined) {
      add(visit.path, value);
      return;
    }
    add(visit.flattenedRoot, value);
    if (visit.path !== visit.flattenedRoot) {
      add(visit.path, value);
      flattenedKeys.set(visit.path, visit.flattenedRoot);
    }
  });

  for (const [field, list] of values) {
    if (flattenedKeys.has(field)) {
      document.addField({ name: field, type: 'flattened_keyed', values: list, listed: false });
      continue;
    }
    const limit = IGNORE_ABOVE.get(field);
    const tooLong = limit !== undefined && list.some((value) => value.text.length > limit);
    document.addField({
      name: field,
      values: list,
      ...(tooLong ? {
        searchable: false,
        unsearchableReason: `longer than ignore_above ${limit}: kept in _source but not indexed`,
      } : {}),
    });
    if (TEXT_MULTI_FIELDS.has(field)) document.addField({ name: `${field}.text`, values: list });
  }
  return document;
}
