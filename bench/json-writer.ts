// Writes generated records as JSON text with full control over the bytes: key order (including
// integer-like keys, which JavaScript objects would reorder), number spelling, escapes that
// hide characters (\u0044 for "D"), and compact or indented layout.

/** JSON text inserted as it is (a number spelled 1.50, a string with chosen escapes). */
export interface RawJson {
  raw: string;
}

/** An object as an ordered list of members; a key may be raw JSON text (an escaped key). */
export interface OrderedObject {
  members: [string | RawJson, JsonValue][];
}

export type JsonValue = null | boolean | number | string | RawJson | OrderedObject | JsonValue[];

/** Builds an ordered object from [key, value] pairs. */
export function obj(...members: [string | RawJson, JsonValue][]): OrderedObject {
  return { members };
}

/** Raw JSON text for a value. */
export function raw(text: string): RawJson {
  return { raw: text };
}

/** Whether a value is an ordered object. */
export function isObject(value: JsonValue): value is OrderedObject {
  return value !== null && typeof value === 'object' && 'members' in value;
}

/** The value of a member of an ordered object, if present (first occurrence). */
export function member(object: OrderedObject, key: string): JsonValue | undefined {
  return object.members.find(([k]) => k === key)?.[1];
}

/** Writes a value; `indent` > 0 pretty-prints it with that many spaces per level. */
export function writeJson(value: JsonValue, indent = 0, depth = 0): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'number') {
    return JSON.stringify(value);
  }
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) {
    const items = value.map((v) => writeJson(v, indent, depth + 1));
    return writeContainer('[', ']', items, indent, depth);
  }
  if ('raw' in value) return value.raw;

  const parts = value.members.map(([key, v]) => {
    const keyText = typeof key === 'string' ? JSON.stringify(key) : key.raw;
    return `${keyText}:${indent > 0 ? ' ' : ''}${writeJson(v, indent, depth + 1)}`;
  });
  return writeContainer('{', '}', parts, indent, depth);
}

// Joins the parts of one container, compact or with one part per line.
function writeContainer(open: string, close: string, parts: string[], indent: number,
  depth: number): string {
  if (parts.length === 0) return open + close;
  if (indent === 0) return open + parts.join(',') + close;

  const inner = '\n' + ' '.repeat(indent * (depth + 1));
  return open + inner + parts.join(',' + inner) + '\n' + ' '.repeat(indent * depth) + close;
}
