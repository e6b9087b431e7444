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

/**
 * Keys an object may have before the repeated-key check stops comparing each new key with the
 * earlier ones. CloudTrail objects have 5 to 30 keys: for them a search through a handful of
 * signatures is the fastest check there is. A larger object is checked once, when it closes,
 * by sorting hashes of its keys, which stays near-linear whatever the keys (see lateRepeat).
 */
const LINEAR_KEYS = 32;

/** A hash of the key [start, start + length) of `text`, read whole. */
export type KeyHash = (text: string, start: number, length: number) => number;

/**
 * A seed drawn once per process, so that no one can write keys that collide in advance. Not
 * needed for the bound (colliding keys are sorted by their text), only for the speed.
 */
const SEED = Math.floor(Math.random() * 0x100000000) | 0;

/** The default KeyHash: FNV-1a over the UTF-16 code units from a random basis, then mixed. */
export function seededKeyHash(text: string, start: number, length: number): number {
  let hash = SEED ^ length;
  for (let i = start; i < start + length; i++) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  }
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}

/** Bits of a packed entry (see lateRepeat) that hold the key's place in its object. */
const PLACE_BITS = 21;
const PLACES = 2 ** PLACE_BITS;

/** Reads the records of one text; reuses its buffers from one record to the next. */
export class RecordReader {
  /** Flags (event-flags.ts) of the record read last. */
  flags = 0;
  /** Whether the last failed read ran into the end of the text (more text could finish it). */
  endedEarly = false;
  /**
   * The work of the repeated-key check of objects with many keys over the reader's life, which
   * tests hold near-linear in the keys' text: one per key and character hashed, one per pair
   * of keys compared and one per character compared. Not counted: the numeric sort of the
   * hashes, and (to keep the common case fast) the linear search, in which each of an object's
   * first LINEAR_KEYS keys is compared with fewer than LINEAR_KEYS others.
   */
  keyWork = 0;
  /** Whether the record being read has a \u escape. */
  private unicodeEscape = false;
  /** Whether an object of the record being read, checked when it closed, repeats a key. */
  private repeatedLate = false;

  private kinds = new Uint8Array(64);
  /** Per open object: where its keys begin in the key arrays. */
  private keyBase: Int32Array = new Int32Array(64);
  private keySignature: Int32Array = new Int32Array(256);
  private keyStart: Int32Array = new Int32Array(256);
  private keyLength: Int32Array = new Int32Array(256);
  private keyCount = 0;
  /** The keys of one large object, by index, to be sorted by text; reused. */
  private order: Int32Array = new Int32Array(256);
  /** The keys of one large object as hash * PLACES + place, to be sorted; reused. */
  private packed: Float64Array = new Float64Array(256);

  /** `keyHash` serves large objects; tests pass a poor one to make keys collide. */
  constructor(private readonly text: string,
    private readonly keyHash: KeyHash = seededKeyHash) {}

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
    this.repeatedLate = false;
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

    if (this.repeatedLate) flags |= MUST_PARSE;
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

  /**
   * Closes the innermost container, forgetting its keys; returns the new depth. An object with
   * more than LINEAR_KEYS keys has not had all of them checked yet (an array has none).
   */
  private close(depth: number): number {
    const base = this.keyBase[depth - 1];
    if (this.keyCount - base > LINEAR_KEYS && this.lateRepeat(base, this.keyCount)) {
      this.repeatedLate = true;
    }
    this.keyCount = base;
    return depth - 1;
  }

  /**
   * Records the key [start, end) of the object at `level`; true when it is there already.
   * Past LINEAR_KEYS keys the answer is false and the object is checked as it closes.
   */
  private repeated(level: number, start: number, end: number, signature: number): boolean {
    const length = end - start;
    const base = this.keyBase[level];
    let found = false;
    if (this.keyCount - base < LINEAR_KEYS) {
      for (let i = base; i < this.keyCount; i++) {
        if (this.keySignature[i] === signature && this.keyLength[i] === length
          && sameText(this.text, this.keyStart[i], start, length)) {
          found = true;
          break;
        }
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

  /**
   * Whether two of the keys [from, to) are the same. Each key is hashed whole and the hashes
   * sorted (a numeric sort, packed with the key's place in one number): only keys of equal
   * hashes are then compared. A hash table would do as well on average, but keys can be made
   * to collide under a hash (V8's own string hash reads nothing past 16,383 characters); here
   * a run of equal hashes longer than two is sorted by text, so even keys that all collide
   * cost O(k log k) comparisons, each at most the shorter key: near-linear in the keys' text.
   */
  private lateRepeat(from: number, to: number): boolean {
    const count = to - from;
    if (count >= PLACES) return this.sortedRepeat(from, to);

    while (this.packed.length < count) this.packed = growFloat(this.packed);
    while (this.order.length < count) this.order = grow(this.order);
    const packed = this.packed.subarray(0, count);
    for (let i = 0; i < count; i++) {
      const length = this.keyLength[from + i];
      this.keyWork += length + 1;
      packed[i] = (this.keyHash(this.text, this.keyStart[from + i], length) >>> 0) * PLACES + i;
    }
    packed.sort();

    let run = 0;
    for (let i = 1; i <= count; i++) {
      if (i < count && Math.floor(packed[i] / PLACES) === Math.floor(packed[run] / PLACES)) {
        continue;
      }
      if (i - run === 2) {
        const a = from + packed[run] % PLACES;
        const b = from + packed[run + 1] % PLACES;
        if (this.compareKeys(a, b) === 0) return true;
      } else if (i - run > 2) {
        for (let j = run; j < i; j++) this.order[j - run] = from + packed[j] % PLACES;
        if (this.sortedRepeatOf(i - run)) return true;
      }
      run = i;
    }
    return false;
  }

  /** Whether two of the keys [from, to) are the same, by sorting them by text. */
  private sortedRepeat(from: number, to: number): boolean {
    const count = to - from;
    while (this.order.length < count) this.order = grow(this.order);
    for (let i = 0; i < count; i++) this.order[i] = from + i;
    return this.sortedRepeatOf(count);
  }

  /** Whether two of the first `count` keys listed in `order` are the same (sorts them). */
  private sortedRepeatOf(count: number): boolean {
    const order = this.order.subarray(0, count);
    order.sort(this.compareKeys);
    for (let i = 1; i < count; i++) {
      if (this.compareKeys(order[i - 1], order[i]) === 0) return true;
    }
    return false;
  }

  /** Orders keys (by index) by signature, then length, then text; 0 for equal texts. */
  private readonly compareKeys = (a: number, b: number): number => {
    this.keyWork++;
    const signatureA = this.keySignature[a];
    const signatureB = this.keySignature[b];
    if (signatureA !== signatureB) return signatureA < signatureB ? -1 : 1;

    const length = this.keyLength[a];
    if (length !== this.keyLength[b]) return length - this.keyLength[b];

    const text = this.text;
    const startA = this.keyStart[a];
    const startB = this.keyStart[b];
    for (let i = 0; i < length; i++) {
      const difference = text.charCodeAt(startA + i) - text.charCodeAt(startB + i);
      if (difference !== 0) {
        this.keyWork += i;
        return difference;
      }
    }
    this.keyWork += length;
    return 0;
  };
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

function growFloat(array: Float64Array): Float64Array {
  const grown = new Float64Array(array.length * 2);
  grown.set(array);
  return grown;
}
