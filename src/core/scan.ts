// Ties the engine together: locate events, map each to ECS, evaluate every supported rule.
// (Signature fixed for the front ends; the body lands with the engine modules.)
import type { Rule, ScanResult } from './types';

/** Options that change what Elastic's pipeline would have indexed, or how the scan runs. */
export interface ScanOptions {
  /** Pruning of empty values: "newest" also drops "-" and "none" (default), "2024" does not. */
  pruning?: 'newest' | '2024';
  /** The integration's `retain` option: which request/response forms are kept (default all). */
  retain?: 'all' | 'keyword' | 'flattened' | 'minimal' | 'none';
  /** Use the plain reference path: locate and parse every event (for tests). */
  reference?: boolean;
}

/** A rule with its compiled query (absent when the rule is not supported). */
export interface LoadedRule {
  rule: Rule;
}

export function scanText(_text: string, _rules: readonly LoadedRule[],
  _options: ScanOptions = {}): ScanResult {
  throw new Error('scanText is being assembled');
}
