// Reads one record (a JSON object) character by character, validating it exactly as locate's
// scanner would and noting what the prefilter must know: a key repeated in one object or a
// raw control character (the strict parser refuses both, so the event must be parsed to
// report it), what could make Elasticsearch refuse the document (deep nesting, a flattened
// source that is not an object), and escapes (which could spell a literal). One tight loop
// over the characters beats a call to indexOf per string here: CloudTrail strings are short,
// and the loop checks every character of a string for control characters on the way, which a
// separate search over the whole text would cost again.
import { HAS_ESCAPE, HAS_UNICODE_ESCAPE, MUST_PARSE } from './event-flags';

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

// What comes next.
const VALUE = 0;
const VALUE_OR_CLOSE = 1;
const KEY = 2;
const KEY_OR_CLOSE = 3;
const AFTER_VALUE = 4;

// Kinds of open containers.
const OBJECT = 1;
const ARRAY = 2;

/**
 * Nesting beyond this many containers may break Elasticsearch's depth limit of 20 for a
 * flattened field (the document would be refused, and the reference path says so).
 */
const DEEP = 16;

/**
 * Keys whose value the pipeline copies into a flattened field: a value that is not an object
 * makes Elasticsearch refuse the document (src/core/ecs/flattened-leaves.ts). The record's
 * own keys, and "attributes" wherever it is (userIdentity...webIdFederationData.attributes).
 */
const FLATTENED_SOURCES = ['requestParameters', 'responseElements', 'additionalEventData',
  'serviceEventDetails', 'insightDetails'];
const FLATTENED_SOURCE_ANYWHERE = 'attributes';

/** Reads the records of one text; reuses its buffers from one record to the next. */
export class RecordReader {
  /** Flags (event-flags.ts) of the record read last. */
  flags = 0;
  /** Whether the last failed read ran into the end of the text (more text could finish it). */
  endedEarly = false;
  /** Whether the record being read has a \u escape. */
  private unicodeEscape = false;

  private kinds = new Uint8Array(64);
  /** Per open object: where its keys begin in the key arrays. */
  private keyBase: Int32Array = new Int32Array(64);
  private keySignature: Int32Array = new Int32Array(256);
  private keyStart: Int32Array = new Int32Array(256);
  private keyLength: Int32Array = new Int32Array(256);
  private keyCount = 0;

  constructor(private readonly text: string) {}

  /** Whether the key [start, end) with this signature names a flattened source at `level`. */
  private isFlattenedSource(level: number, start: number, end: number,
    signature: number): boolean {
    if ((SOURCE_MASK & (1 << (signature & 31))) === 0) return false;
    for (let i = 0; i < SOURCE_SIGNATURES.length; i++) {
      if (SOURCE_SIGNATURES[i] !== signature) continue;
      const name = SOURCE_NAMES[i];
      return (level === 0 || name === FLATTENED_SOURCE_ANYWHERE) && name.length === end - start
        && this.text.startsWith(name, start);
    }
    return false;
  }

