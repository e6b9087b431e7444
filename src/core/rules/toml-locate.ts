// Where tables and keys sit in a TOML text. smol-toml returns plain values without positions,
// so this light scanner recovers them for problem messages ("severity" on line 41) and for
// shifting query offsets into the rule file. It understands only what it needs: headers, keys,
// strings of all four styles, comments, and bracket depth inside values.
import type { Position } from '../types';

/** Where a key and the start of its value sit in the text. */
export interface TomlKeyLocation {
  key: Position;
  value: Position;
  /** Offset of the first character of the value (its opening quote, for strings). */
  valueOffset: number;
}

/** First occurrence of every table header and every `table.key` of a TOML text. */
export interface TomlLocations {
  /** Dotted table name ("rule", "rule.threat.tactic") to the position of its header. */
  tables: Map<string, Position>;
  /** Dotted full key ("rule.severity", "metadata.creation_date") to its location. */
  keys: Map<string, TomlKeyLocation>;
}

/** Where the text of a string value begins, and whether offsets inside it map one to one. */
export interface StringValueStart {
  offset: number;
  position: Position;
  /** True for literal strings (''' or '): no escapes, so each character is itself. */
  exact: boolean;
}

// Bare keys are letters, digits, "_" and "-"; quoted keys are stripped of their quotes.
const BARE_KEY_CHAR = /[A-Za-z0-9_-]/;

/** Scans a TOML text for the positions of its table headers and keys. */
export function locateTomlKeys(text: string): TomlLocations {
  const scanner = new LocatingScanner(text);
  scanner.run();
  return { tables: scanner.tables, keys: scanner.keys };
}

/** Zero-based line and character of an offset, counting LF, CRLF and lone CR as line breaks. */
export function positionAt(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  const end = Math.min(offset, text.length);

  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: end - lineStart };
}

/**
 * The start of the content of a string value: after the opening delimiter and, for multi-line
 * strings, after the newline that TOML trims right after it.
 */
export function stringValueStart(text: string, location: TomlKeyLocation):
  StringValueStart | undefined {
  let offset = location.valueOffset;
  const quote = text[offset];
  if (quote !== '"' && quote !== "'") return undefined;

  // a multi-line delimiter is three quotes; TOML drops a newline that follows it at once
  if (text.startsWith(quote.repeat(3), offset)) {
    offset += 3;
    if (text.startsWith('\r\n', offset)) offset += 2;
    else if (text[offset] === '\n') offset += 1;
  } else {
    offset += 1;
  }
  return { offset, position: positionAt(text, offset), exact: quote === "'" };
}

class LocatingScanner {
  readonly tables = new Map<string, Position>();
  readonly keys = new Map<string, TomlKeyLocation>();
  private pos = 0;
  private line = 0;
  private lineStart = 0;
  private table = '';

  constructor(private readonly text: string) {}

  run(): void {
    while (this.pos < this.text.length) {
      this.skipBlank();
      if (this.pos >= this.text.length) break;

      const c = this.text[this.pos];
      if (c === '[') this.readHeader();
      else if (c === '#') this.skipComment();
      else if (c === '\n' || c === '\r') this.newline();
      else this.readKeyValue();
    }
  }

  private here(): Position {
    return { line: this.line, character: this.pos - this.lineStart };
  }

  private skipBlank(): void {
    while (this.text[this.pos] === ' ' || this.text[this.pos] === '\t') this.pos++;
  }

  private skipComment(): void {
    while (this.pos < this.text.length && this.text[this.pos] !== '\n'
      && this.text[this.pos] !== '\r') this.pos++;
  }

  private newline(): void {
    if (this.text[this.pos] === '\r' && this.text[this.pos + 1] === '\n') this.pos++;
    this.pos++;
    this.line++;
    this.lineStart = this.pos;
  }

  private readHeader(): void {
    const start = this.here();
    const double = this.text[this.pos + 1] === '[';
    this.pos += double ? 2 : 1;

    const name = this.readDottedKey(']');
    if (this.text[this.pos] === ']') this.pos += double ? 2 : 1;
    this.table = name;
    if (!this.tables.has(name)) this.tables.set(name, start);
    this.skipToLineEnd();
  }

  private readKeyValue(): void {
    const keyPos = this.here();
    const key = this.readDottedKey('=');
    if (this.text[this.pos] !== '=') {
      // not a key we understand: leave the line alone, smol-toml reports real errors
      this.skipToLineEnd();
      return;
    }
    this.pos++;
    this.skipBlank();

    const full = this.table === '' ? key : `${this.table}.${key}`;
    if (!this.keys.has(full)) {
      this.keys.set(full, { key: keyPos, value: this.here(), valueOffset: this.pos });
    }
    this.skipValue();
  }

  // Reads `a.b."c d"` up to the stop character, returning the parts joined by dots.
  private readDottedKey(stop: string): string {
    const parts: string[] = [];
    let current = '';

    while (this.pos < this.text.length) {
      this.skipBlank();
      const c = this.text[this.pos];
      if (c === stop || c === '\n' || c === '\r' || c === undefined) break;

      if (c === '"' || c === "'") {
        current += this.readSingleLineString(c);
      } else if (c === '.') {
        parts.push(current);
        current = '';
        this.pos++;
      } else if (BARE_KEY_CHAR.test(c)) {
        current += c;
        this.pos++;
      } else {
        break;
      }
    }
    parts.push(current);
    return parts.join('.');
  }

  private readSingleLineString(quote: string): string {
    this.pos++;
    let value = '';
    while (this.pos < this.text.length && this.text[this.pos] !== quote
      && this.text[this.pos] !== '\n') {
      if (quote === '"' && this.text[this.pos] === '\\') this.pos++;
      value += this.text[this.pos];
      this.pos++;
    }
    this.pos++;
    return value;
  }

  // Skips one value, including arrays and inline tables that span lines.
  private skipValue(): void {
    let depth = 0;

    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (c === '"' || c === "'") {
        this.skipString(c);
      } else if (c === '#') {
        this.skipComment();
      } else if (c === '\n' || c === '\r') {
        if (depth === 0) return;
        this.newline();
      } else {
        if (c === '[' || c === '{') depth++;
        if (c === ']' || c === '}') depth--;
        this.pos++;
      }
    }
  }

  private skipString(quote: string): void {
    const multi = this.text.startsWith(quote.repeat(3), this.pos);
    this.pos += multi ? 3 : 1;

    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (quote === '"' && c === '\\') {
        // skip the escaped character, but let a line-ending backslash's newline be counted
        this.pos++;
        const next = this.text[this.pos];
        if (next !== '\n' && next !== '\r') this.pos++;
        continue;
      }
      if (c === '\n' || c === '\r') {
        if (!multi) return;
        this.newline();
        continue;
      }
      if (c === quote) {
        if (!multi) {
          this.pos++;
          return;
        }
        if (this.text.startsWith(quote.repeat(3), this.pos)) {
          // up to two more quotes may close the string as part of its content
          this.pos += 3;
          while (this.text[this.pos] === quote) this.pos++;
          return;
        }
      }
      this.pos++;
    }
  }

  private skipToLineEnd(): void {
    while (this.pos < this.text.length && this.text[this.pos] !== '\n'
      && this.text[this.pos] !== '\r') {
      if (this.text[this.pos] === '#') return;
      this.pos++;
    }
  }
}
