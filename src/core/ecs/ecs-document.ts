// The EcsDocument handed to the query engine: the nested _source, plus one IndexedField per
// field name in a Map built once, so that lookups during evaluation cost one hash probe.
import { setOwn } from '../json/json-plain';
import type { EcsDocument, FieldType, IndexedField, IndexedValue, JsonPlain } from '../types';
import { fieldTypeOf } from './fields';

/** An EcsDocument that also says whether Elasticsearch would refuse to index it. */
export interface MappedDocument extends EcsDocument {
  /**
   * Set when Elasticsearch would reject the whole document at indexing time (for example a
   * flattened object nested deeper than 20 levels): no rule could then match it.
   */
  rejection?: string;
}

/** A field as a mapping step produces it. */
export interface FieldSpec {
  name: string;
  /** Type override; by default the catalog's type, keyword for unknown fields. */
  type?: FieldType;
  values: IndexedValue[];
  searchable?: boolean;
  unsearchableReason?: string;
  /** False for fields a field pattern would not list (keyed flattened sub-paths). */
  listed?: boolean;
}

/** The document implementation shared by mapRecord and mapEcsSource. */
export class IndexedEcsDocument implements MappedDocument {
  readonly notes: string[];
  rejection?: string;
  private readonly fields = new Map<string, IndexedField>();
  private readonly listedNames: string[] = [];
  private sourceValue: { [key: string]: JsonPlain } | undefined;
  private buildSource: (() => { [key: string]: JsonPlain }) | undefined;

  /** The source, or a function that builds it when it is first read. */
  constructor(source: { [key: string]: JsonPlain } | (() => { [key: string]: JsonPlain }),
    notes: string[] = []) {
    if (typeof source === 'function') this.buildSource = source;
    else this.sourceValue = source;
    this.notes = notes;
  }

  get source(): { [key: string]: JsonPlain } {
    if (this.sourceValue === undefined) {
      this.sourceValue = (this.buildSource as () => { [key: string]: JsonPlain })();
      this.buildSource = undefined;
    }
    return this.sourceValue;
  }

  /** Adds a field, or more values to a field already present. */
  addField(spec: FieldSpec): void {
    const existing = this.fields.get(spec.name);
    if (existing !== undefined) {
      existing.values.push(...spec.values);
      if (spec.searchable === false) {
        existing.searchable = false;
        existing.unsearchableReason = spec.unsearchableReason;
      }
      return;
    }

    const field: IndexedField = {
      type: spec.type ?? fieldTypeOf(spec.name) ?? 'keyword',
      values: [...spec.values],
      searchable: spec.searchable ?? true,
    };
    if (spec.unsearchableReason !== undefined) field.unsearchableReason = spec.unsearchableReason;
    this.fields.set(spec.name, field);
    if (spec.listed !== false) this.listedNames.push(spec.name);
  }

  field(name: string): IndexedField | undefined {
    return this.fields.get(name);
  }

  /** Leaf fields with values, flattened roots included, keyed flattened sub-paths not. */
  fieldNames(): Iterable<string> {
    return this.listedNames;
  }
}

// Field names repeat from document to document: their splits are kept (up to a bound).
const pathSegments = new Map<string, string[]>();

/** Stores value at a dotted path of a nested object, creating the objects on the way. */
export function setNested(target: { [key: string]: JsonPlain }, path: string,
  value: JsonPlain): void {
  let segments = pathSegments.get(path);
  if (segments === undefined) {
    segments = path.split('.');
    if (pathSegments.size < 10_000) pathSegments.set(path, segments);
  }
  let current = target;
  for (let i = 0; i < segments.length - 1; i++) {
    const segment = segments[i];
    const next = Object.prototype.hasOwnProperty.call(current, segment) ? current[segment]
      : undefined;
    if (next !== null && typeof next === 'object' && !Array.isArray(next)) {
      current = next;
    } else {
      const created: { [key: string]: JsonPlain } = {};
      setOwn(current, segment, created);
      current = created;
    }
  }
  setOwn(current, segments[segments.length - 1], value);
}