  /** Reads the object at `start`; returns the offset after it, or -1 when it is not sound. */
  read(start: number): number {
    const text = this.text;
    const length = text.length;
    let pos = start;
    let depth = 0;
    let state = VALUE;
    let flags = 0;
    let watchValue = false;
    this.endedEarly = false;
    this.unicodeEscape = false;
    this.keyCount = 0;
    if (text.charCodeAt(start) !== OPEN_BRACE) return -1;

    for (;;) {
      let c = text.charCodeAt(pos);
      while (c <= 32 && (c === 32 || c === 10 || c === 13 || c === 9)) c = text.charCodeAt(++pos);
      if (pos >= length) return this.early();

      if (state === AFTER_VALUE) {
        const kind = this.kinds[depth - 1];
        if (c === COMMA) {
          state = kind === OBJECT ? KEY : VALUE;
          pos++;
          continue;
        }
        if (c !== (kind === OBJECT ? CLOSE_BRACE : CLOSE_BRACKET)) return -1;
        depth = this.close(depth);
        pos++;
        if (depth === 0) break;
        continue;
      }

      if (state === KEY || state === KEY_OR_CLOSE) {
        if (c === CLOSE_BRACE && state === KEY_OR_CLOSE) {
          depth = this.close(depth);
          pos++;
          if (depth === 0) break;
          state = AFTER_VALUE;
          continue;
        }
        if (c !== QUOTE) return -1;

        // The key; its signature is taken at the end, for the repeated-key check.
        const keyStart = ++pos;
        let escaped = false;
        for (;;) {
          c = text.charCodeAt(pos);
          if (c > QUOTE && c !== BACKSLASH) {
            pos++;
          } else if (c === QUOTE) {
            break;
          } else if (c === BACKSLASH) {
            const end = this.escapeEnd(pos);
            if (end < 0) return -1;
            escaped = true;
            pos = end;
          } else if (c >= 32) {
            pos++;
          } else {
            if (pos >= length) return this.early();
            if (c === 10 || c === 13 || c === 9) return -1;
            flags |= MUST_PARSE;
            pos++;
          }
        }

        // A key with an escape can equal a differently written one: let the parser decide.
        if (escaped) {
          flags |= MUST_PARSE | HAS_ESCAPE;
        } else {
          const signature = signatureOf(text, keyStart, pos);
          if (this.repeated(depth - 1, keyStart, pos, signature)) flags |= MUST_PARSE;
          else watchValue = this.isFlattenedSource(depth - 1, keyStart, pos, signature);
        }
        pos++;

        c = text.charCodeAt(pos);
        while (c <= 32 && (c === 32 || c === 10 || c === 13 || c === 9)) c = text.charCodeAt(++pos);
        if (pos >= length) return this.early();
        if (c !== COLON) return -1;
        pos++;
        state = VALUE;
        continue;
      }

      // A value (or the end of an empty array).
      if (watchValue) {
        if (c !== OPEN_BRACE && c !== 110 /* null */) flags |= MUST_PARSE;
        watchValue = false;
      }
      if (c === QUOTE) {
        pos++;
        for (;;) {
          c = text.charCodeAt(pos);
          if (c > QUOTE && c !== BACKSLASH) {
            pos++;
          } else if (c === QUOTE) {
            break;
          } else if (c === BACKSLASH) {
            pos = this.escapeEnd(pos);
            if (pos < 0) return -1;
            flags |= HAS_ESCAPE;
          } else if (c >= 32) {
            pos++;
          } else {
            if (pos >= length) return this.early();
            if (c === 10 || c === 13 || c === 9) return -1;
            flags |= MUST_PARSE;
            pos++;
          }
        }
        pos++;
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        depth = this.open(depth, c === OPEN_BRACE ? OBJECT : ARRAY);
        if (depth > DEEP) flags |= MUST_PARSE;
        state = c === OPEN_BRACE ? KEY_OR_CLOSE : VALUE_OR_CLOSE;
        pos++;
        continue;
      } else if (c === CLOSE_BRACKET && state === VALUE_OR_CLOSE) {
        depth = this.close(depth);
        pos++;
      } else if (c === 45 || (c >= 48 && c <= 57)) {
        pos = this.numberEnd(pos);
        if (pos < 0) return -1;
      } else {
        pos = this.literalEnd(pos, c);
        if (pos < 0) return -1;
      }
      state = AFTER_VALUE;
    }

    this.flags = this.unicodeEscape ? flags | HAS_UNICODE_ESCAPE : flags;
    return pos;
  }

  /** Fails because the text ended inside the record. */
  private early(): number {
    this.endedEarly = true;
    return -1;
  }

  /** The offset after the escape whose backslash is at `pos`, or -1 when it is not valid. */
  private escapeEnd(pos: number): number {
    const text = this.text;
    if (pos + 1 >= text.length) return this.early();

    const c = text.charCodeAt(pos + 1);
    if (c === QUOTE || c === BACKSLASH || c === 47 || c === 98 || c === 102 || c === 110
      || c === 114 || c === 116) {
      return pos + 2;
    }
    if (c !== 117 /* u */) return -1;
    this.unicodeEscape = true;
    for (let i = pos + 2; i < pos + 6; i++) {
      if (i >= text.length) return this.early();
      const h = text.charCodeAt(i);
      if (!((h >= 48 && h <= 57) || (h >= 65 && h <= 70) || (h >= 97 && h <= 102))) return -1;
    }
    return pos + 6;
  }

