// A strict RFC 8259 JSON parser that keeps what JSON.parse throws away: the order of keys as
// written, the source text of numbers, and the offsets of every key and value. It is iterative
// (an explicit stack instead of recursion), so any nesting depth parses without exhausting the
// call stack, and it rejects a key repeated inside one object, as Elasticsearch's json
// processor does.
import type { JsonArrayNode, JsonNode, JsonObjectNode } from './json-node';
import { JsonSyntaxError } from './json-syntax-error';
import { TextBuilder } from './text-builder';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const SLASH = 0x2f;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const LOWER_E = 0x65;
const UPPER_E = 0x45;

// Below this many members a linear scan finds duplicate keys faster than building a Set.
const LINEAR_KEY_CHECK_LIMIT = 8;

type ContainerNode = JsonObjectNode | JsonArrayNode;

/** Parses exactly one JSON value in text[start, end), surrounding whitespace allowed. */
export function parseJson(text: string, start = 0, end = text.length): JsonNode {
  if (start < 0 || end > text.length || start > end) {
    throw new RangeError(`Invalid range [${start}, ${end}) for a text of ${text.length}`);
  }
  return new JsonParser(text, end).parseDocument(start);
}

function isDigit(code: number): boolean {
  return code >= DIGIT_0 && code <= DIGIT_9;
}

