// The checks of an exceptions file that a JSON schema cannot express or cannot word well: the
// value an operator takes, real calendar dates, expiry after creation, repeated ids, and (when
// the caller knows them) field names, field types and rule ids.
import type { FieldType, JsonPlain } from '../types';
import { ALL_RULES_KEY, type ExceptionOperator } from './exception-types';
import { parseIpBlock } from './ip-match';
import { parseIsoInstant } from './iso-date';
import { escapePointerToken } from './json-pointers';
import { OPERATORS, WILDCARD_FIELD_TYPES, isExceptionOperator } from './operators';

/** What the checks may know about the workspace. */
export interface CheckOptions {
  /** The field catalog: an ECS field's type, or undefined for a field no event has. */
  fieldTypeOf?: (field: string) => FieldType | undefined;
  /** Ids of the loaded rules; items filed under another id apply to nothing. */
  knownRuleIds?: ReadonlySet<string>;
}

/** A problem found by the checks, located by JSON Pointer. */
export interface CheckIssue {
  pointer: string;
  anchor: 'key' | 'value';
  message: string;
  severity: 'error' | 'warning';
}

type PlainObject = { [key: string]: JsonPlain };

function isObject(value: JsonPlain | undefined): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Runs the semantic checks over a parsed exceptions file. */
export function checkExceptions(root: JsonPlain, options: CheckOptions = {}): CheckIssue[] {
  const issues: CheckIssue[] = [];
  if (!isObject(root) || !isObject(root.exceptions)) return issues;

  const seenIds = new Map<string, string>();
  for (const [ruleId, items] of Object.entries(root.exceptions)) {
    const rulePointer = `/exceptions/${escapePointerToken(ruleId)}`;
    if (options.knownRuleIds !== undefined && ruleId !== ALL_RULES_KEY && ruleId !== ''
      && !options.knownRuleIds.has(ruleId)) {
      issues.push({ pointer: rulePointer, anchor: 'key', severity: 'warning',
        message: `No loaded rule has the id "${ruleId}": these items apply to nothing.` });
    }
    if (!Array.isArray(items)) continue;

    items.forEach((item, i) => {
      if (isObject(item)) checkItem(item, `${rulePointer}/${i}`, seenIds, options, issues);
    });
  }
  return issues;
}

function checkItem(item: PlainObject, pointer: string, seenIds: Map<string, string>,
  options: CheckOptions, issues: CheckIssue[]): void {
  // repeated ids: findings name their item by id, so two items would be indistinguishable
  if (typeof item.id === 'string') {
    if (seenIds.has(item.id)) {
      issues.push({ pointer: `${pointer}/id`, anchor: 'value', severity: 'warning',
        message: `Another item already has the id "${item.id}"; ids should be unique.` });
    } else {
      seenIds.set(item.id, pointer);
    }
  }

  checkDates(item, pointer, issues);

  if (Array.isArray(item.entries)) {
    item.entries.forEach((entry, i) => {
      if (isObject(entry)) checkEntry(entry, `${pointer}/entries/${i}`, options, issues);
    });
  }
}

function checkDates(item: PlainObject, pointer: string, issues: CheckIssue[]): void {
  const instants: { [key: string]: number | undefined } = {};

  for (const key of ['created', 'expires']) {
    const text = item[key];
    if (typeof text !== 'string') continue;
    instants[key] = parseIsoInstant(text);
    // the schema's pattern already reports text that is not shaped like a date
    if (instants[key] === undefined && /^\d{4}-\d{2}-\d{2}/.test(text)) {
      issues.push({ pointer: `${pointer}/${key}`, anchor: 'value', severity: 'error',
        message: `"${text}" is not a real date or time.` });
    }
  }

  const { created, expires } = instants;
  if (created !== undefined && expires !== undefined && expires <= created) {
    issues.push({ pointer: `${pointer}/expires`, anchor: 'value', severity: 'warning',
      message: '"expires" is not after "created": this item never suppressed anything.' });
  }
}

function checkEntry(entry: PlainObject, pointer: string, options: CheckOptions,
  issues: CheckIssue[]): void {
  const operator = entry.operator;
  if (typeof operator !== 'string' || !isExceptionOperator(operator)) return;
  const { operand } = OPERATORS[operator];

  // the value property must match the operator: exactly the one it takes, and no other
  for (const key of ['value', 'values'] as const) {
    if (key === operand && entry[key] === undefined) {
      issues.push({ pointer, anchor: 'value', severity: 'error',
        message: `Operator "${operator}" needs "${key}".` });
    } else if (key !== operand && entry[key] !== undefined) {
      issues.push({ pointer: `${pointer}/${key}`, anchor: 'key', severity: 'error',
        message: operand === 'none'
          ? `Operator "${operator}" takes no "${key}".`
          : `Operator "${operator}" takes "${operand}", not "${key}".` });
    }
  }

  if (typeof entry.field === 'string' && options.fieldTypeOf !== undefined) {
    checkFieldType(entry, entry.field, operator, pointer, options.fieldTypeOf, issues);
  }
}

function checkFieldType(entry: PlainObject, field: string, operator: ExceptionOperator,
  pointer: string, fieldTypeOf: (field: string) => FieldType | undefined,
  issues: CheckIssue[]): void {
  const type = fieldTypeOf(field);
  const warn = (at: string, message: string): void => {
    issues.push({ pointer: at, anchor: 'value', severity: 'warning', message });
  };

  if (type === undefined) {
    warn(`${pointer}/field`, `"${field}" is not a field of the CloudTrail ECS mapping: no event `
      + `has it, so "${operator}" ${OPERATORS[operator].negates ? 'always' : 'never'} `
      + 'holds.');
    return;
  }

  const wildcard = operator === 'matches' || operator === 'does not match';
  if (wildcard && !WILDCARD_FIELD_TYPES.has(type)) {
    warn(`${pointer}/operator`, `"${operator}" works on keyword and text fields only; `
      + `"${field}" is of type ${type}, so no value of it matches.`);
  }
  if (wildcard) return;

  // a term query cannot find a value the field type cannot hold
  const single = typeof entry.value === 'string';
  const values = single ? [entry.value as string]
    : Array.isArray(entry.values) ? entry.values.filter((v) => typeof v === 'string') : [];
  const at = `${pointer}/${single ? 'value' : 'values'}`;
  for (const value of values) {
    if (type === 'ip' && parseIpBlock(value) === undefined) {
      warn(at, `"${value}" is neither an IP address nor a CIDR block, and "${field}" is an `
        + 'ip field.');
    } else if ((type === 'long' || type === 'double') && !isNumeric(value)) {
      warn(at, `"${value}" is not a number, and "${field}" is a numeric field.`);
    }
  }
}

function isNumeric(text: string): boolean {
  return text.trim() !== '' && Number.isFinite(Number(text));
}