  /** The offset after the number at `pos` (JSON's grammar), or -1. */
  private numberEnd(pos: number): number {
    const text = this.text;
    let p = pos;
    if (text.charCodeAt(p) === 45) p++;

    let c = text.charCodeAt(p);
    if (c === 48) {
      p++;
    } else if (c >= 49 && c <= 57) {
      do c = text.charCodeAt(++p); while (c >= 48 && c <= 57);
    } else {
      return p >= text.length ? this.early() : -1;
    }

    if (text.charCodeAt(p) === 46 /* . */) p = this.digitsEnd(p + 1);
    if (p < 0) return -1;
    c = text.charCodeAt(p);
    if (c === 101 || c === 69) {
      c = text.charCodeAt(++p);
      if (c === 43 || c === 45) p++;
      p = this.digitsEnd(p);
    }
    return p;
  }

  /** The offset after one or more digits at `pos`, or -1. */
  private digitsEnd(pos: number): number {
    const text = this.text;
    let p = pos;
    let c = text.charCodeAt(p);
    while (c >= 48 && c <= 57) c = text.charCodeAt(++p);
    if (p > pos) return p;
    return p >= text.length ? this.early() : -1;
  }

  /** The offset after `true`, `false` or `null` at `pos`, or -1. */
  private literalEnd(pos: number, c: number): number {
    const word = c === 116 ? 'true' : c === 102 ? 'false' : c === 110 ? 'null' : undefined;
    if (word === undefined) return -1;

    const text = this.text;
    for (let i = 1; i < word.length; i++) {
      if (text.charCodeAt(pos + i) === word.charCodeAt(i)) continue;
      return pos + i >= text.length ? this.early() : -1;
    }
    return pos + word.length;
  }

  /** Opens a container at `depth`; returns the new depth. */
  private open(depth: number, kind: number): number {
    if (depth === this.kinds.length) {
      const kinds = new Uint8Array(depth * 2);
      kinds.set(this.kinds);
      this.kinds = kinds;
      this.keyBase = grow(this.keyBase);
    }
    this.kinds[depth] = kind;
    this.keyBase[depth] = this.keyCount;
    return depth + 1;
  }

  /** Closes the innermost container, forgetting its keys; returns the new depth. */
  private close(depth: number): number {
    this.keyCount = this.keyBase[depth - 1];
    return depth - 1;
  }

  /** Records the key [start, end) of the object at `level`; true when it is there already. */
  private repeated(level: number, start: number, end: number, signature: number): boolean {
    const length = end - start;
    let found = false;
    for (let i = this.keyBase[level]; i < this.keyCount; i++) {
      if (this.keySignature[i] === signature && this.keyLength[i] === length
        && sameText(this.text, this.keyStart[i], start, length)) {
        found = true;
        break;
      }
    }

    if (this.keyCount === this.keySignature.length) {
      this.keySignature = grow(this.keySignature);
      this.keyStart = grow(this.keyStart);
      this.keyLength = grow(this.keyLength);
    }
    this.keySignature[this.keyCount] = signature;
    this.keyStart[this.keyCount] = start;
    this.keyLength[this.keyCount] = length;
    this.keyCount++;
    return found;
  }
}

/**
 * One reader that is never collected. V8 deoptimizes code whose embedded hidden classes die,
 * and the class's hidden class dies with its last instance: without this, every scan after a
 * full garbage collection would start again in slow, unoptimized code.
 */
export const LIVE_READER = new RecordReader('');

/**
 * A cheap signature of the key [start, end): its length and three of its characters. Equal
 * keys have equal signatures; keys whose signatures match are then compared in full.
 */
function signatureOf(text: string, start: number, end: number): number {
  const length = end - start;
  if (length === 0) return 0;
  return ((length & 0xff) << 24) ^ (text.charCodeAt(start) << 16)
    ^ (text.charCodeAt(start + (length >> 1)) << 8) ^ text.charCodeAt(end - 1);
}

const SOURCE_NAMES = [...FLATTENED_SOURCES, FLATTENED_SOURCE_ANYWHERE];
const SOURCE_SIGNATURES = Int32Array.from(SOURCE_NAMES, (name) => signatureOf(name, 0,
  name.length));
/** One bit per source signature (its low five bits), to turn most keys away at once. */
const SOURCE_MASK = SOURCE_SIGNATURES.reduce((mask, signature) => mask | (1 << (signature & 31)),
  0);

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
