// The terms a document must carry for a query to match it, as a conjunction of disjunctions
// (CNF): every group must hold, and a group holds when one of its terms does. A text prefilter
// uses them to skip events that cannot match. Soundness is the whole point: a group is only
// emitted when the query cannot match without it, so anything under `not`, ranges, existence,
// free text and field patterns contribute nothing, and an `or` with one such branch
// contributes nothing either. Only fields compared as exact text are used (keyword and
// flattened); constant_keyword fields are left out, since their value is not in the event.
import type { EcsDocument, FieldType } from '../types';
import type { KqlLiteral, KqlNode } from './ast';
import { compileWildcard, matchesWildcard, wildcardLiterals } from './wildcard';

/** One term: the field's value must equal `value`, or match it as a `*` pattern. */
export interface RequiredTerm {
  field: string;
  /** The text, or for `wildcard` the pattern with `\*` and `\\` for literal star and backslash. */
  value: string;
  kind: 'exact' | 'wildcard';
}

/** Beyond this many groups, an `or` of conjunctions is summarised into one coarser group. */
const MAX_GROUPS = 64;

const TEXT_TYPES = new Set<FieldType>(['keyword', 'flattened_root', 'flattened_keyed']);

/**
 * The CNF of required terms of a query. Terms come only from fields whose static type is
 * known to compare exact text: without `fieldType` nothing is required (an `ip` field would
 * match a CIDR value that is not in its text, for one), and unknown fields contribute nothing.
 */
export function requiredClauses(node: KqlNode,
  fieldType?: (field: string) => FieldType | undefined): RequiredTerm[][] {
  const usable = (field: string): boolean => {
    const type = fieldType?.(field);
    return type !== undefined && TEXT_TYPES.has(type);
  };
  return simplify(cnf(node, usable));
}

/** The literal texts a value satisfying the term must contain. */
export function requiredTermLiterals(term: RequiredTerm): string[] {
  if (term.kind === 'exact') return [term.value];
  return wildcardLiterals(compileWildcard(wildcardTermParts(term.value)));
}

/** Whether the document satisfies the term (a searchable value of the field matches). */
export function termSatisfiedBy(term: RequiredTerm, doc: EcsDocument): boolean {
  const field = doc.field(term.field);
  if (!field || !field.searchable) return false;
  if (term.kind === 'exact') return field.values.some((v) => v.text === term.value);
  const pattern = compileWildcard(wildcardTermParts(term.value));
  return field.values.some((v) => matchesWildcard(pattern, v.text));
}

/** Split an encoded wildcard term into the literal parts between its stars. */
export function wildcardTermParts(encoded: string): string[] {
  const parts = [''];
  for (let i = 0; i < encoded.length; i++) {
    const c = encoded[i];
    if (c === '\\' && i + 1 < encoded.length) parts[parts.length - 1] += encoded[++i];
    else if (c === '*') parts.push('');
    else parts[parts.length - 1] += c;
  }
  return parts;
}

function encodeWildcard(parts: readonly string[]): string {
  return parts.map((p) => p.replace(/[\\*]/g, '\\$&')).join('*');
}

// An empty list means "nothing required" (always satisfiable as far as we can tell).
function cnf(node: KqlNode, usable: (field: string) => boolean): RequiredTerm[][] {
  switch (node.kind) {
    case 'match': {
      const term = termOf(node.field.name, node.value);
      const plainField = node.field.pattern === undefined && !node.field.nullLiteral;
      return term && plainField && usable(node.field.name) ? [[term]] : [];
    }
    case 'and':
      return node.children.flatMap((child) => cnf(child, usable));
    case 'or':
      return distribute(node.children.map((child) => cnf(child, usable)));
    default:
      // not, nested, exists, range, free text, match all: nothing that must hold.
      return [];
  }
}

function termOf(field: string, value: KqlLiteral): RequiredTerm | undefined {
  switch (value.kind) {
    case 'string':
      return { field, value: value.value, kind: 'exact' };
    case 'boolean':
      return { field, value: String(value.value), kind: 'exact' };
    case 'wildcard':
      // A pattern of stars only requires nothing of the text.
      if (value.parts.every((p) => p === '')) return undefined;
      return { field, value: encodeWildcard(value.parts), kind: 'wildcard' };
    case 'null':
      return undefined;
  }
}

// (C1 or C2 or …) where each Ci is a CNF: the groups g1 ∪ g2 ∪ … for every choice of one
// group per Ci. Too many choices: keep one group per Ci (each Ci implies any of its groups).
function distribute(branches: RequiredTerm[][][]): RequiredTerm[][] {
  if (branches.some((b) => b.length === 0)) return [];

  const count = branches.reduce((n, b) => n * b.length, 1);
  if (count > MAX_GROUPS) {
    const smallest = branches.map((b) => b.reduce((x, y) => (y.length < x.length ? y : x)));
    return [smallest.flat()];
  }

  // Each choice is built once, the last branch varying fastest: extending a growing prefix
  // branch by branch would copy it each time, the square of the terms for an `or` of
  // thousands of clauses.
  const result: RequiredTerm[][] = [];
  const picks = new Array<number>(branches.length).fill(0);
  for (let choice = 0; choice < count; choice++) {
    let rest = choice;
    for (let b = branches.length - 1; b >= 0; b--) {
      picks[b] = rest % branches[b].length;
      rest = Math.floor(rest / branches[b].length);
    }

    const group: RequiredTerm[] = [];
    for (let b = 0; b < branches.length; b++) {
      for (const term of branches[b][picks[b]]) group.push(term);
    }
    result.push(group);
  }
  return result;
}

// Drop repeated terms and groups, and any group that contains another (it is implied).
function simplify(groups: RequiredTerm[][]): RequiredTerm[][] {
  const key = (t: RequiredTerm): string => `${t.kind}\u0000${t.field}\u0000${t.value}`;
  const unique = groups.map((g) => {
    const seen = new Map<string, RequiredTerm>();
    for (const t of g) seen.set(key(t), t);
    return [...seen.values()];
  });
  const keys = unique.map((g) => new Set(g.map(key)));

  // An empty group is contained in every other one (it cannot come from a query, though).
  const empty = unique.findIndex((g) => g.length === 0);
  if (empty >= 0) return [unique[empty]];

  // A group contained in group i holds its own rarest term, which i then holds too: so only
  // the groups filed under a term of i are candidates, and not every pair of groups (an
  // `and` of thousands of clauses would otherwise cost the square of their number).
  const counts = new Map<string, number>();
  for (const set of keys) for (const k of set) counts.set(k, (counts.get(k) ?? 0) + 1);
  const byRarest = new Map<string, number[]>();
  keys.forEach((set, j) => {
    let rarest = '';
    let fewest = Infinity;
    for (const k of set) {
      const count = counts.get(k) as number;
      if (count < fewest) [rarest, fewest] = [k, count];
    }
    const filed = byRarest.get(rarest);
    if (filed === undefined) byRarest.set(rarest, [j]);
    else filed.push(j);
  });

  return unique.filter((group, i) => {
    for (const k of keys[i]) {
      for (const j of byRarest.get(k) ?? []) {
        if (j === i || unique[j].length > group.length) continue;
        if (![...keys[j]].every((other) => keys[i].has(other))) continue;
        // Of two equal groups keep the first.
        if (unique[j].length < group.length || j < i) return false;
      }
    }
    return true;
  });
}
