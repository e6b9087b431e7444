// Locates the events of a machine-written file in one pass, and notes on the way what the
// prefilter must know about each event (record-reader.ts reads and flags each record). Only the
// plain shapes are handled here: {"Records":[...]}, a bare array of records, and records one
// after another (JSON Lines, or one record). The scan accepts exactly what locate would
// accept without a single problem; at the first surprise it gives up, and the caller runs
// locate itself. So whenever this returns, its events are the ones locate would return. The
// same reader re-reads the piece of a list that an edit changed (incremental-scanner.ts).
import type { LayoutKind, LocatedEvent } from '../types';
import { RecordReader } from './record-reader';

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
const COMMA = 44;
const COLON = 58;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

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
  private readonly reader: RecordReader;
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly flagList: number[] = [];

  constructor(private readonly text: string) {
    this.reader = new RecordReader(text);
  }

  /** A whole text in one of the plain layouts. */
  whole(layout: LayoutKind): CleanLocate | undefined {
    const text = this.text;
    let pos = this.skipWhitespace(text.charCodeAt(0) === BOM ? 1 : 0);
    let listStart = pos;
    let listEnd = text.length;

    if (layout === 'records') {
      const open = this.recordsArrayStart(pos);
      if (open < 0) return undefined;
      listStart = open + 1;
      listEnd = this.recordArray(open);
      if (listEnd < 0) return undefined;
      pos = this.skipWhitespace(listEnd + 1);
      if (text.charCodeAt(pos) !== CLOSE_BRACE) return undefined;
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

    if (pos < 0 || this.skipWhitespace(pos) !== text.length) return undefined;
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
    return { events, flags: Uint8Array.from(this.flagList), listStart, listEnd };
  }

  /** The '[' of `{"Records":[` (the only member of the object), or -1. */
  private recordsArrayStart(open: number): number {
    const text = this.text;
    const key = '"Records"';
    if (text.charCodeAt(open) !== OPEN_BRACE) return -1;

    let pos = this.skipWhitespace(open + 1);
    if (!text.startsWith(key, pos)) return -1;
    pos = this.skipWhitespace(pos + key.length);
    if (text.charCodeAt(pos) !== COLON) return -1;
    pos = this.skipWhitespace(pos + 1);
    return text.charCodeAt(pos) === OPEN_BRACKET ? pos : -1;
  }

  /** `[record, record, ...]` at `open`; returns the offset of its ']', or -1. */
  private recordArray(open: number): number {
    const text = this.text;
    let pos = this.skipWhitespace(open + 1);
    if (text.charCodeAt(pos) === CLOSE_BRACKET) return pos;

    for (;;) {
      pos = this.record(pos);
      if (pos < 0) return -1;
      pos = this.skipWhitespace(pos);
      const c = text.charCodeAt(pos);
      if (c === CLOSE_BRACKET) return pos;
      if (c !== COMMA) return -1;
      pos = this.skipWhitespace(pos + 1);
    }
  }

  /** Records separated by whitespace only, up to the end of the text; returns the end, or -1. */
  private stream(start: number): number {
    const text = this.text;
    let pos = this.skipWhitespace(start);
    while (pos >= 0 && pos < text.length) {
      pos = this.record(pos);
      if (pos >= 0) pos = this.skipWhitespace(pos);
    }
    return pos;
  }

  /**
   * A piece of an array's element list: slots separated by commas, each slot whitespace or one
   * record. A slot next to a bordering event must be empty (the comma follows or precedes that
   * event); every other slot holds a record. Returns the end of the text, or -1.
   */
  private arrayPiece(afterEvent: boolean, beforeEvent: boolean): number {
    const text = this.text;
    const filled: boolean[] = [];
    let pos = 0;

    for (;;) {
      pos = this.skipWhitespace(pos);
      const hasRecord = text.charCodeAt(pos) === OPEN_BRACE;
      if (hasRecord) {
        pos = this.record(pos);
        if (pos < 0) return -1;
        pos = this.skipWhitespace(pos);
      }
      filled.push(hasRecord);
      if (pos >= text.length) break;
      if (text.charCodeAt(pos) !== COMMA) return -1;
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

  /** One record (an object) at `start`; returns the offset after it, or -1. */
  private record(start: number): number {
    const end = this.reader.read(start);
    if (end < 0) return -1;

    this.starts.push(start);
    this.ends.push(end);
    this.flagList.push(this.reader.flags);
    return end;
  }

  /** The first offset at or after `pos` that is not JSON whitespace. */
  private skipWhitespace(pos: number): number {
    return skipWhitespace(this.text, pos);
  }
}

/** Kept alive for the same reason as LIVE_READER (record-reader.ts). */
export const LIVE_SCANNER = new CleanScanner('');

/** The first offset at or after `pos` that is not JSON whitespace (the text's length at most). */
export function skipWhitespace(text: string, pos: number): number {
  let p = pos;
  let c = text.charCodeAt(p);
  while (c <= 32 && (c === 32 || c === 10 || c === 13 || c === 9)) c = text.charCodeAt(++p);
  return Math.min(p, text.length);
}
