// The KQL engine: parse a query, compile it into a predicate over mapped documents, explain
// its clauses, report its static problems, and list the terms a match requires.
export type {
  KqlAnd, KqlBoolean, KqlExists, KqlField, KqlFreeText, KqlLeaf, KqlLiteral, KqlMatch,
  KqlMatchAll, KqlNested, KqlNode, KqlNot, KqlNull, KqlOr, KqlRange, KqlString, KqlWildcard,
  RangeOperator,
} from './ast';
export { isLoneWildcard, literalText } from './ast';
export { parseKql, MAX_KQL_DEPTH } from './parse-kql';
export { KqlSyntaxError } from './kql-syntax-error';
export type { QueryLocation } from './kql-syntax-error';
export { compileKql } from './compile-kql';
export type { CompiledQuery, CompileOptions, KqlProblem } from './compiled-query';
export type { RequiredTerm } from './required-clauses';
export {
  requiredClauses, requiredTermLiterals, termSatisfiedBy, wildcardTermParts,
} from './required-clauses';
export { printKql } from './print-kql';
export { queryFields } from './query-fields';
export type { WildcardPattern } from './wildcard';
export { compileWildcard, matchesWildcard, wildcardFromText } from './wildcard';
