// The KQL parser: a hand-written recursive-descent rendering of Kibana's PEG grammar
// (elastic/kibana, src/platform/packages/shared/kbn-es-query/src/kuery/grammar/grammar.peggy at
// 9eb9945c). It keeps the PEG's behaviour exactly: ordered choice, possessive repetition,
// the lookahead that ends an unquoted value at `␣or␣`, `␣and␣` or `not␣`, and the error
// position (the furthest point any alternative reached), with Peggy's named-rule reporting.
// The grammar is followed and not the prose of kql-semantics.md where the two differ; the one
// known case is the escape `\not`, which the grammar reads as `\n` (a line feed) plus `ot`,
// because the line-feed escape is tried before the escaped keyword.
import type { Span } from '../types';
import type {
  KqlField, KqlLiteral, KqlNode, RangeOperator,
} from './ast';
import { isLoneWildcard } from './ast';
import { KqlSyntaxError } from './kql-syntax-error';

/** Parentheses, value lists and nested queries deeper than this are refused (stack safety). */
export const MAX_KQL_DEPTH = 256;

// Characters that an unquoted value may only contain escaped.
const SPECIAL = new Set(['\\', '(', ')', ':', '<', '>', '"', '*', '{', '}']);

// A value tree of a `field: (…)` list, before the field is applied to every value. `span` is
// the item's own text; `extent` adds the parentheses written around it, if any.
type ValueTree = (
  | { kind: 'or' | 'and'; children: ValueTree[] }
  | { kind: 'not'; child: ValueTree }
  | { kind: 'value'; literal: KqlLiteral }
) & { span: Span; extent: Span };

// A parsed sub-query and the text it covers, parentheses included.
interface Parsed {
  node: KqlNode;
  extent: Span;
}

interface ParsedLiteral {
  literal: KqlLiteral;
  end: number;
}

/** Parse a KQL query; an empty (or blank) query is the match-all node. */
export function parseKql(query: string): KqlNode {
  return new KqlParser(query).parse();
}

/** Whether `c` is KQL whitespace: space, tab, CR, LF or no-break space. */
export function isKqlSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === '\u00a0';
}

class KqlParser {
  private pos = 0;
  private depth = 0;
  private silent = 0;
  private failPos = 0;
  private expected = new Set<string>();
  private readonly literalCache = new Map<number, ParsedLiteral | null>();

  constructor(private readonly text: string) {}

  parse(): KqlNode {
    this.spaces();
    const start = this.pos;
    const parsed = this.orQuery();
    if (!parsed) this.pos = start;

    this.spaces();
    if (this.pos < this.text.length) {
      this.fail(this.pos, 'end of query');
      throw this.error();
    }

    return parsed ? parsed.node : { kind: 'all', span: { start: 0, end: this.text.length } };
  }

  // OrQuery = AndQuery (Or AndQuery)*
  private orQuery(): Parsed | null {
    return this.chain('or', () => this.andQuery(), () => this.keywordBetween('or', 'OR'));
  }

  // AndQuery = NotQuery (And NotQuery)*
  private andQuery(): Parsed | null {
    return this.chain('and', () => this.notQuery(), () => this.keywordBetween('and', 'AND'));
  }

  private chain(kind: 'or' | 'and', operand: () => Parsed | null,
    separator: () => boolean): Parsed | null {
    const items = this.separated(operand, separator);
    if (!items) return null;

    const head = items[0];
    if (items.length === 1) return head;
    const extent = { start: head.extent.start, end: items[items.length - 1].extent.end };
    return { node: { kind, children: items.map((p) => p.node), span: extent }, extent };
  }

  /**
   * One or more operands between separators. A separator not followed by an operand is given
   * back: the PEG group fails as a whole.
   */
  private separated<T>(operand: () => T | null, separator: () => boolean): T[] | null {
    const head = operand();
    if (!head) return null;
    const items = [head];

    for (;;) {
      const save = this.pos;
      if (!separator()) break;
      const next = operand();
      if (!next) {
        this.pos = save;
        break;
      }
      items.push(next);
    }
    return items;
  }

