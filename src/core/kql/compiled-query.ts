// The contract of a compiled KQL query, as the rules and the scan use it.
import type { ClauseExplanation, EcsDocument, FieldType } from '../types';
import type { RequiredTerm } from './required-clauses';

/** A static issue of a query: Elasticsearch would fail on it, or its meaning is not settled. */
export interface KqlProblem {
  message: string;
  /** Offset in the query text. */
  offset: number;
  severity: 'error' | 'warning';
}

export interface CompileOptions {
  /**
   * The static type of a field (the field catalog), for problems and required terms; without
   * it, no term is claimed to be required.
   */
  fieldType?: (field: string) => FieldType | undefined;
}

export interface CompiledQuery {
  /** The query text (for a compiled tree: its text rebuilt, when no text was given). */
  source: string;
  matches(doc: EcsDocument): boolean;
  /** One entry per leaf clause, in query order, whether or not it decided the result. */
  explain(doc: EcsDocument): ClauseExplanation[];
  problems: KqlProblem[];
  /** Groups of terms, every group required, one term of a group enough (see required-clauses). */
  requiredClauses(): RequiredTerm[][];
}
