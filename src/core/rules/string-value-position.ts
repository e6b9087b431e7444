// Where a character of a TOML string value sits in the file, so that a problem found inside the
// value (a KQL syntax error in a rule's query) points at the file's own line and character.
// Literal strings (' and ''') hold each character as it is. Basic strings (" and """) are
// decoded again here, escape by escape: an escaped character maps to its backslash, and the
// text a line-ending backslash trims maps to nothing. Should this decoding not give the value
// smol-toml gave (an escape this reader does not know), the start of the value is the answer:
// an approximate place, never a wrong one.
import type { Position } from '../types';
import { positionAt, stringValueStart, type TomlKeyLocation } from './toml-locate';

/** What one step of decoding a basic string gives: its characters and where the next starts. */
interface Decoded {
  chars: string;
  next: number;
}

const SIMPLE_ESCAPES = new Map<string, string>([
  ['b', '\b'], ['t', '\t'], ['n', '\n'], ['f', '\f'], ['r', '\r'], ['e', '\u001b'],
  ['"', '"'], ['\\', '\\'],
]);

/** Hex digits an escape takes after its letter. */
const HEX_ESCAPES = new Map<string, number>([['x', 2], ['u', 4], ['U', 8]]);

const HEX = /^[0-9A-Fa-f]+$/;

/**
 * The position in `text` of the character at `offset` of the string `value`, the parsed value
 * of the key at `location`. An offset at the end of the value points just after its last
 * character (where a syntax error "found the end of the query" sits).
 */
export function stringValuePosition(text: string, location: TomlKeyLocation, value: string,
  offset: number): Position {
  const start = stringValueStart(text, location);
  if (start === undefined) return location.value;

  const wanted = Math.max(0, Math.min(offset, value.length));
  const raw = start.exact
    ? literalOffset(text, start.offset, value, wanted)
    : basicOffset(text, start.offset, text.startsWith('"""', location.valueOffset), value, wanted);
  return raw === undefined ? location.value : positionAt(text, raw);
}

/** A literal string holds the value as it is, from `from` on. */
function literalOffset(text: string, from: number, value: string,
  wanted: number): number | undefined {
  return text.startsWith(value, from) ? from + wanted : undefined;
}

/** Decodes a basic string from `from` until it has given the whole value; see the header. */
function basicOffset(text: string, from: number, multiline: boolean, value: string,
  wanted: number): number | undefined {
  const parts: string[] = [];
  let length = 0;
  let found: number | undefined;
  let pos = from;

  while (length < value.length) {
    if (pos >= text.length) return undefined;
    const step = text[pos] === '\\' ? decodeEscape(text, pos, multiline)
      : { chars: text[pos], next: pos + 1 };
    if (step === undefined) return undefined;

    if (found === undefined && wanted < length + step.chars.length) found = pos;
    parts.push(step.chars);
    length += step.chars.length;
    pos = step.next;
  }

  // the decoding must agree with smol-toml's, or no offset of it can be trusted
  if (parts.join('') !== value) return undefined;
  return found ?? pos;
}

/** One escape sequence at `pos` (a backslash), or undefined for one TOML does not define. */
function decodeEscape(text: string, pos: number, multiline: boolean): Decoded | undefined {
  const letter = text[pos + 1] ?? '';
  const simple = SIMPLE_ESCAPES.get(letter);
  if (simple !== undefined) return { chars: simple, next: pos + 2 };

  const digits = HEX_ESCAPES.get(letter);
  if (digits !== undefined) {
    const hex = text.slice(pos + 2, pos + 2 + digits);
    if (hex.length !== digits || !HEX.test(hex)) return undefined;
    const code = Number.parseInt(hex, 16);
    if (code > 0x10ffff) return undefined;
    return { chars: String.fromCodePoint(code), next: pos + 2 + digits };
  }

  return multiline ? lineEndingBackslash(text, pos) : undefined;
}

/**
 * A backslash that ends a line of a multi-line basic string: it, the blanks after it, the line
 * break and every blank or line break up to the next other character are dropped.
 */
function lineEndingBackslash(text: string, pos: number): Decoded | undefined {
  let next = pos + 1;
  while (text[next] === ' ' || text[next] === '\t') next++;
  if (text[next] !== '\n' && !text.startsWith('\r\n', next)) return undefined;

  while (next < text.length && ' \t\r\n'.includes(text[next])) next++;
  return { chars: '', next };
}
