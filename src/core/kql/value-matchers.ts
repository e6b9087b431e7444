// How one clause compares with the values of one field, by the field's Elasticsearch type
// (kql-semantics.md, section 4). Each builder returns a test over an IndexedField that tells
// whether the clause holds, which value satisfied it, and why not when Elasticsearch would
// refuse the clause for that type. Per-type work (parsing the query value as an address, a
// number or a date) is done once per type and cached.
import type { FieldType, IndexedField, IndexedValue } from '../types';
import type { KqlLiteral, RangeOperator } from './ast';
import { literalText } from './ast';
import { parseDateMillis } from './date-value';
import { compareIp, ipInPrefix, parseCidr, parseIp } from '../ip-address';
import { analyzeText, containsPhrase } from './text-analysis';
import type { WildcardPattern } from './wildcard';
import { compileWildcard, matchesWildcard } from './wildcard';

/** What one clause found in one field. */
export interface FieldOutcome {
  matched: boolean;
  /** The value that satisfied the clause, or the first value when none did. */
  value?: IndexedValue;
  note?: string;
}

/** A clause's test over one field: a fast yes or no, and the outcome with its evidence. */
export interface FieldTest {
  holds: (field: IndexedField) => boolean;
  outcome: (field: IndexedField) => FieldOutcome;
}

/** Why Elasticsearch would refuse a clause for a field type (the query fails there). */
interface Refusal {
  refused: string;
}

type ValueTest = ((text: string) => boolean) | Refusal;
type TestFactory = (type: FieldType) => ValueTest;

const STRING_TYPES = new Set<FieldType>(
  ['keyword', 'constant_keyword', 'flattened_root', 'flattened_keyed']);

export const NULL_UNSUPPORTED = 'Unquoted null is not supported: what Elasticsearch does with '
  + 'it is not confirmed. Quote it ("null") to search for the word.';

export const KEYED_WILDCARD_NOTE = 'Wildcards on keyed flattened fields are rejected or '
  + 'matched more broadly by Elasticsearch depending on its version (kql-semantics.md 4.4); '
  + 'evaluated as a whole-value pattern on the leaves at this exact path.';

export const KEYED_RANGE_REFUSAL = 'Elasticsearch rejects ranges on keyed flattened fields '
  + 'unless both bounds are given, and a KQL range has one bound.';

/** The test for `field: value` (value not a lone `*`). */
export function termTest(literal: KqlLiteral): FieldTest {
  return fieldTest(termFactory(literal), (type) =>
    literal.kind === 'wildcard' && type === 'flattened_keyed' ? KEYED_WILDCARD_NOTE : undefined);
}

/** The test for `field < value` and the other range operators. */
export function rangeTest(operator: RangeOperator, literal: KqlLiteral): FieldTest {
  return fieldTest(rangeFactory(operator, literal));
}

/** The test for `field: *`: at least one searchable value. */
export function existsTest(): FieldTest {
  return {
    holds: (field) => field.searchable && field.values.length > 0,
    outcome: (field) => {
      const first = field.values[0];
      if (!field.searchable) return { matched: false, value: first, note: unsearchable(field) };
      return { matched: first !== undefined, value: first, note: typeNote(field) };
    },
  };
}

/** Why a value is there at all, for fields whose value does not come from the record's text. */
function typeNote(field: IndexedField): string | undefined {
  return field.type === 'constant_keyword'
    ? 'a constant of the CloudTrail data stream (constant_keyword), not read from the record'
    : undefined;
}

/** Why Elasticsearch would refuse `field: value` on a field of `type`, if it would. */
export function termRefusal(literal: KqlLiteral, type: FieldType): string | undefined {
  const test = termFactory(literal)(type);
  return typeof test === 'function' ? undefined : test.refused;
}

/** Why Elasticsearch would refuse the range on a field of `type`, if it would. */
export function rangeRefusal(operator: RangeOperator, literal: KqlLiteral,
  type: FieldType): string | undefined {
  const test = rangeFactory(operator, literal)(type);
  return typeof test === 'function' ? undefined : test.refused;
}

function fieldTest(factory: TestFactory,
  matchNote: (type: FieldType) => string | undefined = () => undefined): FieldTest {
  const cache = new Map<FieldType, ValueTest>();
  const testFor = (type: FieldType): ValueTest => {
    let test = cache.get(type);
    if (test === undefined) {
      test = factory(type);
      cache.set(type, test);
    }
    return test;
  };

  return {
    holds: (field) => {
      if (!field.searchable) return false;
      const test = testFor(field.type);
      if (typeof test !== 'function') return false;
      const { values } = field;
      for (let i = 0; i < values.length; i++) {
        if (test(values[i].text)) return true;
      }
      return false;
    },
    outcome: (field) => {
      const first = field.values[0];
      if (!field.searchable) return { matched: false, value: first, note: unsearchable(field) };
      const test = testFor(field.type);
      if (typeof test !== 'function') return { matched: false, value: first, note: test.refused };

      const note = matchNote(field.type) ?? typeNote(field);
      for (const value of field.values) {
        if (test(value.text)) return { matched: true, value, note };
      }
      return { matched: false, value: first, note };
    },
  };
}

function unsearchable(field: IndexedField): string {
  return `Not searchable in Elasticsearch: ${field.unsearchableReason
    ?? 'the value exceeds the limit of the field'}.`;
}

function termFactory(literal: KqlLiteral): TestFactory {
  if (literal.kind === 'null') return () => ({ refused: NULL_UNSUPPORTED });
  if (literal.kind === 'wildcard') {
    const pattern = compileWildcard(literal.parts);
    return (type) => wildcardValueTest(pattern, type);
  }

  const query = literalText(literal) ?? '';
  const phrase = literal.kind === 'string' && literal.quoted;
  return (type) => exactValueTest(query, phrase, type);
}

