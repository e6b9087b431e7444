// Reads the values of named ECS fields from a mapped document, with the raw path and span they
// came from: the material of Finding.fields and Finding.fieldSources.
import type { EcsDocument, JsonPlain, Span } from '../types';

/** Fields worth showing with any finding, whatever the rule lists. */
export const DEFAULT_INVESTIGATION_FIELDS: readonly string[] = [
  '@timestamp', 'event.provider', 'event.action', 'event.outcome', 'aws.cloudtrail.error_code',
  'user.name', 'user.id', 'aws.cloudtrail.user_identity.type',
  'aws.cloudtrail.user_identity.arn', 'aws.cloudtrail.user_identity.access_key_id',
  'source.address', 'user_agent.original', 'cloud.account.id', 'cloud.region',
];

export interface FieldReading {
  /** The value as _source holds it (a list when several), or the indexed texts. */
  value: JsonPlain;
  rawPath?: string;
  span?: Span;
}

export interface InvestigationValues {
  fields: { [ecsField: string]: JsonPlain };
  fieldSources: { [ecsField: string]: { rawPath?: string; span?: Span } };
}

/** The value of one field, or undefined when the document has none. */
export function readField(document: EcsDocument, name: string): FieldReading | undefined {
  const indexed = document.field(name);
  const fromSource = valueAtPath(document.source, name);
  let value: JsonPlain | undefined = fromSource;
  if (value === undefined && indexed !== undefined && indexed.values.length > 0) {
    const texts = indexed.values.map((entry) => entry.text);
    value = texts.length === 1 ? texts[0] : texts;
  }
  if (value === undefined) return undefined;

  const first = indexed?.values.find((entry) =>
    entry.rawPath !== undefined || entry.span !== undefined);
  const reading: FieldReading = { value };
  if (first?.rawPath !== undefined) reading.rawPath = first.rawPath;
  if (first?.span !== undefined) reading.span = first.span;
  return reading;
}

/** Values and provenance of the named fields (those the document lacks are left out). */
export function readInvestigationFields(document: EcsDocument,
  names: readonly string[]): InvestigationValues {
  const result: InvestigationValues = { fields: {}, fieldSources: {} };
  for (const name of names) {
    const reading = readField(document, name);
    if (reading === undefined) continue;
    Object.defineProperty(result.fields, name, {
      value: reading.value, enumerable: true, writable: true, configurable: true,
    });
    const origin: { rawPath?: string; span?: Span } = {};
    if (reading.rawPath !== undefined) origin.rawPath = reading.rawPath;
    if (reading.span !== undefined) origin.span = reading.span;
    Object.defineProperty(result.fieldSources, name, {
      value: origin, enumerable: true, writable: true, configurable: true,
    });
  }
  return result;
}

/**
 * The value at a dotted field path of a _source object: keys may themselves hold dots
 * ({"a.b": 1} is field a.b) and arrays are looked through, their matches collected.
 */
export function valueAtPath(source: JsonPlain, path: string): JsonPlain | undefined {
  const found: JsonPlain[] = [];
  collect(source, path.split('.'), 0, found);
  if (found.length === 0) return undefined;
  return found.length === 1 ? found[0] : found.flatMap((value) => value);
}

function collect(value: JsonPlain, segments: readonly string[], from: number,
  found: JsonPlain[]): void {
  if (from === segments.length) {
    found.push(value);
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) collect(item, segments, from, found);
    return;
  }
  if (value === null || typeof value !== 'object') return;

  // Try every split: "a.b" as one key, or "a" then "b".
  for (let to = from + 1; to <= segments.length; to++) {
    const key = segments.slice(from, to).join('.');
    if (Object.prototype.hasOwnProperty.call(value, key)) {
      collect(value[key], segments, to, found);
    }
  }
}
