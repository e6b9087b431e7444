// What each exception operator needs and means. The schema's enum and the semantic checks both
// follow this table, so the editor's completion and the loader never disagree.
import type { FieldType } from '../types';
import type { ExceptionOperator } from './exception-types';

/** Which value property an operator takes. */
export type OperatorOperand = 'value' | 'values' | 'none';

export interface OperatorInfo {
  operand: OperatorOperand;
  /** The positive operator this one negates, when it is a negation. */
  negates?: ExceptionOperator;
}

/** Every operator, in the order Elastic's exception builder lists them. */
export const OPERATORS: Readonly<Record<ExceptionOperator, OperatorInfo>> = {
  'is': { operand: 'value' },
  'is not': { operand: 'value', negates: 'is' },
  'is one of': { operand: 'values' },
  'is not one of': { operand: 'values', negates: 'is one of' },
  'exists': { operand: 'none' },
  'does not exist': { operand: 'none', negates: 'exists' },
  'matches': { operand: 'value' },
  'does not match': { operand: 'value', negates: 'matches' },
};

/** Whether a string names one of the operators. */
export function isExceptionOperator(name: string): name is ExceptionOperator {
  return Object.prototype.hasOwnProperty.call(OPERATORS, name);
}

/**
 * Field types on which `matches` runs: Elastic offers it on keyword, text and wildcard fields
 * only, and an Elasticsearch wildcard query on an ip or numeric field is an error.
 */
export const WILDCARD_FIELD_TYPES: ReadonlySet<FieldType> = new Set<FieldType>(['keyword',
  'constant_keyword', 'flattened_root', 'flattened_keyed', 'text']);
