// The tree our JSON parser builds: every value and key keeps its [start, end) offsets, objects
// keep their keys in text order, numbers keep their source text.
import type { Span } from '../types';

export interface JsonObjectNode {
  kind: 'object';
  /** Members in the order of the text (duplicate keys are rejected by the parser). */
  members: JsonMember[];
  span: Span;
}

export interface JsonMember {
  key: string;
  /** The key's string token, quotes included. */
  keySpan: Span;
  value: JsonNode;
}

export interface JsonArrayNode {
  kind: 'array';
  items: JsonNode[];
  span: Span;
}

export interface JsonStringNode {
  kind: 'string';
  /** The decoded value (escapes resolved). */
  value: string;
  /** The string token, quotes included. */
  span: Span;
}

export interface JsonNumberNode {
  kind: 'number';
  /** The number exactly as written: needed for Java rendering and for integers above 2^53. */
  text: string;
  span: Span;
}

export interface JsonBooleanNode {
  kind: 'boolean';
  value: boolean;
  span: Span;
}

export interface JsonNullNode {
  kind: 'null';
  span: Span;
}

export type JsonNode =
  | JsonObjectNode
  | JsonArrayNode
  | JsonStringNode
  | JsonNumberNode
  | JsonBooleanNode
  | JsonNullNode;

export type JsonScalarNode = JsonStringNode | JsonNumberNode | JsonBooleanNode | JsonNullNode;
