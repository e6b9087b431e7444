// The syntax tree of a KQL query. Every node carries the offsets of its text in the query, so
// that problems and explanations can point back at what the user wrote.
//
// Value lists are desugared while parsing, the way Kibana's grammar does it: `f:(a or not b)`
// becomes `f:a or not f:b`. A leaf therefore always names one field and one value, and a leaf
// that came from a list has a span covering the value only (its field keeps its own span).
import type { Span } from '../types';

/**
 * A value or field name as written. Unquoted text is decoded (escapes resolved) and trimmed;
 * unquoted `true`, `false` and `null` become literals, and unescaped `*` makes a wildcard.
 */
export type KqlLiteral = KqlString | KqlWildcard | KqlBoolean | KqlNull;

export interface KqlString {
  kind: 'string';
  value: string;
  quoted: boolean;
  span: Span;
}

/** An unquoted value with at least one unescaped `*`; `parts` are the texts between them. */
export interface KqlWildcard {
  kind: 'wildcard';
  parts: string[];
  span: Span;
}

export interface KqlBoolean {
  kind: 'boolean';
  value: boolean;
  span: Span;
}

export interface KqlNull {
  kind: 'null';
  span: Span;
}

/** A field name; `pattern` holds the parts between unescaped `*` for a field pattern. */
export interface KqlField {
  name: string;
  quoted: boolean;
  pattern?: string[];
  /** True when the name was the unquoted word `null` (Kibana then treats it as no field). */
  nullLiteral?: boolean;
  span: Span;
}

export type RangeOperator = '<' | '<=' | '>' | '>=';

export interface KqlOr {
  kind: 'or';
  children: KqlNode[];
  span: Span;
}

export interface KqlAnd {
  kind: 'and';
  children: KqlNode[];
  span: Span;
}

export interface KqlNot {
  kind: 'not';
  child: KqlNode;
  span: Span;
}

/** `field: { query }`: every condition inside must hold for the same element of `field`. */
export interface KqlNested {
  kind: 'nested';
  field: KqlField;
  query: KqlNode;
  span: Span;
}

/** `field: value` with a value other than a lone `*`. */
export interface KqlMatch {
  kind: 'match';
  field: KqlField;
  value: KqlLiteral;
  span: Span;
}

/** `field: *`, the existence query. `star` is the span of the `*`. */
export interface KqlExists {
  kind: 'exists';
  field: KqlField;
  star: Span;
  span: Span;
}

export interface KqlRange {
  kind: 'range';
  field: KqlField;
  operator: RangeOperator;
  value: KqlLiteral;
  span: Span;
}

/** A value without a field: free text. */
export interface KqlFreeText {
  kind: 'text';
  value: KqlLiteral;
  span: Span;
}

/** The empty query, which matches every document. */
export interface KqlMatchAll {
  kind: 'all';
  span: Span;
}

export type KqlNode =
  | KqlOr
  | KqlAnd
  | KqlNot
  | KqlNested
  | KqlMatch
  | KqlExists
  | KqlRange
  | KqlFreeText
  | KqlMatchAll;

/** The leaf kinds: the clauses an explanation reports one by one. */
export type KqlLeaf = KqlMatch | KqlExists | KqlRange | KqlFreeText;

/** The text a literal stands for when compared as a term (wildcards keep their stars). */
export function literalText(literal: KqlLiteral): string | undefined {
  switch (literal.kind) {
    case 'string':
      return literal.value;
    case 'wildcard':
      return literal.parts.join('*');
    case 'boolean':
      return literal.value ? 'true' : 'false';
    case 'null':
      return undefined;
  }
}

/** Whether a literal is the lone unescaped `*` (existence, or "everything" as free text). */
export function isLoneWildcard(literal: KqlLiteral): boolean {
  return literal.kind === 'wildcard' && literal.parts.length === 2
    && literal.parts[0] === '' && literal.parts[1] === '';
}