  // NotQuery = Not SubQuery / SubQuery
  private notQuery(): Parsed | null {
    const start = this.pos;
    if (this.notKeyword()) {
      const child = this.subQuery();
      if (child) {
        const extent = { start, end: child.extent.end };
        return { node: { kind: 'not', child: child.node, span: extent }, extent };
      }
      this.pos = start;
    }
    return this.subQuery();
  }

  // SubQuery = '(' Space* OrQuery Space* ')' / NestedQuery
  private subQuery(): Parsed | null {
    const start = this.pos;
    if (this.char('(')) {
      const inner = this.deeper(() => {
        this.spaces();
        const query = this.orQuery();
        if (!query) return null;
        this.spaces();
        return this.char(')') ? query : null;
      });
      if (inner) return { node: inner.node, extent: { start, end: this.pos } };
      this.pos = start;
    }
    return this.nestedQuery();
  }

  // NestedQuery = Field Space* ':' Space* '{' Space* OrQuery Space* '}' / Expression
  private nestedQuery(): Parsed | null {
    const start = this.pos;
    const field = this.field();
    if (field) {
      this.spaces();
      if (this.char(':')) {
        this.spaces();
        if (this.char('{')) {
          const inner = this.deeper(() => {
            this.spaces();
            const query = this.orQuery();
            if (!query) return null;
            this.spaces();
            return this.char('}') ? query : null;
          });
          if (inner) {
            const span = { start, end: this.pos };
            return { node: { kind: 'nested', field, query: inner.node, span }, extent: span };
          }
        }
      }
      this.pos = start;
    }
    return this.expression();
  }

  // Expression = FieldRangeExpression / FieldValueExpression / ValueExpression
  private expression(): Parsed | null {
    return this.rangeExpression() ?? this.fieldValueExpression() ?? this.valueExpression();
  }

  // FieldRangeExpression = Field Space* RangeOperator Space* Literal
  private rangeExpression(): Parsed | null {
    const start = this.pos;
    const field = this.field();
    if (!field) return null;
    this.spaces();
    const operator = this.rangeOperator();
    if (operator) {
      this.spaces();
      const value = this.named('literal', () => this.literal());
      if (value) {
        const span = { start, end: value.span.end };
        return { node: { kind: 'range', field, operator, value, span }, extent: span };
      }
    }
    this.pos = start;
    return null;
  }

  // FieldValueExpression = Field Space* ':' Space* ListOfValues
  private fieldValueExpression(): Parsed | null {
    const start = this.pos;
    const field = this.field();
    if (!field) return null;
    this.spaces();
    if (this.char(':')) {
      this.spaces();
      const tree = this.listOfValues();
      if (tree) {
        // A single value right after the field makes one clause spanning both.
        if (tree.kind === 'value' && tree.extent.start === tree.literal.span.start) {
          const span = { start, end: tree.literal.span.end };
          return { node: leaf(field, tree.literal, span), extent: span };
        }
        return { node: applyField(field, tree), extent: { start, end: tree.extent.end } };
      }
    }
    this.pos = start;
    return null;
  }

  // ValueExpression = Value (free text)
  private valueExpression(): Parsed | null {
    const value = this.named('value', () => this.literal());
    if (!value) return null;
    return { node: { kind: 'text', value, span: value.span }, extent: value.span };
  }

  // ListOfValues = '(' Space* OrListOfValues Space* ')' / Value
  private listOfValues(): ValueTree | null {
    const start = this.pos;
    if (this.char('(')) {
      const inner = this.deeper(() => {
        this.spaces();
        const tree = this.orList();
        if (!tree) return null;
        this.spaces();
        return this.char(')') ? tree : null;
      });
      if (inner) return { ...inner, extent: { start, end: this.pos } };
      this.pos = start;
    }

    const value = this.named('value', () => this.literal());
    return value ? { kind: 'value', literal: value, span: value.span, extent: value.span } : null;
  }

