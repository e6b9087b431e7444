// Validates the exceptions file against the JSON schema the extension ships for the editor, so
// that the editor and the loader agree, and words Ajv's errors for people. Checks the schema
// cannot word well (operator and value shape, dates) are left to the semantic checks.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import schema from '../../../schemas/exceptions.schema.json';
import { escapePointerToken } from './json-pointers';

/** A schema violation, located by JSON Pointer. */
export interface SchemaViolation {
  pointer: string;
  /** Whether the problem is best shown on the member's key or on its value. */
  anchor: 'key' | 'value';
  message: string;
}

// Annotation keywords of VS Code's JSON language service, used in the schema for the editor.
const EDITOR_KEYWORDS = ['markdownDescription', 'enumDescriptions', 'patternErrorMessage',
  'defaultSnippets'];

let validator: ValidateFunction | undefined;

function getValidator(): ValidateFunction {
  if (validator === undefined) {
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true,
      // the if/then branches name "value" without declaring it again: declared on the entry
      strictRequired: false });
    ajv.addVocabulary(EDITOR_KEYWORDS);
    validator = ajv.compile(schema);
  }
  return validator;
}

/** Every violation of the exceptions schema in a parsed value. */
export function validateExceptionsSchema(value: unknown): SchemaViolation[] {
  const validate = getValidator();
  if (validate(value)) return [];

  // operator/value shape (the if/then branches) is worded by the semantic checks instead, and
  // a bad rule id is worded once, by the propertyNames error rather than its inner one
  const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if'
    && !e.schemaPath.includes('/then/') && !e.schemaPath.includes('/propertyNames/'));
  return errors.map(describe);
}

function describe(error: ErrorObject): SchemaViolation {
  const pointer = error.instancePath;
  const params = error.params as Record<string, unknown>;
  const value = (error as { data?: unknown }).data;

  switch (error.keyword) {
    case 'required':
      return { pointer, anchor: 'value',
        message: `Missing property "${String(params.missingProperty)}".` };
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const allowed = Object.keys(propertiesOf(error.parentSchema));
      return { pointer: `${pointer}/${escapePointerToken(name)}`, anchor: 'key',
        message: `Unknown property "${name}". Allowed here: ${allowed.join(', ')}.` };
    }
    case 'propertyNames':
      return { pointer: `${pointer}/${escapePointerToken(String(params.propertyName))}`,
        anchor: 'key', message: 'A rule id must not be empty.' };
    case 'const':
      return { pointer, anchor: 'value', message: pointer === '/version'
        ? `Unsupported version ${shown(value)}: this file format has version `
          + `${JSON.stringify(params.allowedValue)}.`
        : `Expected ${JSON.stringify(params.allowedValue)}.` };
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map((v) => String(v)).join(', ');
      const what = pointer.endsWith('/operator') ? 'operator' : 'value';
      return { pointer, anchor: 'value',
        message: `Unknown ${what} ${JSON.stringify(value)}. Use one of: ${allowed}.` };
    }
    case 'type':
      return { pointer, anchor: 'value', message: `Expected ${withArticle(String(params.type))}.` };
    case 'minItems':
      return { pointer, anchor: 'value', message: describeMinItems(pointer) };
    case 'uniqueItems': {
      const repeated = Array.isArray(value) ? value[Number(params.i)] as unknown : undefined;
      return { pointer, anchor: 'value',
        message: `"values" lists ${JSON.stringify(repeated)} more than once.` };
    }
    case 'pattern': {
      const custom = (error.parentSchema as { patternErrorMessage?: unknown } | undefined)
        ?.patternErrorMessage;
      return { pointer, anchor: 'value', message: typeof custom === 'string'
        ? custom : `Does not match the pattern ${String(params.pattern)}.` };
    }
    default:
      return { pointer, anchor: 'value', message: error.message ?? 'Invalid value.' };
  }
}

function describeMinItems(pointer: string): string {
  if (pointer.endsWith('/entries')) {
    return 'An exception item needs at least one entry (an item without conditions would '
      + 'exempt every event).';
  }
  if (pointer.endsWith('/values')) return '"values" needs at least one value.';
  return 'Must not be empty.';
}

function propertiesOf(parentSchema: unknown): Record<string, unknown> {
  const properties = (parentSchema as { properties?: unknown } | undefined)?.properties;
  return typeof properties === 'object' && properties !== null
    ? properties as Record<string, unknown> : {};
}

// JSON text of a value, except that a number too large for a double (1e400) reads as
// Infinity rather than as the null JSON.stringify would make of it.
function shown(value: unknown): string {
  return typeof value === 'number' && !Number.isFinite(value) ? String(value)
    : JSON.stringify(value);
}

function withArticle(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
