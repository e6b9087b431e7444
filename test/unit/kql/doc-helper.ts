// Build EcsDocuments for KQL tests from a plain object and a few mapping facts, without the ECS
// mapper: leaves are addressed by dotted paths (arrays add no segment, dotted keys are paths),
// `aws.cloudtrail.flattened.<name>` objects are flattened fields (root and keyed), and
// constant_keyword fields always have their value.
import type {
  EcsDocument, FieldType, IndexedField, IndexedValue, JsonPlain, Span,
} from '../../../src/core/types';

/** A JSON number kept as written (`22.0` stays `22.0`, as Elasticsearch indexes its text). */
export class RawNumber {
  constructor(readonly text: string) {}
}

/** A number leaf with its JSON text. */
export function rawNumber(text: string): RawNumber {
  return new RawNumber(text);
}

export type TestValue = string | number | boolean | null | RawNumber | TestValue[]
  | { [key: string]: TestValue };

export interface DocOptions {
  /** Types of fields other than keyword (flattened fields and constants are typed already). */
  types?: Record<string, FieldType>;
  /** constant_keyword fields and their value, present in every document. */
  constants?: Record<string, string>;
  /** ignore_above limits: a field whose values are all longer is not searchable. */
  ignoreAbove?: Record<string, number>;
  /** Spans to attach to leaves, by raw path (`a.b[1]`). */
  spans?: Record<string, Span>;
}

const FLATTENED = 'aws.cloudtrail.flattened.';

/** The CloudTrail constants of ecs-mapping.md section 5. */
export const CLOUDTRAIL_CONSTANTS: Record<string, string> = {
  'data_stream.dataset': 'aws.cloudtrail',
  'event.dataset': 'aws.cloudtrail',
  'event.module': 'aws',
};

interface Leaf {
  path: string;
  value: IndexedValue;
}

/** The static type of a field under the same rules the documents follow. */
export function fieldTypeFor(options: DocOptions = {}): (field: string) => FieldType {
  return (field) => {
    if (options.constants && field in options.constants) return 'constant_keyword';
    const root = flattenedRoot(field);
    if (root !== undefined) return field === root ? 'flattened_root' : 'flattened_keyed';
    return options.types?.[field] ?? 'keyword';
  };
}

/** A document over `source`, with the fields typed by `options`. */
export function makeDoc(source: { [key: string]: TestValue }, options: DocOptions = {}):
  EcsDocument {
  const leaves: Leaf[] = [];
  collect(source, '', '', leaves);
  for (const leaf of leaves) {
    const span = leaf.value.rawPath === undefined ? undefined : options.spans?.[leaf.value.rawPath];
    if (span) leaf.value.span = span;
  }
  const typeOf = fieldTypeFor(options);

  const field = (name: string): IndexedField | undefined => {
    const constant = options.constants?.[name];
    if (constant !== undefined) {
      return { type: 'constant_keyword', values: [{ text: constant }], searchable: true };
    }

    const type = typeOf(name);
    const values = leaves
      .filter((l) => (type === 'flattened_root' ? l.path.startsWith(`${name}.`) : l.path === name))
      .map((l) => l.value);
    if (values.length === 0) return undefined;

    const limit = options.ignoreAbove?.[name];
    if (limit !== undefined) {
      const kept = values.filter((v) => v.text.length <= limit);
      if (kept.length === 0) {
        return { type, values, searchable: false,
          unsearchableReason: `longer than ignore_above (${limit})` };
      }
      return { type, values: kept, searchable: true };
    }
    return { type, values, searchable: true };
  };

  return {
    field,
    fieldNames: () => new Set([...leaves.map((l) => l.path),
      ...Object.keys(options.constants ?? {})]),
    source: toPlain(source) as { [key: string]: JsonPlain },
    notes: [],
  };
}

function flattenedRoot(field: string): string | undefined {
  if (!field.startsWith(FLATTENED)) return undefined;
  const name = field.slice(FLATTENED.length).split('.')[0];
  return name === '' ? undefined : FLATTENED + name;
}

function collect(node: TestValue, path: string, rawPath: string, out: Leaf[]): void {
  if (node === null) return;
  if (node instanceof RawNumber) {
    out.push({ path, value: { text: node.text, rawPath } });
  } else if (Array.isArray(node)) {
    node.forEach((item, i) => collect(item, path, `${rawPath}[${i}]`, out));
  } else if (typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      collect(value, path === '' ? key : `${path}.${key}`,
        rawPath === '' ? key : `${rawPath}.${key}`, out);
    }
  } else {
    out.push({ path, value: { text: String(node), rawPath } });
  }
}

function toPlain(node: TestValue): JsonPlain {
  if (node instanceof RawNumber) return Number(node.text);
  if (Array.isArray(node)) return node.map(toPlain);
  if (node !== null && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, toPlain(v)]));
  }
  return node;
}