  private orList(): ValueTree | null {
    return this.listChain('or', () => this.andList(), () => this.keywordBetween('or', 'OR'));
  }

  private andList(): ValueTree | null {
    return this.listChain('and', () => this.notList(), () => this.keywordBetween('and', 'AND'));
  }

  private listChain(kind: 'or' | 'and', operand: () => ValueTree | null,
    separator: () => boolean): ValueTree | null {
    const items = this.separated(operand, separator);
    if (!items) return null;

    const head = items[0];
    if (items.length === 1) return head;
    const span = { start: head.extent.start, end: items[items.length - 1].extent.end };
    return { kind, children: items, span, extent: span };
  }

  // NotListOfValues = Not ListOfValues / ListOfValues
  private notList(): ValueTree | null {
    const start = this.pos;
    if (this.notKeyword()) {
      const child = this.listOfValues();
      if (child) {
        const span = { start, end: child.extent.end };
        return { kind: 'not', child, span, extent: span };
      }
      this.pos = start;
    }
    return this.listOfValues();
  }

  // Field "fieldName" = Literal
  private field(): KqlField | null {
    const literal = this.named('field name', () => this.literal());
    return literal ? fieldOf(literal) : null;
  }

  // Literal = QuotedString / UnquotedLiteral (memoised: several alternatives start with it).
  private literal(): KqlLiteral | null {
    const start = this.pos;
    let cached = this.literalCache.get(start);
    if (cached === undefined) {
      const literal = this.quotedString() ?? this.unquotedLiteral();
      cached = literal ? { literal, end: this.pos } : null;
      this.literalCache.set(start, cached);
    }

    if (!cached) {
      this.pos = start;
      return null;
    }
    this.pos = cached.end;
    return cached.literal;
  }

  private quotedString(): KqlLiteral | null {
    const { text } = this;
    const start = this.pos;
    if (text[start] !== '"') return null;
    let i = start + 1;
    let value = '';

    while (i < text.length && text[i] !== '"') {
      const escaped = text[i] === '\\' ? decodeCommonEscape(text, i) : undefined;
      if (escaped) {
        value += escaped.value;
        i = escaped.end;
      } else if (text[i] === '\\' && (text[i + 1] === '\\' || text[i + 1] === '"')) {
        value += text[i + 1];
        i += 2;
      } else {
        // Any other backslash stays in the value, as does everything but the quote.
        value += text[i];
        i++;
      }
    }

    if (i >= text.length) return null;
    this.pos = i + 1;
    return { kind: 'string', value, quoted: true, span: { start, end: i + 1 } };
  }

  private unquotedLiteral(): KqlLiteral | null {
    const { text } = this;
    // One entry per UnquotedCharacter: its decoded text (null for a wildcard) and where it
    // starts; each ends where the next one starts.
    const values: (string | null)[] = [];
    const starts: number[] = [];
    let i = this.pos;

    while (i < text.length) {
      const c = text[i];
      if (c === '\\') {
        const escaped = decodeCommonEscape(text, i) ?? decodeUnquotedEscape(text, i);
        if (!escaped) break;
        values.push(escaped.value);
        starts.push(i);
        i = escaped.end;
      } else if (c === '*') {
        values.push(null);
        starts.push(i);
        i++;
      } else if (SPECIAL.has(c) || startsKeyword(text, i)) {
        break;
      } else {
        values.push(c);
        starts.push(i);
        i++;
      }
    }

    if (values.length === 0) return null;
    this.pos = i;
    return buildUnquoted(values, starts, i);
  }

  // RangeOperator = '<=' / '>=' / '<' / '>'
  private rangeOperator(): RangeOperator | null {
    for (const op of ['<=', '>=', '<', '>'] as const) {
      if (this.text.startsWith(op, this.pos)) {
        this.pos += op.length;
        return op;
      }
      this.fail(this.pos, `"${op}"`);
    }
    return null;
  }

