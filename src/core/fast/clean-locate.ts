// Locates the events of a machine-written file in one pass, and notes on the way what the
// prefilter must know about each event: a key repeated in one object (our parser refuses it,
// so the event must be parsed to report it), and escapes that could hide a literal. Only the
// plain shapes are handled here: {"Records":[...]}, a bare array of records, and records one
// after another (JSON Lines, or one record). The scan accepts exactly what locate would
// accept without a single problem; at the first surprise it gives up, and the caller runs
// locate itself. So whenever this returns, its events are the ones locate would return. The
// same reader re-reads the piece of a list that an edit changed (incremental-scanner.ts).
import { JsonScanner } from '../locate/json-scanner';
import { NextChar } from '../locate/next-char';
import type { LayoutKind, LocatedEvent } from '../types';
import { flagControlCharacters, HAS_ESCAPE, MUST_PARSE } from './event-flags';

/** Events found in one pass, and per event its flags (event-flags.ts). */
export interface CleanLocate {
  events: LocatedEvent[];
  flags: Uint8Array;
  /**
   * Where the list of events lies: after the array's '[' and at its ']', or the whole text
   * (after any BOM) for records one after another.
   */
  listStart: number;
  listEnd: number;
}

/** How the events of a list are separated: commas in an array, whitespace in a stream. */
export type ListKind = 'array' | 'stream';

const BOM = 0xfeff;
const QUOTE = 34;
const COMMA = 44;
const MINUS = 45;
const COLON = 58;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

// What comes next inside a record.
const VALUE = 0;
const VALUE_OR_CLOSE = 1;
const KEY = 2;
const KEY_OR_CLOSE = 3;
const AFTER_VALUE = 4;

/** How the events of a layout this pass reads are listed (undefined: not read here). */
export function listKindOf(layout: LayoutKind): ListKind | undefined {
  if (layout === 'records' || layout === 'array') return 'array';
  return layout === 'lines' || layout === 'single' ? 'stream' : undefined;
}

/** The events of `text` in `layout`, or undefined when locate has to do it (see above). */
export function locateClean(text: string, layout: LayoutKind): CleanLocate | undefined {
  if (listKindOf(layout) === undefined) return undefined;
  return new CleanScanner(text).whole(layout);
}

/**
 * The events of a piece of a list, as an edit left it: `text` is what lies between the end
 * of an unchanged event (or the list's start) and the start of the next unchanged event (or
 * the list's end). `afterEvent` and `beforeEvent` say whether such events border the piece,
 * which decides where an array needs its commas. Undefined when the piece is not exactly a
 * run of clean records; offsets are relative to the piece.
 */
export function locateCleanPiece(text: string, kind: ListKind, afterEvent: boolean,
  beforeEvent: boolean): CleanLocate | undefined {
  return new CleanScanner(text).piece(kind, afterEvent, beforeEvent);
}

/** One pass over one text. */
class CleanScanner {
  private readonly scanner: JsonScanner;
  private readonly nextBackslash: NextChar;
  /**
   * No control character anywhere (the usual one-line file): strings then only need their
   * quotes and escapes checked, which is cheaper than the scanner's per-character caches.
   */
  private readonly controlFree: boolean;
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly flagList: number[] = [];

  // Keys of the open objects, innermost last: start offset, length and a cheap signature.
  private keyStart: Int32Array = new Int32Array(256);
  private keyLength: Int32Array = new Int32Array(256);
  private keySignature: Int32Array = new Int32Array(256);
  private keyCount = 0;
  /** Per open container: where its keys begin in the arrays above (-1: an array). */
  private base: Int32Array = new Int32Array(64);
  private flags = 0;

  constructor(private readonly text: string) {
    this.scanner = new JsonScanner(text);
    this.nextBackslash = new NextChar(text, '\\');
    // eslint-disable-next-line no-control-regex -- looking for control characters is the point
    this.controlFree = !/[\u0000-\u001f]/.test(text);
  }

  /** A whole text in one of the plain layouts. */
  whole(layout: LayoutKind): CleanLocate | undefined {
    const text = this.text;
    const scanner = this.scanner;
    let pos = scanner.skipWhitespace(text.charCodeAt(0) === BOM ? 1 : 0);
    let listStart = pos;
    let listEnd = text.length;

    if (layout === 'records') {
      const open = this.recordsArrayStart(pos);
      if (open < 0) return undefined;
      listStart = open + 1;
      listEnd = this.recordArray(open);
      if (listEnd < 0) return undefined;
      pos = scanner.skipWhitespace(listEnd + 1);
      if (scanner.codeAt(pos) !== CLOSE_BRACE) return undefined;
      pos++;
    } else if (layout === 'array' && text.charCodeAt(pos) === OPEN_BRACKET) {
      listStart = pos + 1;
      listEnd = this.recordArray(pos);
      if (listEnd < 0) return undefined;
      pos = listEnd + 1;
    } else {
      // One record, or records one after another (JSON Lines).
      listStart = text.charCodeAt(0) === BOM ? 1 : 0;
      pos = this.stream(pos);
    }

    if (pos < 0 || scanner.skipWhitespace(pos) !== text.length) return undefined;
    return this.result(listStart, listEnd);
  }