function exactValueTest(query: string, phrase: boolean, type: FieldType): ValueTest {
  if (STRING_TYPES.has(type)) return (text) => text === query;

  switch (type) {
    case 'text': {
      // Unquoted values are a `match` query (any word), quoted ones a `match_phrase`.
      const words = analyzeText(query);
      if (phrase) return (text) => containsPhrase(analyzeText(text), words);
      const wanted = new Set(words);
      return (text) => analyzeText(text).some((w) => wanted.has(w));
    }
    case 'ip': {
      if (query.includes('/')) {
        const prefix = parseCidr(query);
        if (!prefix) return refuse(`"${query}" is not a CIDR block, so Elasticsearch rejects it`);
        return (text) => {
          const address = parseIp(text);
          return address !== undefined && ipInPrefix(address, prefix);
        };
      }
      const wanted = parseIp(query);
      if (!wanted) return refuse(`"${query}" is not an IP address, so Elasticsearch rejects it`);
      return (text) => {
        const address = parseIp(text);
        return address !== undefined && compareIp(address, wanted) === 0;
      };
    }
    case 'boolean':
      if (query !== 'true' && query !== 'false') {
        return refuse(notABoolean(query));
      }
      return (text) => text === query;
    case 'long':
    case 'double':
      if (!isNumberText(query)) return refuse(notANumber(query));
      return (text) => compareNumbers(text, query) === 0;
    case 'date': {
      const low = parseDateMillis(query, false);
      const high = parseDateMillis(query, true);
      if (low === undefined || high === undefined) return refuse(notADate(query));
      return (text) => {
        const at = parseDateMillis(text, false);
        return at !== undefined && at >= low && at <= high;
      };
    }
    default:
      return refuse(`Fields of type ${type} are not supported`);
  }
}

function wildcardValueTest(pattern: WildcardPattern, type: FieldType): ValueTest {
  if (STRING_TYPES.has(type)) return (text) => matchesWildcard(pattern, text);

  if (type === 'text') {
    // The pattern is normalised (lower-cased) like the words it is compared with.
    const lowered = compileWildcard(pattern.parts.map((p) => p.toLowerCase()));
    return (text) => analyzeText(text).some((w) => matchesWildcard(lowered, w));
  }
  return refuse(`Elasticsearch rejects wildcard queries on fields of type ${type}`);
}

function rangeFactory(operator: RangeOperator, literal: KqlLiteral): TestFactory {
  if (literal.kind === 'null') return () => ({ refused: NULL_UNSUPPORTED });
  // A wildcard in a range is plain text: Kibana sends its stars as they are.
  const query = literalText(literal) ?? '';
  const holds = (order: number): boolean => orderHolds(order, operator);

  return (type) => {
    if (type === 'flattened_keyed') return refuse(KEYED_RANGE_REFUSAL);
    if (STRING_TYPES.has(type)) return (text) => holds(compareCodePoints(text, query));

    switch (type) {
      case 'text':
        return (text) => analyzeText(text).some((w) => holds(compareCodePoints(w, query)));
      case 'ip': {
        const bound = parseIp(query);
        if (!bound) return refuse(`"${query}" is not an IP address, so Elasticsearch rejects it`);
        return (text) => {
          const address = parseIp(text);
          return address !== undefined && holds(compareIp(address, bound));
        };
      }
      case 'boolean': {
        if (query !== 'true' && query !== 'false') {
          return refuse(notABoolean(query));
        }
        const rank = (text: string): number => (text === 'true' ? 1 : 0);
        return (text) => holds(rank(text) - rank(query));
      }
      case 'long':
      case 'double':
        if (!isNumberText(query)) return refuse(notANumber(query));
        return (text) => {
          const order = compareNumbers(text, query);
          return order !== undefined && holds(order);
        };
      case 'date': {
        // `>` and `<=` round the bound up over missing components, `>=` and `<` round down.
        const bound = parseDateMillis(query, operator === '>' || operator === '<=');
        if (bound === undefined) return refuse(notADate(query));
        return (text) => {
          const at = parseDateMillis(text, false);
          return at !== undefined && holds(at - bound);
        };
      }
      default:
        return refuse(`Fields of type ${type} are not supported`);
    }
  };
}

function orderHolds(order: number, operator: RangeOperator): boolean {
  switch (operator) {
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
  }
}

function refuse(reason: string): Refusal {
  return { refused: `${reason}.` };
}

function notABoolean(query: string): string {
  return `Elasticsearch accepts only true or false on a boolean field, not "${query}"`;
}

function notANumber(query: string): string {
  return `"${query}" is not a number, so Elasticsearch rejects it`;
}

function notADate(query: string): string {
  return `"${query}" is not a date in the default format (strict_date_optional_time or epoch `
    + 'milliseconds; date math is not supported here), so the clause cannot be evaluated';
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;

function isNumberText(text: string): boolean {
  return NUMBER.test(text);
}

// Integers are compared exactly (longs go beyond 2^53); anything else as doubles.
function compareNumbers(a: string, b: string): number | undefined {
  if (!NUMBER.test(a) || !NUMBER.test(b)) return undefined;
  if (INTEGER.test(a) && INTEGER.test(b)) {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return Math.sign(Number(a) - Number(b));
}

/**
 * Compare strings in Unicode code point order, which is the UTF-8 byte order Elasticsearch
 * sorts keyword terms in (UTF-16 code unit order differs for characters above U+FFFF).
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

// Surrogates (the halves of characters above U+FFFF) sort after U+E000..U+FFFF.
function codePointRank(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800;
  if (unit >= 0xd800) return unit + 0x2000;
  return unit;
}