  // Or = Space+ 'or'i Space+ ; And = Space+ 'and'i Space+
  private keywordBetween(word: string, name: string): boolean {
    return this.named(name, () => {
      const start = this.pos;
      let i = start;
      while (isKqlSpace(this.text[i])) i++;
      if (i === start || !matchesWord(this.text, i, word)) return null;
      i += word.length;
      const afterWord = i;
      while (isKqlSpace(this.text[i])) i++;
      if (i === afterWord) return null;
      this.pos = i;
      return true;
    }) !== null;
  }

  // Not = 'not'i Space+
  private notKeyword(): boolean {
    return this.named('NOT', () => {
      let i = this.pos;
      if (!matchesWord(this.text, i, 'not')) return null;
      i += 3;
      const afterWord = i;
      while (isKqlSpace(this.text[i])) i++;
      if (i === afterWord) return null;
      this.pos = i;
      return true;
    }) !== null;
  }

  // Space*, each failed attempt reported the way Peggy reports a named rule.
  private spaces(): void {
    while (isKqlSpace(this.text[this.pos])) this.pos++;
    this.fail(this.pos, 'whitespace');
  }

  private char(c: string): boolean {
    if (this.text[this.pos] === c) {
      this.pos++;
      return true;
    }
    this.fail(this.pos, `"${c}"`);
    return false;
  }

  // A named rule reports only its own name, at its start, and silences what it tried inside.
  private named<T>(name: string, rule: () => T | null): T | null {
    const start = this.pos;
    this.silent++;
    const result = rule();
    this.silent--;

    if (result === null) {
      this.pos = start;
      this.fail(start, name);
    }
    return result;
  }

  private deeper<T>(rule: () => T | null): T | null {
    if (this.depth >= MAX_KQL_DEPTH) {
      throw new KqlSyntaxError(`The query nests more than ${MAX_KQL_DEPTH} levels deep`,
        this.pos - 1, this.text);
    }
    this.depth++;
    try {
      return rule();
    } finally {
      this.depth--;
    }
  }

  private fail(pos: number, expectation: string): void {
    if (this.silent > 0 || pos < this.failPos) return;
    if (pos > this.failPos) {
      this.failPos = pos;
      this.expected = new Set();
    }
    this.expected.add(expectation);
  }

  private error(): KqlSyntaxError {
    const { text, failPos } = this;
    const expected = [...this.expected].sort();
    const list = expected.length > 1
      ? `${expected.slice(0, -1).join(', ')} or ${expected[expected.length - 1]}`
      : expected[0];
    const found = failPos < text.length ? JSON.stringify(text[failPos]) : 'the end of the query';
    let message = `Expected ${list} but found ${found}`;

    if (text[failPos] === '"' && text.indexOf('"', failPos + 1) < 0) {
      message += ' (a quoted value that is never closed)';
    } else if (text[failPos] === '\\') {
      message += ' (an escape KQL does not know; write \\\\ for a backslash)';
    }
    return new KqlSyntaxError(message, failPos, text);
  }
}

// The escapes shared by quoted and unquoted text: \t, \r, \n and \uXXXX (lower-case u).
function decodeCommonEscape(text: string, i: number): { value: string; end: number } | undefined {
  const next = text[i + 1];
  if (next === 't') return { value: '\t', end: i + 2 };
  if (next === 'r') return { value: '\r', end: i + 2 };
  if (next === 'n') return { value: '\n', end: i + 2 };
  if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
    return { value: String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16)), end: i + 6 };
  }
  return undefined;
}