  /** A piece of a list (see locateCleanPiece). */
  piece(kind: ListKind, afterEvent: boolean, beforeEvent: boolean): CleanLocate | undefined {
    const end = kind === 'stream' ? this.stream(0) : this.arrayPiece(afterEvent, beforeEvent);
    return end === this.text.length ? this.result(0, end) : undefined;
  }

  private result(listStart: number, listEnd: number): CleanLocate {
    const events: LocatedEvent[] = new Array<LocatedEvent>(this.starts.length);
    for (let i = 0; i < events.length; i++) {
      events[i] = { index: i, span: { start: this.starts[i], end: this.ends[i] }, encoding: 'raw' };
    }
    const flags = Uint8Array.from(this.flagList);
    if (!this.controlFree) flagControlCharacters(this.text, events, flags);
    return { events, flags, listStart, listEnd };
  }

  /** The '[' of `{"Records":[` (the only member of the object), or -1. */
  private recordsArrayStart(open: number): number {
    const scanner = this.scanner;
    const key = '"Records"';
    if (scanner.codeAt(open) !== OPEN_BRACE) return -1;

    let pos = scanner.skipWhitespace(open + 1);
    if (!this.text.startsWith(key, pos)) return -1;
    pos = scanner.skipWhitespace(pos + key.length);
    if (scanner.codeAt(pos) !== COLON) return -1;
    pos = scanner.skipWhitespace(pos + 1);
    return scanner.codeAt(pos) === OPEN_BRACKET ? pos : -1;
  }

  /** Records separated by whitespace only, up to the end of the text; returns the end, or -1. */
  private stream(start: number): number {
    const text = this.text;
    let pos = this.scanner.skipWhitespace(start);
    while (pos >= 0 && pos < text.length) {
      pos = this.record(pos);
      if (pos >= 0) pos = this.scanner.skipWhitespace(pos);
    }
    return pos;
  }

  /**
   * A piece of an array's element list: slots separated by commas, each slot whitespace or one
   * record. A slot next to a bordering event must be empty (the comma follows or precedes that
   * event); every other slot holds a record. Returns the end of the text, or -1.
   */
  private arrayPiece(afterEvent: boolean, beforeEvent: boolean): number {
    const scanner = this.scanner;
    const text = this.text;
    const filled: boolean[] = [];
    let pos = 0;

    for (;;) {
      pos = scanner.skipWhitespace(pos);
      const hasRecord = scanner.codeAt(pos) === OPEN_BRACE;
      if (hasRecord) {
        pos = this.record(pos);
        if (pos < 0) return -1;
        pos = scanner.skipWhitespace(pos);
      }
      filled.push(hasRecord);
      if (pos >= text.length) break;
      if (scanner.codeAt(pos) !== COMMA) return -1;
      pos++;
    }

    const last = filled.length - 1;
    if (last === 0 && afterEvent && beforeEvent) return -1;
    for (let i = 0; i <= last; i++) {
      const mustBeEmpty = (i === 0 && afterEvent) || (i === last && beforeEvent);
      if (last === 0 && !afterEvent && !beforeEvent) break;
      if (filled[i] === mustBeEmpty) return -1;
    }
    return pos;
  }

  /** `[record, record, ...]` at `open`; returns the offset of its ']', or -1. */
  private recordArray(open: number): number {
    const scanner = this.scanner;
    let pos = scanner.skipWhitespace(open + 1);
    if (scanner.codeAt(pos) === CLOSE_BRACKET) return pos;

    for (;;) {
      pos = this.record(pos);
      if (pos < 0) return -1;
      pos = scanner.skipWhitespace(pos);
      const c = scanner.codeAt(pos);
      if (c === CLOSE_BRACKET) return pos;
      if (c !== COMMA) return -1;
      pos = scanner.skipWhitespace(pos + 1);
    }
  }

  /** One record (an object) at `start`; returns the offset after it, or -1. */
  private record(start: number): number {
    if (this.scanner.codeAt(start) !== OPEN_BRACE) return -1;

    this.flags = 0;
    this.keyCount = 0;
    const end = this.value(start);
    if (end < 0) return -1;

    const backslash = this.nextBackslash.at(start);
    const escaped = backslash !== -1 && backslash < end;
    this.starts.push(start);
    this.ends.push(end);
    this.flagList.push(escaped ? this.flags | HAS_ESCAPE : this.flags);
    return end;
  }

