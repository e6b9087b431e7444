// Turns a query's required terms (ECS fields) into texts that a raw CloudTrail record must
// contain for the query to match it: event.action "DescribeImages" needs the characters
// DescribeImages somewhere in the record, because the pipeline copies eventName. Soundness
// rests on one property per field: every value the mapping can give the field is a piece of
// the record's own text (a string or key, decoded, or the text of a true/false/null token).
// Fields the pipeline computes (event.outcome, event.kind, constants) and the rendered
// Map.toString() strings (aws.cloudtrail.request_parameters: "owner=" is not in the JSON) are
// not pieces of the text and give no literal (ecs-mapping.md, sections 5-9). Escapes are the
// prefilter's business: it looks for the literals in the decoded text of records that have any.
import { flattenedRootOf } from '../ecs';
import type { CompiledQuery } from '../kql';
import { requiredTermLiterals, type RequiredTerm } from '../kql/required-clauses';

/** How the mapping derives a field from the record (see the table below). */
type Derivation = 'scalar' | 'template';

/**
 * Fields whose values are raw scalars of the record or pieces of them. 'scalar': copied from
 * one value (a string, or the text of a number or literal), or cut out of a string (the
 * session name of an ARN, the service in eventSource). 'template': a mustache copy, which
 * renders an object or array value as Map.toString() text, so a literal must also avoid the
 * characters that text adds between pieces. Read off src/core/ecs/map-record.ts.
 */
const RAW_FIELDS: ReadonlyMap<string, Derivation> = new Map<string, Derivation>([
  ['event.action', 'template'],
  ['related.user', 'template'],
  ['event.provider', 'scalar'],
  ['event.id', 'scalar'],
  ['cloud.region', 'scalar'],
  ['cloud.account.id', 'scalar'],
  ['cloud.service.name', 'scalar'],
  ['source.address', 'scalar'],
  ['user_agent.original', 'scalar'],
  ['user.name', 'scalar'],
  ['user.id', 'scalar'],
  ['user.email', 'scalar'],
  ['aws.cloudtrail.user_identity.type', 'scalar'],
  ['aws.cloudtrail.user_identity.arn', 'scalar'],
  ['aws.cloudtrail.user_identity.access_key_id', 'scalar'],
  ['aws.cloudtrail.user_identity.invoked_by', 'scalar'],
  ['aws.cloudtrail.user_identity.principal_id', 'scalar'],
  ['aws.cloudtrail.error_code', 'scalar'],
  ['aws.cloudtrail.error_message', 'scalar'],
  ['aws.cloudtrail.event_type', 'scalar'],
  ['aws.cloudtrail.event_category', 'scalar'],
  ['aws.cloudtrail.event_version', 'scalar'],
  ['aws.cloudtrail.recipient_account_id', 'scalar'],
  ['aws.cloudtrail.request_id', 'scalar'],
  ['aws.cloudtrail.api_version', 'scalar'],
]);

/** Characters Map.toString() puts between the pieces of a rendered object or list. */
const RENDERING_PUNCTUATION = /[{}[\]=, ]/;

/** Characters that a short escape can stand for. */
const SHORT_ESCAPED = /["\\/\b\f\n\r\t]/;

/** What a number can be rendered as (Java's format): only these characters, or Infinity. */
const NUMBER_TEXT = /^[0-9.E-]*$/;

/**
 * Literals kept per term. A pattern like *a*a*…*b has thousands of parts, and the prefilter
 * searches every kept literal in every event it looks at (and counts it in a sample of the
 * text); the longest few are the most telling, and requiring fewer literals is always sound.
 */
const MAX_TERM_LITERALS = 4;

/**
 * Literal searches per event, all groups together. A group can only be dropped whole (its
 * alternatives cannot), so groups beyond this budget are left out, the costliest first; each
 * search costs about one pass over the event, and parsing it costs dozens, so a plan within
 * the budget is never much slower than the query's own evaluation of the parsed event.
 */
const MAX_SEARCHES = 64;

/** The literals a record must contain for one query to match it. */
export interface LiteralPlan {
  /**
   * Every group must hold; a group holds when, for one of its alternatives, every literal of
   * that alternative occurs in the record's text.
   */
  groups: string[][][];
  /**
   * Some literal has a character that a short escape (\" \\ \/ \b \f \n \r \t) stands for;
   * otherwise only a \u escape can spell a literal without its characters.
   */
  shortEscapable: boolean;
}

/**
 * The plan of a query, or undefined when no required term gives a literal. Each term keeps at
 * most MAX_TERM_LITERALS literals and the plan at most MAX_SEARCHES, so that its cost per
 * event is bounded whatever the query.
 */
export function literalPlan(query: CompiledQuery): LiteralPlan | undefined {
  const candidates: string[][][] = [];

  for (const clause of query.requiredClauses()) {
    const alternatives = clause.map(termLiterals);

    // One alternative without a literal makes the whole group unusable: it may hold anyway.
    if (alternatives.some((a) => a === undefined || a.length === 0)) continue;
    candidates.push((alternatives as string[][]).map(telling));
  }

  const groups = withinBudget(candidates);
  if (groups.length === 0) return undefined;
  return { groups, shortEscapable: groups.flat(2).some((l) => SHORT_ESCAPED.test(l)) };
}

/**
 * The longest few of a term's literals, in their order, without repeats or one that lies
 * inside another kept one (a text holding the longer one holds it too).
 */
function telling(literals: readonly string[]): string[] {
  const longest = [...new Set(literals)].sort((a, b) => b.length - a.length)
    .slice(0, MAX_TERM_LITERALS);
  const kept = new Set(longest.filter((literal, i) => !longest.some((other, j) => j < i
    && other.includes(literal))));
  return literals.filter((literal) => kept.delete(literal));
}

/** The groups, cheapest first, as long as their searches fit MAX_SEARCHES; in query order. */
function withinBudget(groups: readonly string[][][]): string[][][] {
  const cost = groups.map((group) => group.reduce((sum, literals) => sum + literals.length, 0));
  const cheapestFirst = groups.map((_, i) => i).sort((a, b) => cost[a] - cost[b]);

  const kept = new Set<number>();
  let spent = 0;
  for (const i of cheapestFirst) {
    if (spent + cost[i] > MAX_SEARCHES) break;
    kept.add(i);
    spent += cost[i];
  }
  return groups.filter((_, i) => kept.has(i));
}

/** The literals one term needs in the raw text, or undefined when it gives none. */
export function termLiterals(term: RequiredTerm): string[] | undefined {
  const values = requiredTermLiterals(term).filter((l) => l !== '');
  const root = flattenedRootOf(term.field);

  if (root !== undefined) {
    // A flattened leaf: its value is a scalar's text, its path made of the record's keys.
    if (!values.every((l) => fromScalar(l, 'scalar'))) return undefined;
    const path = term.field.length > root.length ? term.field.slice(root.length + 1) : '';
    return [...values, ...path.split('.').filter((segment) => segment !== '')];
  }

  const derivation = RAW_FIELDS.get(term.field);
  if (derivation === undefined) return undefined;
  return values.every((l) => fromScalar(l, derivation)) ? values : undefined;
}

/**
 * Whether a literal found in a value derived this way is also in the record's text. A number
 * is re-rendered (1E2 becomes 100.0), so a literal that could lie inside a number's text is
 * refused; so is one that could straddle the punctuation of a rendered object.
 */
function fromScalar(literal: string, derivation: Derivation): boolean {
  if (NUMBER_TEXT.test(literal) || '-Infinity'.includes(literal)) return false;
  return derivation === 'scalar' || !RENDERING_PUNCTUATION.test(literal);
}
