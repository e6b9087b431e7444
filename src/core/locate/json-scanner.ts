// A validating structural scanner for JSON text. It finds where a value ends without building
// anything: strings are skipped with indexOf (their escapes and control characters are checked
// through forward caches), containers are tracked on an explicit byte stack, so neither depth
// nor line length can overflow the call stack. It accepts what JSON.parse accepts (duplicate
// keys included), with one exception: of the raw control characters inside strings it only
// looks for tab, line feed and carriage return (one indexOf cache each); the rarer others
// (U+0000 to U+001F) pass, and the strict parser reports them when the event is parsed.
import { NextChar } from './next-char';

const QUOTE = 34;
const BACKSLASH = 92;
const SLASH = 47;
const COMMA = 44;
const COLON = 58;
const MINUS = 45;
const PLUS = 43;
const DOT = 46;
const DIGIT_0 = 48;
const DIGIT_9 = 57;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;

const IN_OBJECT = 1;
const IN_ARRAY = 2;

// What the scanner expects next.
const EXPECT_VALUE = 0;
const EXPECT_VALUE_OR_CLOSE = 1;
const EXPECT_KEY_OR_CLOSE = 2;
const EXPECT_KEY = 3;
const EXPECT_COLON = 4;
const EXPECT_COMMA_OR_CLOSE = 5;

/** Names a control character: "line break (U+000A)". */
export function controlName(code: number): string {
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (code === LF) return `line break (${hex})`;
  if (code === CR) return `carriage return (${hex})`;
  if (code === TAB) return `tab (${hex})`;
  return `control character ${hex}`;
}

/** Names the character at `offset` for an error message. */
export function describeChar(text: string, offset: number): string {
  if (offset >= text.length) return 'the end of the text';

  const code = text.charCodeAt(offset);
  if (code < 0x20) return `a ${controlName(code)}`;
  return `'${String.fromCodePoint(text.codePointAt(offset) ?? code)}'`;
}

/** Scans JSON values in one text; keeps the first error it met (offset and message). */
export class JsonScanner {
  /** The end of the text (to sniff a file's head, scan a slice of it). */
  readonly limit: number;
  /** Where the last failure happened, and why; -1 while nothing failed. */
  errorOffset = -1;
  errorMessage = '';
  /** Bumped on every failure, so that callers can tell whether they reported it already. */
  errorCount = 0;

  private stack = new Uint8Array(256);
  private readonly nextLf: NextChar;
  private readonly nextCr: NextChar;
  private readonly nextTab: NextChar;
  private readonly nextBackslash: NextChar;
  /** The first backslash, tab or line break at or after specialFrom (-1: none; -2: unknown). */
  private specialFrom = 0;
  private specialAt = -2;

  constructor(readonly text: string) {
    this.limit = text.length;
    this.nextLf = new NextChar(text, '\n');
    this.nextCr = new NextChar(text, '\r');
    this.nextTab = new NextChar(text, '\t');
    this.nextBackslash = new NextChar(text, '\\');
  }

  /** Records a failure and returns -1, so that scanning functions can `return this.fail(...)`. */
  fail(offset: number, message: string): number {
    this.errorOffset = offset;
    this.errorMessage = message;
    this.errorCount++;
    return -1;
  }

  /** The character code at `pos`, or -1 at or past the limit. */
  codeAt(pos: number): number {
    return pos < this.limit ? this.text.charCodeAt(pos) : -1;
  }

  /** The first offset at or after `pos` that is not JSON whitespace (the limit at most). */
  skipWhitespace(pos: number): number {
    const text = this.text;
    const limit = this.limit;
    while (pos < limit) {
      const c = text.charCodeAt(pos);
      if (c !== SPACE && c !== LF && c !== CR && c !== TAB) return pos;
      pos++;
    }
    return limit;
  }

  /** Scans the string token whose opening quote is at `pos`; returns the offset after it. */
  scanString(pos: number): number {
    const quote = this.text.indexOf('"', pos + 1);

    // Fast path: nothing that needs a closer look (an escape or a raw tab or line break) lies
    // before the first quote, so that quote closes the string.
    if (quote !== -1 && quote < this.limit) {
      let special = this.specialAt;
      if (special === -2 || pos + 1 < this.specialFrom || (special !== -1 && special <= pos)) {
        // Stale: the cache answers for an earlier stretch of the text.
        special = this.refreshSpecial(pos + 1);
      }
      if (special === -1 || special > quote) return quote + 1;
    }
    return this.scanStringSlowly(pos);
  }

