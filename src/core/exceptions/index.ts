// Rule exceptions: the workspace file that exempts expected events from a rule, in the model of
// Elastic Security's rule exceptions.
export * from './exception-types';
export { OPERATORS, WILDCARD_FIELD_TYPES, isExceptionOperator } from './operators';
export type { OperatorInfo, OperatorOperand } from './operators';
export { parseExceptionsFile } from './parse-exceptions-file';
export type { ParseExceptionsOptions, ParseExceptionsResult } from './parse-exceptions-file';
export {
  createExceptionMatcher, entryHolds, evaluateExceptions, isExpired, itemMatches,
  listExpiredItems,
} from './evaluate-exceptions';
export type { ExceptionEvaluation, SuppressionLookup } from './evaluate-exceptions';
export {
  ExceptionsEditError, addExceptionItem, planExceptionInsertion,
} from './add-exception-item';
export type { TextEdit } from './add-exception-item';
export {
  buildExceptionItem, nextExceptionId, suggestExceptionItems,
} from './suggest-exception-items';
export type { CandidateKind, ExceptionCandidate, ItemDetails } from './suggest-exception-items';
export { compileWildcard } from './wildcard-pattern';
export type { WildcardPattern } from './wildcard-pattern';
export { parseIsoInstant } from './iso-date';
