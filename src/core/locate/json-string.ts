// Unescapes one JSON string token and keeps the way back: lookup-events holds each record as
// an escaped string, and a position found inside the decoded record has to land on the right
// character of the file (bugs.md 2.8).
import { TextBuilder } from '../json/text-builder';
import type { Span } from '../types';

/** A problem inside a string token, at an offset of the text that holds the token. */
export class JsonStringError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
    this.name = 'JsonStringError';
  }
}

/** The decoded content of a string token and a map from decoded indexes to text offsets. */
export interface DecodedJsonString {
  value: string;
  /**
   * The text offset where the decoded code unit `i` comes from: the character itself, or the
   * backslash of the escape that produced it. `i === value.length` maps to the closing quote,
   * so that an end-exclusive range maps to an end-exclusive range.
   */
  toTextOffset: (i: number) => number;
}

const HEX_DIGIT = /^[0-9a-fA-F]{4}$/;

const SIMPLE_ESCAPES: { readonly [escape: string]: string } = {
  '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t',
};

/**
 * Decodes the string token in `span` (quotes included) of `text`. A raw control character is
 * an error unless `allowControls` is set: the locator's scanner lets those other than tab and
 * line breaks through (finding them would cost a search per string), so code that only reads
 * a scanned token (a key, a detail-type) passes true, and the event's parse reports them.
 */
export function decodeJsonStringToken(text: string, span: Span,
  allowControls = false): DecodedJsonString {
  const { start, end } = span;
  if (end - start < 2 || text[start] !== '"' || text[end - 1] !== '"') {
    throw new JsonStringError('Not a complete JSON string token', start);
  }

  const contentStart = start + 1;
  const contentEnd = end - 1;
  if (!allowControls) checkControlCharacters(text, contentStart, contentEnd);

  // Fast path: no escape, so decoded indexes are text offsets shifted by one. (Searching the
  // token's own slice keeps each search inside the token.)
  const content = text.slice(contentStart, contentEnd);
  let backslash = content.indexOf('\\');
  if (backslash === -1) {
    return {
      value: content,
      toTextOffset: (i) => contentStart + clamp(i, 0, content.length),
    };
  }

  // Each escape produces exactly one code unit; remember where it sits in both coordinates
  // (indexes below are relative to the content until they are stored as text offsets; an
  // escape's length is read again from the text when needed).
  const pieces = new TextBuilder();
  const escapes = new EscapeTable(content.length);
  let runStart = 0;
  let valueLength = 0;

  while (backslash !== -1) {
    pieces.add(content.slice(runStart, backslash));
    valueLength += backslash - runStart;

    const { unit, length } = readEscape(text, contentStart + backslash, contentEnd);
    pieces.add(unit);
    escapes.add(valueLength, contentStart + backslash);
    valueLength += 1;

    runStart = backslash + length;
    backslash = content.indexOf('\\', runStart);
  }
  pieces.add(content.slice(runStart));
  valueLength += content.length - runStart;

  const toTextOffset = (i: number): number => {
    const index = clamp(i, 0, valueLength);
    if (index === valueLength) return contentEnd;

    // The last escape at or before the index decides: either it is that escape, or the index
    // sits in the plain run after it.
    const k = escapes.lastAtOrBefore(index);
    if (k === -1) return contentStart + index;
    const escapeAt = escapes.textOffset[k];
    if (escapes.valueIndex[k] === index) return escapeAt;
    return escapeAt + escapeLength(text, escapeAt) + (index - escapes.valueIndex[k] - 1);
  };

  return { value: pieces.take(), toTextOffset };
}

/** Where each escape of one string token produced its code unit, in both coordinates. */
class EscapeTable {
  /** The decoded index of each escape's code unit, ascending. */
  valueIndex: Int32Array;
  /** The text offset of each escape's backslash. */
  textOffset: Int32Array;
  private count = 0;

  /**
   * Room at first for an escape per eight characters of the content: an escaped CloudTrail
   * record has about one per eighteen (the \" around its keys and strings), so the table
   * rarely grows, and a string of millions of escapes costs eight bytes per escape.
   */
  constructor(contentLength: number) {
    const room = Math.max(16, Math.min(contentLength >> 3, 1 << 16));
    this.valueIndex = new Int32Array(room);
    this.textOffset = new Int32Array(room);
  }

  add(valueIndex: number, textOffset: number): void {
    if (this.count === this.valueIndex.length) {
      this.valueIndex = grown(this.valueIndex);
      this.textOffset = grown(this.textOffset);
    }
    this.valueIndex[this.count] = valueIndex;
    this.textOffset[this.count] = textOffset;
    this.count++;
  }

  /** The last escape whose decoded index is <= `index`, or -1. */
  lastAtOrBefore(index: number): number {
    let low = 0;
    let high = this.count - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      if (this.valueIndex[mid] <= index) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return found;
  }
}

function grown(array: Int32Array): Int32Array {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/** The length in the text of the (valid) escape whose backslash is at `backslash`. */
function escapeLength(text: string, backslash: number): number {
  return text.charCodeAt(backslash + 1) === 0x75 /* u */ ? 6 : 2;
}

/** Reads the escape at `backslash`: the code unit it stands for and its length in the text. */
function readEscape(text: string, backslash: number, contentEnd: number): {
  unit: string;
  length: number;
} {
  const letter = backslash + 1 < contentEnd ? text[backslash + 1] : '';
  const simple = SIMPLE_ESCAPES[letter];
  if (simple !== undefined) return { unit: simple, length: 2 };

  if (letter === 'u') {
    const hex = text.slice(backslash + 2, Math.min(backslash + 6, contentEnd));
    if (!HEX_DIGIT.test(hex)) {
      throw new JsonStringError('Invalid \\u escape: it needs four hexadecimal digits', backslash);
    }
    return { unit: String.fromCharCode(parseInt(hex, 16)), length: 6 };
  }

  if (letter === '') {
    throw new JsonStringError('The string ends inside an escape sequence', backslash);
  }
  throw new JsonStringError(`Invalid escape sequence '\\${letter}'`, backslash);
}

/** Throws at the first raw control character in [from, to). */
function checkControlCharacters(text: string, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20) {
      const hex = code.toString(16).toUpperCase().padStart(4, '0');
      throw new JsonStringError(`Raw control character U+${hex} inside a string`, i);
    }
  }
}

function clamp(value: number, low: number, high: number): number {
  return value < low ? low : value > high ? high : value;
}