  /** Recomputes the first backslash, tab, line feed or carriage return at or after `from`. */
  private refreshSpecial(from: number): number {
    let first = this.nextBackslash.at(from);
    let at = this.nextLf.at(from);
    if (at !== -1 && (first === -1 || at < first)) first = at;
    at = this.nextCr.at(from);
    if (at !== -1 && (first === -1 || at < first)) first = at;
    at = this.nextTab.at(from);
    if (at !== -1 && (first === -1 || at < first)) first = at;
    this.specialFrom = from;
    this.specialAt = first;
    return first;
  }

  /** scanString for strings with escapes or control characters (or no end). */
  private scanStringSlowly(pos: number): number {
    const text = this.text;
    let from = pos + 1;
    let quote = text.indexOf('"', from);

    // Walk the escapes that come before the candidate closing quote; an escaped quote moves
    // the candidate further.
    for (;;) {
      if (quote === -1 || quote >= this.limit) {
        return this.fail(this.limit, 'The text ends inside a string');
      }

      const backslash = this.nextBackslash.at(from);
      if (backslash === -1 || backslash > quote) break;

      from = this.checkEscape(backslash);
      if (from < 0) return this.failAtControl(pos + 1, backslash);
      if (quote < from) quote = text.indexOf('"', from);
    }

    const control = this.firstControl(pos + 1, quote);
    return control === -1 ? quote + 1 : this.failAtControl(pos + 1, quote);
  }

  /**
   * Fails at the first raw control character in [from, to) when there is one (the earliest
   * problem of a string is the one reported); otherwise keeps the failure already recorded.
   */
  private failAtControl(from: number, to: number): number {
    const control = this.firstControl(from, to);
    if (control === -1) return -1;
    return this.fail(control, `Raw ${controlName(this.text.charCodeAt(control))} inside a`
      + ' string: JSON needs it escaped');
  }

  /** Checks the escape sequence at `backslash`; returns the offset after it, or -1. */
  private checkEscape(backslash: number): number {
    const text = this.text;
    const c = this.codeAt(backslash + 1);

    if (c === QUOTE || c === BACKSLASH || c === SLASH || c === 98 /* b */ || c === 102 /* f */
      || c === 110 /* n */ || c === 114 /* r */ || c === 116 /* t */) {
      return backslash + 2;
    }

    if (c === 117 /* u */) {
      for (let i = backslash + 2; i < backslash + 6; i++) {
        const h = this.codeAt(i);
        const hex = (h >= DIGIT_0 && h <= DIGIT_9) || (h >= 65 && h <= 70) || (h >= 97 && h <= 102);
        if (!hex) {
          if (h === -1) return this.fail(this.limit, 'The text ends inside a \\u escape');
          return this.fail(backslash, 'Invalid \\u escape: it needs four hexadecimal digits');
        }
      }
      return backslash + 6;
    }

    if (c === -1) return this.fail(this.limit, 'The text ends inside a string');
    return this.fail(backslash, `Invalid escape sequence '\\${text[backslash + 1]}' in a string`);
  }

  /** The first raw control character in [from, to), or -1. */
  private firstControl(from: number, to: number): number {
    let first = to;
    let at = this.nextLf.at(from);
    if (at !== -1 && at < first) first = at;
    at = this.nextCr.at(from);
    if (at !== -1 && at < first) first = at;
    at = this.nextTab.at(from);
    if (at !== -1 && at < first) first = at;
    return first === to ? -1 : first;
  }

  /** Scans a number token at `pos`; returns the offset after it, or -1. */
  scanNumber(pos: number): number {
    let p = pos;
    if (this.codeAt(p) === MINUS) p++;

    // Integer part: a lone zero, or a non-zero digit followed by digits.
    let c = this.codeAt(p);
    if (c === DIGIT_0) {
      p++;
    } else if (c > DIGIT_0 && c <= DIGIT_9) {
      do { p++; c = this.codeAt(p); } while (c >= DIGIT_0 && c <= DIGIT_9);
    } else {
      return this.fail(pos, 'Invalid number: a digit must follow the minus sign');
    }

    if (this.codeAt(p) === DOT) {
      p = this.scanDigits(p + 1, 'Invalid number: a digit must follow the decimal point');
      if (p < 0) return -1;
    }

    c = this.codeAt(p);
    if (c === 101 /* e */ || c === 69 /* E */) {
      p++;
      c = this.codeAt(p);
      if (c === PLUS || c === MINUS) p++;
      p = this.scanDigits(p, 'Invalid number: a digit must follow the exponent');
    }
    return p;
  }

  /** Scans one or more digits; fails with `message` when there is none. */
  private scanDigits(pos: number, message: string): number {
    let p = pos;
    let c = this.codeAt(p);
    while (c >= DIGIT_0 && c <= DIGIT_9) { p++; c = this.codeAt(p); }
    return p === pos ? this.fail(pos, message) : p;
  }