// Unquoted only: an escaped special character, or an escaped keyword kept as written.
function decodeUnquotedEscape(text: string, i: number):
  { value: string; end: number } | undefined {
  const next = text[i + 1];
  if (next !== undefined && SPECIAL.has(next)) return { value: next, end: i + 2 };

  for (const word of ['or', 'and', 'not']) {
    if (matchesWord(text, i + 1, word)) {
      return { value: text.slice(i + 1, i + 1 + word.length), end: i + 1 + word.length };
    }
  }
  return undefined;
}

// The lookahead that ends an unquoted value: `␣or␣`, `␣and␣` or `not␣` starting at `i`.
function startsKeyword(text: string, i: number): boolean {
  if (isKqlSpace(text[i])) {
    if (matchesWord(text, i + 1, 'or') && isKqlSpace(text[i + 3])) return true;
    if (matchesWord(text, i + 1, 'and') && isKqlSpace(text[i + 4])) return true;
    return false;
  }
  return matchesWord(text, i, 'not') && isKqlSpace(text[i + 3]);
}

// Case-insensitive comparison of a keyword at `i`. Peggy lower-cases the input for 'x'i; no
// character outside ASCII lower-cases to a letter of `and`, `or` or `not`, so setting the
// ASCII case bit is the same test, without allocating.
function matchesWord(text: string, i: number, word: string): boolean {
  if (i + word.length > text.length) return false;
  for (let k = 0; k < word.length; k++) {
    const c = text.charCodeAt(i + k);
    const lower = c >= 0x41 && c <= 0x5a ? c | 0x20 : c;
    if (lower !== word.charCodeAt(k)) return false;
  }
  return true;
}

// Join the pieces, trim, and classify: null / true / false, wildcard, or string.
function buildUnquoted(values: (string | null)[], starts: number[], end: number): KqlLiteral {
  // Trimming uses JavaScript's notion of whitespace on the decoded text, as Kibana does.
  let first = 0;
  let last = values.length - 1;
  while (first <= last && isTrimmable(values[first])) first++;
  while (last >= first && isTrimmable(values[last])) last--;

  const span = first <= last
    ? { start: starts[first], end: last + 1 < starts.length ? starts[last + 1] : end }
    : { start: starts[0], end: starts[0] };
  const parts = [''];
  for (let k = first; k <= last; k++) {
    const value = values[k];
    if (value === null) parts.push('');
    else parts[parts.length - 1] += value;
  }

  if (parts.length > 1) return { kind: 'wildcard', parts, span };
  const [joined] = parts;
  if (joined === 'null') return { kind: 'null', span };
  if (joined === 'true') return { kind: 'boolean', value: true, span };
  if (joined === 'false') return { kind: 'boolean', value: false, span };
  return { kind: 'string', value: joined, quoted: false, span };
}

function isTrimmable(value: string | null): boolean {
  return value !== null && value.length > 0 && value.trim() === '';
}

function fieldOf(literal: KqlLiteral): KqlField {
  const { span } = literal;
  switch (literal.kind) {
    case 'string':
      return { name: literal.value, quoted: literal.quoted, span };
    case 'wildcard':
      return { name: literal.parts.join('*'), quoted: false, pattern: literal.parts, span };
    case 'boolean':
      return { name: String(literal.value), quoted: false, span };
    case 'null':
      return { name: 'null', quoted: false, nullLiteral: true, span };
  }
}

// One clause: a lone `*` is the existence query, anything else a value match.
function leaf(field: KqlField, value: KqlLiteral, span: Span): KqlNode {
  if (isLoneWildcard(value)) return { kind: 'exists', field, star: value.span, span };
  return { kind: 'match', field, value, span };
}

// Distribute the field over a value list, as Kibana's grammar does.
function applyField(field: KqlField, tree: ValueTree): KqlNode {
  switch (tree.kind) {
    case 'value':
      return leaf(field, tree.literal, tree.literal.span);
    case 'not':
      return { kind: 'not', child: applyField(field, tree.child), span: tree.span };
    case 'or':
    case 'and':
      return { kind: tree.kind, children: tree.children.map((c) => applyField(field, c)),
        span: tree.span };
  }
}
