// A quick look at one located event's text, for files that clean-locate.ts does not read (so
// locate found the events). Locate has already checked that the text is JSON (JSON.parse
// would accept it); what our strict parser refuses beyond that is a key repeated inside one
// object (as Elasticsearch's json processor does), and that must still be reported for the
// events the prefilter skips. The check jumps from string to string with indexOf and only
// compares keys, so it costs a fraction of a parse. It also notes escapes, which could hide a
// literal from the prefilter.
import { NextChar } from '../locate/next-char';
import { HAS_ESCAPE, MUST_PARSE } from './event-flags';

const COLON = 58;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

/** Objects with more keys than this switch from a linear search to a set. */
const LINEAR_LIMIT = 16;

/** Checks the events of one text, in text order, reusing its buffers. */
export class RecordChecker {
  private readonly nextBackslash: NextChar;
  private keys: string[][] = [];
  private counts: Int32Array = new Int32Array(64);
  private sets: (Set<string> | undefined)[] = [];

  constructor(private readonly text: string) {
    // Events without any backslash are the rule; a shared forward cache keeps the search for
    // the next one from running through the rest of the text at every event.
    this.nextBackslash = new NextChar(text, '\\');
  }

  /**
   * Flags for the value in [start, end) of the text, which locate has checked is valid JSON.
   * Stops at the first duplicate key (the event will be parsed anyway).
   */
  check(start: number, end: number): number {
    const text = this.text;
    let flags = 0;
    let depth = 0;
    let pos = start;
    let backslash = this.backslashFrom(start, end);

    for (;;) {
      const quote = nextBefore(text, '"', pos, end);

      // Between strings there is only structure, numbers, literals and whitespace.
      for (let i = pos; i < quote; i++) {
        const c = text.charCodeAt(i);
        if (c === OPEN_BRACE) depth = this.open(depth, true);
        else if (c === OPEN_BRACKET) depth = this.open(depth, false);
        else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
      }
      if (quote === end) return flags;

      // The string's closing quote: the first quote that no backslash escapes.
      let close = nextBefore(text, '"', quote + 1, end);
      let escaped = false;
      while (backslash < close) {
        escaped = true;
        flags |= HAS_ESCAPE;
        const after = backslash + (text.charCodeAt(backslash + 1) === 117 /* u */ ? 6 : 2);
        if (after > close) close = nextBefore(text, '"', after, end);
        backslash = this.backslashFrom(after, end);
      }

      // A string followed by a colon is a key of the innermost object.
      let next = close + 1;
      let c = text.charCodeAt(next);
      while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(++next);
      if (c === COLON) {
        const key = escaped ? (JSON.parse(text.slice(quote, close + 1)) as string)
          : text.slice(quote + 1, close);
        if (this.isRepeated(depth - 1, key)) return flags | MUST_PARSE;
        next++;
      }
      pos = next;
    }
  }

  /** The first backslash in [from, end), or `end`. */
  private backslashFrom(from: number, end: number): number {
    const at = this.nextBackslash.at(from);
    return at === -1 || at > end ? end : at;
  }

  /** Enters a container at `depth`; returns the new depth. */
  private open(depth: number, isObject: boolean): number {
    if (depth === this.counts.length) {
      const grown = new Int32Array(depth * 2);
      grown.set(this.counts);
      this.counts = grown;
    }
    this.counts[depth] = isObject ? 0 : -1;
    this.sets[depth] = undefined;
    return depth + 1;
  }

  /** Records `key` in the object at `level`; true when it was there already. */
  private isRepeated(level: number, key: string): boolean {
    const count = this.counts[level];
    let keys = this.keys[level];
    if (keys === undefined) keys = this.keys[level] = [];

    let set = this.sets[level];
    if (set !== undefined) {
      if (set.has(key)) return true;
      set.add(key);
    } else {
      for (let i = 0; i < count; i++) if (keys[i] === key) return true;
      if (count === LINEAR_LIMIT) {
        set = this.sets[level] = new Set(keys.slice(0, count));
        set.add(key);
      }
    }
    keys[count] = key;
    this.counts[level] = count + 1;
    return false;
  }
}

/** The first `ch` in [from, end) of text, or `end` when there is none. */
function nextBefore(text: string, ch: string, from: number, end: number): number {
  const at = text.indexOf(ch, from);
  return at === -1 || at > end ? end : at;
}