function describeChar(code: number): string {
  if (code < 0x20 || code === 0x7f) {
    return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return `'${String.fromCharCode(code)}'`;
}

class JsonParser {
  private readonly text: string;
  private readonly end: number;
  /** The decoded value of the last string token read by readString. */
  private stringValue = '';
  /**
   * Where readString builds the value of a string with escapes. A parser reads one document
   * and is dropped at its first error, so pieces an error leaves behind are never read.
   */
  private readonly decoded = new TextBuilder();

  constructor(text: string, end: number) {
    this.text = text;
    this.end = end;
  }

  parseDocument(start: number): JsonNode {
    const text = this.text;
    const end = this.end;
    const containers: ContainerNode[] = [];
    // Lazily built key sets of the open objects, parallel to `containers`.
    const keySets: (Set<string> | undefined)[] = [];
    let root: JsonNode | undefined;
    let pendingKey = '';
    let pendingKeyStart = 0;
    let pendingKeyEnd = 0;
    let pos = this.skipWhitespace(start);

    for (;;) {
      // A value is expected at pos.
      if (pos >= end) throw new JsonSyntaxError('Unexpected end of input', end);
      const code = text.charCodeAt(pos);
      let node: JsonNode;
      let opened: ContainerNode | undefined;
      if (code === QUOTE) {
        const after = this.readString(pos);
        node = { kind: 'string', value: this.stringValue, span: { start: pos, end: after } };
        pos = after;
      } else if (code === OPEN_BRACE) {
        opened = { kind: 'object', members: [], span: { start: pos, end: -1 } };
        node = opened;
        pos++;
      } else if (code === OPEN_BRACKET) {
        opened = { kind: 'array', items: [], span: { start: pos, end: -1 } };
        node = opened;
        pos++;
      } else if (code === MINUS || isDigit(code)) {
        const after = this.readNumber(pos);
        node = { kind: 'number', text: text.slice(pos, after), span: { start: pos, end: after } };
        pos = after;
      } else {
        node = this.readLiteral(pos);
        pos = node.span.end;
      }

      // Attach the value to its parent (or make it the root).
      const depth = containers.length;
      if (depth === 0) {
        root = node;
      } else {
        const parent = containers[depth - 1];
        if (parent.kind === 'object') {
          parent.members.push({
            key: pendingKey, keySpan: { start: pendingKeyStart, end: pendingKeyEnd }, value: node,
          });
        } else {
          parent.items.push(node);
        }
      }

      // An opened container either closes at once or expects its first key or element.
      let needValue = false;
      if (opened !== undefined) {
        containers.push(opened);
        keySets.push(undefined);
        pos = this.skipWhitespace(pos);
        if (pos >= end) throw new JsonSyntaxError('Unexpected end of input', end);
        const next = text.charCodeAt(pos);
        if (opened.kind === 'object') {
          if (next !== CLOSE_BRACE) {
            pos = this.readKey(pos, opened, keySets, containers.length - 1);
            pendingKey = this.stringValue;
            pendingKeyStart = this.keyStart;
            pendingKeyEnd = this.keyEnd;
            needValue = true;
          }
        } else if (next !== CLOSE_BRACKET) {
          needValue = true;
        }
      }

      // Close containers and step over separators until another value is expected.
      while (!needValue) {
        const top = containers.length - 1;
        if (top < 0) {
          pos = this.skipWhitespace(pos);
          if (pos < end) {
            throw new JsonSyntaxError(
              `Unexpected ${describeChar(text.charCodeAt(pos))} after the JSON value`, pos);
          }
          return root as JsonNode;
        }
        const container = containers[top];
        pos = this.skipWhitespace(pos);
        if (pos >= end) throw new JsonSyntaxError('Unexpected end of input', end);
        const sep = text.charCodeAt(pos);
        const isObject = container.kind === 'object';
        const close = isObject ? CLOSE_BRACE : CLOSE_BRACKET;
        if (sep === close) {
          container.span.end = pos + 1;
          pos++;
          containers.pop();
          keySets.pop();
        } else if (sep === COMMA) {
          pos = this.skipWhitespace(pos + 1);
          if (pos < end && text.charCodeAt(pos) === close) {
            throw new JsonSyntaxError(`Trailing comma in ${isObject ? 'object' : 'array'}`, pos);
          }
          if (isObject) {
            pos = this.readKey(pos, container, keySets, top);
            pendingKey = this.stringValue;
            pendingKeyStart = this.keyStart;
            pendingKeyEnd = this.keyEnd;
          }
          needValue = true;
        } else {
          const expected = isObject ? "',' or '}' after object member"
            : "',' or ']' after array element";
          throw new JsonSyntaxError(`Expected ${expected}, found ${describeChar(sep)}`, pos);
        }
      }
      pos = this.skipWhitespace(pos);
    }
  }

  private keyStart = 0;
  private keyEnd = 0;

  /** Reads `"key" :` at pos, checks it is new in its object, and returns the offset after ':'. */
  private readKey(pos: number, object: JsonObjectNode, keySets: (Set<string> | undefined)[],
    index: number): number {
    const text = this.text;
    if (pos >= this.end) throw new JsonSyntaxError('Unexpected end of input', this.end);
    if (text.charCodeAt(pos) !== QUOTE) {
      throw new JsonSyntaxError(
        `Expected a string key, found ${describeChar(text.charCodeAt(pos))}`, pos);
    }
    const after = this.readString(pos);
    const key = this.stringValue;
    this.keyStart = pos;
    this.keyEnd = after;

    // Duplicate keys: a linear scan for small objects, a Set once the object grows.
    const members = object.members;
    let keys = keySets[index];
    if (keys === undefined && members.length >= LINEAR_KEY_CHECK_LIMIT) {
      keys = new Set<string>();
      for (const member of members) keys.add(member.key);
      keySets[index] = keys;
    }
    if (keys !== undefined) {
      if (keys.has(key)) throw new JsonSyntaxError(`Duplicate key ${JSON.stringify(key)}`, pos);
      keys.add(key);
    } else {
      for (let i = 0; i < members.length; i++) {
        if (members[i].key === key) {
          throw new JsonSyntaxError(`Duplicate key ${JSON.stringify(key)}`, pos);
        }
      }
    }

    const colon = this.skipWhitespace(after);
    if (colon >= this.end) throw new JsonSyntaxError('Unexpected end of input', this.end);
    if (text.charCodeAt(colon) !== COLON) {
      throw new JsonSyntaxError(
        `Expected ':' after object key, found ${describeChar(text.charCodeAt(colon))}`, colon);
    }
    return colon + 1;
  }

  private skipWhitespace(pos: number): number {
    const text = this.text;
    const end = this.end;
    while (pos < end) {
      const code = text.charCodeAt(pos);
      if (code !== 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09) break;
      pos++;
    }
    return pos;
  }

  /** Reads the string token at pos into stringValue and returns the offset after it. */
  private readString(pos: number): number {
    const text = this.text;
    const end = this.end;
    const decoded = this.decoded;
    let i = pos + 1;
    let runStart = i;
    // Whether the decoded text is being built from pieces; while the string has no escape (the
    // common case), it costs one slice.
    let escaped = false;
    for (;;) {
      if (i >= end) throw new JsonSyntaxError('Unterminated string', pos);
      const code = text.charCodeAt(i);
      if (code === QUOTE) {
        const run = text.slice(runStart, i);
        if (escaped) {
          decoded.add(run);
          this.stringValue = decoded.take();
        } else {
          this.stringValue = run;
        }
        return i + 1;
      }
      if (code === BACKSLASH) {
        escaped = true;
        decoded.add(text.slice(runStart, i));
        if (i + 1 >= end) throw new JsonSyntaxError('Unterminated string', pos);
        const escape = text.charCodeAt(i + 1);
        switch (escape) {
          case QUOTE: decoded.add('"'); break;
          case BACKSLASH: decoded.add('\\'); break;
          case SLASH: decoded.add('/'); break;
          case 0x62: decoded.add('\b'); break;
          case 0x66: decoded.add('\f'); break;
          case 0x6e: decoded.add('\n'); break;
          case 0x72: decoded.add('\r'); break;
          case 0x74: decoded.add('\t'); break;
          case 0x75: {
            const unit = this.readHex4(i + 2);
            if (unit < 0) throw new JsonSyntaxError('Invalid unicode escape', i);
            decoded.add(String.fromCharCode(unit));
            i += 4;
            break;
          }
          default:
            throw new JsonSyntaxError('Invalid escape sequence', i);
        }
        i += 2;
        runStart = i;
        continue;
      }
      if (code < 0x20) throw new JsonSyntaxError('Invalid control character in string', i);
      i++;
    }
  }

  /** The code unit of four hex digits at pos, or -1 when they are not four hex digits. */
  private readHex4(pos: number): number {
    if (pos + 4 > this.end) return -1;
    let value = 0;
    for (let i = pos; i < pos + 4; i++) {
      const code = this.text.charCodeAt(i);
      let digit: number;
      if (code >= DIGIT_0 && code <= DIGIT_9) digit = code - DIGIT_0;
      else if (code >= 0x61 && code <= 0x66) digit = code - 0x61 + 10;
      else if (code >= 0x41 && code <= 0x46) digit = code - 0x41 + 10;
      else return -1;
      value = value * 16 + digit;
    }
    return value;
  }

  /** Validates the number token at pos and returns the offset after it. */
  private readNumber(pos: number): number {
    const text = this.text;
    const end = this.end;
    let i = pos;
    if (text.charCodeAt(i) === MINUS) i++;
    if (i >= end) throw new JsonSyntaxError('Unexpected end of input', end);
    const first = text.charCodeAt(i);
    if (first === DIGIT_0) {
      i++;
      if (i < end && isDigit(text.charCodeAt(i))) {
        throw new JsonSyntaxError('Leading zeros are not allowed in numbers', pos);
      }
    } else if (isDigit(first)) {
      i++;
      while (i < end && isDigit(text.charCodeAt(i))) i++;
    } else {
      throw new JsonSyntaxError(`Expected a digit, found ${describeChar(first)}`, i);
    }
    if (i < end && text.charCodeAt(i) === DOT) {
      i++;
      if (i >= end || !isDigit(text.charCodeAt(i))) {
        throw new JsonSyntaxError('Expected a digit after the decimal point', i);
      }
      while (i < end && isDigit(text.charCodeAt(i))) i++;
    }
    if (i < end) {
      const e = text.charCodeAt(i);
      if (e === LOWER_E || e === UPPER_E) {
        i++;
        if (i < end) {
          const sign = text.charCodeAt(i);
          if (sign === PLUS || sign === MINUS) i++;
        }
        if (i >= end || !isDigit(text.charCodeAt(i))) {
          throw new JsonSyntaxError('Expected a digit in the exponent', i);
        }
        while (i < end && isDigit(text.charCodeAt(i))) i++;
      }
    }
    return i;
  }

  /** Reads true, false or null at pos; anything else is reported as what it looks like. */
  private readLiteral(pos: number): JsonNode {
    const text = this.text;
    const code = text.charCodeAt(pos);
    if (code === 0x74 && this.matches(pos, 'true')) {
      return { kind: 'boolean', value: true, span: { start: pos, end: pos + 4 } };
    }
    if (code === 0x66 && this.matches(pos, 'false')) {
      return { kind: 'boolean', value: false, span: { start: pos, end: pos + 5 } };
    }
    if (code === 0x6e && this.matches(pos, 'null')) {
      return { kind: 'null', span: { start: pos, end: pos + 4 } };
    }

    // Name a bare word (NaN, Infinity, True, undefined...) rather than its first character.
    let wordEnd = pos;
    while (wordEnd < this.end && /[A-Za-z_$]/.test(text[wordEnd])) wordEnd++;
    if (wordEnd > pos) {
      throw new JsonSyntaxError(`Invalid literal ${text.slice(pos, wordEnd)}`, pos);
    }
    if (code === CLOSE_BRACE || code === CLOSE_BRACKET || code === COMMA || code === COLON) {
      throw new JsonSyntaxError(`Expected a value, found ${describeChar(code)}`, pos);
    }
    throw new JsonSyntaxError(`Unexpected character ${describeChar(code)}`, pos);
  }

  private matches(pos: number, word: string): boolean {
    return pos + word.length <= this.end && this.text.startsWith(word, pos);
  }
}