  /** Scans `true`, `false` or `null` at `pos`; returns the offset after it, or -1. */
  private scanLiteral(pos: number, word: string): number {
    if (pos + word.length <= this.limit && this.text.startsWith(word, pos)) {
      return pos + word.length;
    }
    if (this.limit < pos + word.length && word.startsWith(this.text.slice(pos, this.limit))) {
      return this.fail(this.limit, 'The text ends inside a literal');
    }
    return this.fail(pos, `Unexpected ${describeChar(this.text, pos)}: expected a JSON value`);
  }

  /** Scans one JSON value starting exactly at `start`; returns the offset after it, or -1. */
  scanValue(start: number): number {
    const text = this.text;
    const limit = this.limit;
    let stack = this.stack;
    let depth = 0;
    let state = EXPECT_VALUE;
    let pos = start;

    for (;;) {
      // Whitespace, inline: most tokens of minified text have none before them. Past the end,
      // charCodeAt gives NaN, which equals nothing.
      let c = text.charCodeAt(pos);
      while (c === SPACE || c === LF || c === CR || c === TAB) c = text.charCodeAt(++pos);
      if (pos >= limit) return this.fail(limit, endMessage(state, depth));

      let valueEnd: number;

      if (state === EXPECT_COMMA_OR_CLOSE) {
        const inObject = stack[depth - 1] === IN_OBJECT;
        if (c === COMMA) {
          state = inObject ? EXPECT_KEY : EXPECT_VALUE;
          pos++;
          continue;
        }
        if (c !== (inObject ? CLOSE_BRACE : CLOSE_BRACKET)) {
          return this.fail(pos, `Unexpected ${describeChar(text, pos)}: expected ','`
            + ` or '${inObject ? '}' : ']'}'`);
        }
        depth--;
        valueEnd = pos + 1;
      } else if (state === EXPECT_KEY || state === EXPECT_KEY_OR_CLOSE) {
        if (c === QUOTE) {
          // A key, then its colon: handled together, as they always come together.
          pos = this.scanString(pos);
          if (pos < 0) return -1;
          c = text.charCodeAt(pos);
          while (c === SPACE || c === LF || c === CR || c === TAB) c = text.charCodeAt(++pos);
          if (c !== COLON) {
            if (pos >= limit) return this.fail(limit, 'The text ends after a property name');
            return this.fail(pos, `Unexpected ${describeChar(text, pos)}: expected ':'`);
          }
          state = EXPECT_VALUE;
          pos++;
          continue;
        }
        if (c !== CLOSE_BRACE) {
          return this.fail(pos,
            `Unexpected ${describeChar(text, pos)}: expected a property name in double quotes`);
        }
        if (state === EXPECT_KEY) {
          return this.fail(pos, 'Unexpected \'}\' after a comma: trailing commas are not JSON');
        }
        depth--;
        valueEnd = pos + 1;
      } else if (c === QUOTE) {
        valueEnd = this.scanString(pos);
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        if (depth === stack.length) {
          const grown = new Uint8Array(stack.length * 2);
          grown.set(stack);
          stack = this.stack = grown;
        }
        stack[depth++] = c === OPEN_BRACE ? IN_OBJECT : IN_ARRAY;
        state = c === OPEN_BRACE ? EXPECT_KEY_OR_CLOSE : EXPECT_VALUE_OR_CLOSE;
        pos++;
        continue;
      } else if (c === MINUS || (c >= DIGIT_0 && c <= DIGIT_9)) {
        valueEnd = this.scanNumber(pos);
      } else if (c === 116 /* t */) {
        valueEnd = this.scanLiteral(pos, 'true');
      } else if (c === 102 /* f */) {
        valueEnd = this.scanLiteral(pos, 'false');
      } else if (c === 110 /* n */) {
        valueEnd = this.scanLiteral(pos, 'null');
      } else if (c === CLOSE_BRACKET && state === EXPECT_VALUE_OR_CLOSE) {
        depth--;
        valueEnd = pos + 1;
      } else if (c === CLOSE_BRACKET && depth > 0) {
        return this.fail(pos, 'Unexpected \']\' after a comma: trailing commas are not JSON');
      } else {
        return this.fail(pos, `Unexpected ${describeChar(text, pos)}: expected a JSON value`);
      }

      // A value (or a whole container) has just ended.
      if (valueEnd < 0) return -1;
      if (depth === 0) return valueEnd;
      pos = valueEnd;
      state = EXPECT_COMMA_OR_CLOSE;
    }
  }
}

/** The message for a text that ends while the scanner still expects something. */
function endMessage(state: number, depth: number): string {
  if (depth === 0) return 'The text ends where a JSON value was expected';
  if (state === EXPECT_COLON) return 'The text ends after a property name';
  return `The text ends before ${depth === 1 ? 'a container' : `${depth} nested containers`}`
    + ' could close';
}
