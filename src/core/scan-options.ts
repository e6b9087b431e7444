// The options and rule shapes a scan takes; kept apart so that every scan path can import them.
import type { CompiledQuery } from './kql';
import type { EcsDocument, Rule } from './types';

/** Decides whether an exception item suppresses a rule's finding on a document. */
export type ExceptionMatcher =
  (ruleId: string, doc: EcsDocument) => { id: string; comment: string } | undefined;

/** Options that change what Elastic's pipeline would have indexed, or how the scan runs. */
export interface ScanOptions {
  /** Pruning of empty values: "newest" also drops "-" and "none" (default), "2024" does not. */
  pruning?: 'newest' | '2024';
  /** The integration's `retain` option: which request/response forms are kept (default all). */
  retain?: 'all' | 'keyword' | 'flattened' | 'minimal' | 'none';
  /** Use the plain reference path: locate and parse every event (for tests). */
  reference?: boolean;
  /** Rule exceptions: a suppressed finding is kept in `suppressed`, never dropped. */
  exceptions?: ExceptionMatcher;
}

/** A rule with its compiled query (absent when the rule is not supported). */
export interface LoadedRule {
  rule: Rule;
  query?: CompiledQuery;
}
