// Decides whether an exception item exempts an event, the way the detection engine's exception
// filter does: Kibana (x-pack lists plugin, build_exception_filter.ts) turns each entry into a
// query (match_phrase for is / is one of, wildcard for matches, exists), wraps the negative
// operators in must_not, ANDs the entries of an item, ORs the items, and excludes the result
// from the rule's search. So a multi-valued field satisfies a positive operator when any value
// does, and a negative one when none does; and a value Elasticsearch cannot search (over
// ignore_above) satisfies no positive operator, not even exists.
import type { EcsDocument, FieldType, IndexedField } from '../types';
import {
  ALL_RULES_KEY, type ExceptionEntry, type ExceptionItem, type ExceptionOperator,
  type ExceptionsFile,
} from './exception-types';
import { ipInBlock, parseIpBlock } from './ip-match';
import { parseIsoInstant } from './iso-date';
import { OPERATORS, WILDCARD_FIELD_TYPES } from './operators';
import { compileWildcard, type WildcardPattern } from './wildcard-pattern';

/** The outcome of the exceptions for one rule and one event. */
export interface ExceptionEvaluation {
  /** The first unexpired item that matches the event: the finding is suppressed. */
  suppressedBy?: ExceptionItem;
  /** Items that match the event but have expired, so no longer suppress it. */
  expired: ExceptionItem[];
}

const compiledPatterns = new WeakMap<ExceptionEntry, WildcardPattern>();

/** Evaluates a rule's exception items (and the items for every rule) against one event. */
export function evaluateExceptions(ruleId: string, doc: EcsDocument,
  file: ExceptionsFile | undefined, now: Date): ExceptionEvaluation {
  const result: ExceptionEvaluation = { expired: [] };
  if (file === undefined) return result;

  const items = [...itemsOf(file, ruleId),
    ...(ruleId === ALL_RULES_KEY ? [] : itemsOf(file, ALL_RULES_KEY))];
  for (const item of items) {
    if (!itemMatches(item, doc)) continue;
    if (isExpired(item, now)) {
      result.expired.push(item);
    } else if (result.suppressedBy === undefined) {
      result.suppressedBy = item;
    }
  }
  return result;
}

/**
 * The items filed under a rule id. Own properties only: a rule may be called "constructor"
 * or "toString", and Object.prototype's members are not lists of items.
 */
function itemsOf(file: ExceptionsFile, ruleId: string): ExceptionItem[] {
  return Object.prototype.hasOwnProperty.call(file.exceptions, ruleId)
    ? file.exceptions[ruleId] : [];
}

/** Whether an item has expired at a given instant (an unreadable date never expires). */
export function isExpired(item: ExceptionItem, now: Date): boolean {
  if (item.expires === undefined) return false;
  const expires = parseIsoInstant(item.expires);
  return expires !== undefined && now.getTime() >= expires;
}

/** Every expired item of the file, with the rule id it is filed under. */
export function listExpiredItems(file: ExceptionsFile, now: Date):
  { ruleId: string; item: ExceptionItem }[] {
  return Object.entries(file.exceptions).flatMap(([ruleId, items]) =>
    items.filter((item) => isExpired(item, now)).map((item) => ({ ruleId, item })));
}

/** Whether all entries of an item hold for an event (expiry not considered). */
export function itemMatches(item: ExceptionItem, doc: EcsDocument): boolean {
  return item.entries.length > 0 && item.entries.every((entry) => entryHolds(entry, doc));
}

/** Whether one entry holds for an event. */
export function entryHolds(entry: ExceptionEntry, doc: EcsDocument): boolean {
  const { negates } = OPERATORS[entry.operator];
  const held = positiveHolds(negates ?? entry.operator, entry, doc.field(entry.field));
  return negates === undefined ? held : !held;
}

function positiveHolds(operator: ExceptionOperator, entry: ExceptionEntry,
  field: IndexedField | undefined): boolean {
  if (field === undefined || !field.searchable || field.values.length === 0) return false;

  switch (operator) {
    case 'exists':
      return true;
    case 'is':
      return entry.value !== undefined && field.values.some((v) =>
        valueEquals(field.type, v.text, entry.value as string));
    case 'is one of':
      return (entry.values ?? []).some((wanted) =>
        field.values.some((v) => valueEquals(field.type, v.text, wanted)));
    case 'matches': {
      if (entry.value === undefined || !WILDCARD_FIELD_TYPES.has(field.type)) return false;
      const pattern = patternOf(entry, entry.value);
      return field.values.some((v) => pattern.test(v.text));
    }
    default:
      return false;
  }
}

function patternOf(entry: ExceptionEntry, value: string): WildcardPattern {
  let pattern = compiledPatterns.get(entry);
  if (pattern === undefined) {
    pattern = compileWildcard(value);
    compiledPatterns.set(entry, pattern);
  }
  return pattern;
}

// Equality as a term query on the field's type sees it: addresses and CIDR blocks on ip
// fields, numbers on numeric fields, instants on date fields, exact text elsewhere.
function valueEquals(type: FieldType, indexed: string, wanted: string): boolean {
  switch (type) {
    case 'ip': {
      const block = parseIpBlock(wanted);
      return block !== undefined && ipInBlock(indexed, block);
    }
    case 'long':
    case 'double':
      return wanted.trim() !== '' && Number(wanted) === Number(indexed);
    case 'date': {
      const [a, b] = [parseIsoInstant(indexed), parseIsoInstant(wanted)];
      return a !== undefined && b !== undefined ? a === b : indexed === wanted;
    }
    default:
      return indexed === wanted;
  }
}

/** What a scan asks of the exceptions: which item, if any, suppresses a rule on a document. */
export type SuppressionLookup =
  (ruleId: string, doc: EcsDocument) => { id: string; comment: string } | undefined;

/** A lookup for scanText's `exceptions` option, with expiry judged at `now`. */
export function createExceptionMatcher(file: ExceptionsFile | undefined,
  now: Date): SuppressionLookup {
  return (ruleId, doc) => {
    const item = evaluateExceptions(ruleId, doc, file, now).suppressedBy;
    return item === undefined ? undefined : { id: item.id, comment: item.comment };
  };
}
