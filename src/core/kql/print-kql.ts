// Turn a syntax tree back into KQL text that parses to the same tree (spans aside): used when a
// query is compiled from a tree rather than from text, and to show its clauses.
import type { KqlField, KqlLiteral, KqlNode } from './ast';
import { isKqlSpace } from './parse-kql';

const SPECIAL = /[\\():<>"*{}]/;

/** KQL text for a tree; `and` groups inside `or`, and composites under `not`, keep parentheses. */
export function printKql(node: KqlNode): string {
  switch (node.kind) {
    case 'or':
      return node.children.map((c) => (c.kind === 'or' ? `(${printKql(c)})` : printKql(c)))
        .join(' or ');
    case 'and':
      return node.children.map((c) => (c.kind === 'or' || c.kind === 'and'
        ? `(${printKql(c)})` : printKql(c))).join(' and ');
    case 'not': {
      const { child } = node;
      const inner = printKql(child);
      return child.kind === 'or' || child.kind === 'and' || child.kind === 'not'
        ? `not (${inner})` : `not ${inner}`;
    }
    case 'nested':
      return `${printField(node.field)}: { ${printKql(node.query)} }`;
    case 'match':
      return `${printField(node.field)}: ${printLiteral(node.value)}`;
    case 'exists':
      return `${printField(node.field)}: *`;
    case 'range':
      return `${printField(node.field)} ${node.operator} ${printLiteral(node.value)}`;
    case 'text':
      return printLiteral(node.value);
    case 'all':
      return '';
  }
}

/** KQL text for one value. */
export function printLiteral(literal: KqlLiteral): string {
  switch (literal.kind) {
    case 'string':
      return literal.quoted || !canStayUnquoted(literal.value)
        ? quote(literal.value) : escapeUnquoted([literal.value]);
    case 'wildcard':
      return escapeUnquoted(literal.parts);
    case 'boolean':
      return String(literal.value);
    case 'null':
      return 'null';
  }
}

/** KQL text for a field name. */
export function printField(field: KqlField): string {
  if (field.pattern) return escapeUnquoted(field.pattern);
  if (field.nullLiteral) return 'null';
  // An unquoted `true` or `false` field name is a boolean literal that names the field.
  if (!field.quoted && (field.name === 'true' || field.name === 'false')) return field.name;
  return field.quoted || !canStayUnquoted(field.name) ? quote(field.name)
    : escapeUnquoted([field.name]);
}

// Words that unquoted would read as literals, the empty string, and values with whitespace at
// an end (trimming would remove it, escaped or not) need quotes.
function canStayUnquoted(value: string): boolean {
  return value !== '' && value !== 'true' && value !== 'false' && value !== 'null'
    && value.trim() === value;
}

function quote(value: string): string {
  return `"${value.replace(/[\\"]/g, '\\$&').replace(/\t/g, '\\t').replace(/\r/g, '\\r')
    .replace(/\n/g, '\\n')}"`;
}

// Escape the parts of an unquoted value and join them with wildcards: special characters,
// and words the parser would read as keywords.
function escapeUnquoted(parts: readonly string[]): string {
  // The value as code units, with null for each wildcard.
  const items: (string | null)[] = [];
  parts.forEach((part, i) => {
    if (i > 0) items.push(null);
    items.push(...part.split(''));
  });

  let out = '';
  for (let i = 0; i < items.length; i++) {
    const c = items[i];
    if (c === null) {
      out += '*';
    } else if (SPECIAL.test(c)) {
      out += `\\${c}`;
    } else if (isKqlSpace(c) && keywordAt(items, i + 1) !== undefined) {
      // `\or` and `\and` keep the word as written.
      const word = keywordAt(items, i + 1) ?? '';
      out += `${c}\\${word}`;
      i += word.length;
    } else if (wordAt(items, i, 'not') && spaceOrEnd(items, i + 3)) {
      // `\not` would read as a line feed and `ot`; escape the first letter by its code.
      out += `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    } else {
      out += c;
    }
  }
  return out;
}

// The end of the value counts as whitespace: the printed text may continue with ` or …`.
function spaceOrEnd(items: readonly (string | null)[], i: number): boolean {
  return i === items.length || isKqlSpace(items[i] ?? undefined);
}

// `or` or `and` (any case) at `i`, followed by whitespace: the word as written.
function keywordAt(items: readonly (string | null)[], i: number): string | undefined {
  for (const word of ['or', 'and']) {
    if (wordAt(items, i, word) && spaceOrEnd(items, i + word.length)) {
      return items.slice(i, i + word.length).join('');
    }
  }
  return undefined;
}

function wordAt(items: readonly (string | null)[], i: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) {
    if (items[i + k]?.toLowerCase() !== word[k]) return false;
  }
  return true;
}