  /** Scans one value, validating it as locate's scanner does; returns its end, or -1. */
  private value(start: number): number {
    const text = this.text;
    const scanner = this.scanner;
    let depth = 0;
    let state = VALUE;
    let pos = start;

    for (;;) {
      let c = text.charCodeAt(pos);
      while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(++pos);
      if (pos >= text.length) return -1;
      let valueEnd: number;

      if (state === AFTER_VALUE) {
        const inObject = this.base[depth - 1] >= 0;
        if (c === COMMA) {
          state = inObject ? KEY : VALUE;
          pos++;
          continue;
        }
        if (c !== (inObject ? CLOSE_BRACE : CLOSE_BRACKET)) return -1;
        depth = this.close(depth);
        valueEnd = pos + 1;
      } else if (state === KEY || state === KEY_OR_CLOSE) {
        if (c === CLOSE_BRACE && state === KEY_OR_CLOSE) {
          depth = this.close(depth);
          valueEnd = pos + 1;
        } else {
          if (c !== QUOTE) return -1;
          const keyEnd = this.string(pos);
          if (keyEnd < 0) return -1;
          this.addKey(depth - 1, pos + 1, keyEnd - 1);

          pos = scanner.skipWhitespace(keyEnd);
          if (text.charCodeAt(pos) !== COLON) return -1;
          state = VALUE;
          pos++;
          continue;
        }
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        depth = this.open(depth, c === OPEN_BRACE);
        state = c === OPEN_BRACE ? KEY_OR_CLOSE : VALUE_OR_CLOSE;
        pos++;
        continue;
      } else if (c === CLOSE_BRACKET && state === VALUE_OR_CLOSE) {
        depth = this.close(depth);
        valueEnd = pos + 1;
      } else if (c === QUOTE) {
        valueEnd = this.string(pos);
      } else if (c === MINUS || (c >= 48 && c <= 57)) {
        valueEnd = scanner.scanNumber(pos);
      } else {
        valueEnd = literalEnd(text, pos, c);
      }

      if (valueEnd < 0) return -1;
      if (depth === 0) return valueEnd;
      pos = valueEnd;
      state = AFTER_VALUE;
    }
  }

  /** Scans the string token at `pos`; returns the offset after it, or -1. */
  private string(pos: number): number {
    if (!this.controlFree) return this.scanner.scanString(pos);

    const text = this.text;
    let close = text.indexOf('"', pos + 1);
    let backslash = this.nextBackslash.at(pos + 1);

    // Each escape must be valid; an escaped quote moves the end further.
    while (close !== -1 && backslash !== -1 && backslash < close) {
      const next = escapeEnd(text, backslash);
      if (next < 0) return -1;
      if (next > close) close = text.indexOf('"', next);
      backslash = this.nextBackslash.at(next);
    }
    return close === -1 ? -1 : close + 1;
  }

  /** Opens a container at `depth`; returns the new depth. */
  private open(depth: number, isObject: boolean): number {
    if (depth === this.base.length) this.base = grow(this.base);
    this.base[depth] = isObject ? this.keyCount : -1;
    return depth + 1;
  }

  /** Closes the innermost container; its keys are forgotten. Returns the new depth. */
  private close(depth: number): number {
    const base = this.base[depth - 1];
    if (base >= 0) this.keyCount = base;
    return depth - 1;
  }

  /** Adds the key whose content is [start, end) to the object at `level`, checking repeats. */
  private addKey(level: number, start: number, end: number): void {
    const text = this.text;
    const length = end - start;

    // A key with an escape can equal a differently written one: let the parser decide.
    const backslash = this.nextBackslash.at(start);
    if (backslash !== -1 && backslash < end) {
      this.flags |= MUST_PARSE;
      return;
    }

    const signature = length === 0 ? 0 : (text.charCodeAt(start) << 16)
      ^ (text.charCodeAt(start + (length >> 1)) << 8) ^ text.charCodeAt(end - 1);
    for (let i = this.base[level]; i < this.keyCount; i++) {
      if (this.keySignature[i] === signature && this.keyLength[i] === length
        && sameText(text, this.keyStart[i], start, length)) {
        this.flags |= MUST_PARSE;
        break;
      }
    }

    if (this.keyCount === this.keyStart.length) {
      this.keyStart = grow(this.keyStart);
      this.keyLength = grow(this.keyLength);
      this.keySignature = grow(this.keySignature);
    }
    this.keyStart[this.keyCount] = start;
    this.keyLength[this.keyCount] = length;
    this.keySignature[this.keyCount] = signature;
    this.keyCount++;
  }
}

/** The offset after the escape whose backslash is at `pos`, or -1 when it is not valid. */
function escapeEnd(text: string, pos: number): number {
  const c = text.charCodeAt(pos + 1);
  if (c === 34 || c === 92 || c === 47 || c === 98 || c === 102 || c === 110 || c === 114
    || c === 116) {
    return pos + 2;
  }
  if (c !== 117 /* u */ || !/^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) return -1;
  return pos + 6;
}

/** The end of `true`, `false` or `null` at `pos`, or -1. */
function literalEnd(text: string, pos: number, c: number): number {
  const word = c === 116 ? 'true' : c === 102 ? 'false' : c === 110 ? 'null' : undefined;
  return word !== undefined && text.startsWith(word, pos) ? pos + word.length : -1;
}

/** Whether the `length` characters at `a` and at `b` are the same. */
function sameText(text: string, a: number, b: number, length: number): boolean {
  for (let i = 0; i < length; i++) {
    if (text.charCodeAt(a + i) !== text.charCodeAt(b + i)) return false;
  }
  return true;
}

function grow(array: Int32Array): Int32Array {
  const grown = new Int32Array(array.length * 2);
  grown.set(array);
  return grown;
}
