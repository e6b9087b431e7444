// Ties the engine together: locate events, map each to ECS, evaluate every supported rule, and
// turn matches into findings with explanations. scanText takes the fast path (fast/): records
// that cannot hold a rule's required literals are skipped unparsed; the plain reference path
// parses every event, and the tests hold the two identical.
import { activeRules, evaluateEvent } from './evaluate-event';
import { scanTextFast } from './fast/scan-text-fast';
import { locateEvents } from './locate';
import { checkRuleQuery } from './rules/check-rule-query';
import type { LoadedRule, ScanOptions } from './scan-options';
import type { Rule, ScanResult } from './types';

export type { ExceptionMatcher, LoadedRule, ScanOptions } from './scan-options';
export { mapEvent, skippedCopyNotes } from './evaluate-event';

/**
 * Compiles the query of every supported rule once. A query that does not parse, or that
 * Elasticsearch would refuse, makes its rule unsupported with the reason, so that it is listed
 * rather than dropped (the rule loader has already placed the error in the rule file).
 */
export function prepareRules(rules: readonly Rule[]): LoadedRule[] {
  return rules.map((rule) => {
    if (!rule.support.supported || rule.query === undefined) return { rule };

    const check = checkRuleQuery(rule.query);
    if (!check.ok) {
      return { rule: { ...rule, support: { ...rule.support, supported: false,
        reason: check.reason } } };
    }

    // One warning per distinct message: a caveat repeats for every clause it concerns.
    const query = check.compiled;
    const warnings = [...new Set(query.problems.map((p) => p.message))]
      .filter((m) => !rule.support.warnings.includes(m));
    return { rule: { ...rule, support: { ...rule.support,
      warnings: [...rule.support.warnings, ...warnings] } }, query };
  });
}

/** Scans a whole text: every event that could match, against every supported rule. */
export function scanText(text: string, rules: readonly LoadedRule[],
  options: ScanOptions = {}): ScanResult {
  return options.reference ? scanTextReference(text, rules, options)
    : scanTextFast(text, rules, options);
}

/** The plain reference path: locate every event, parse and evaluate every event. */
export function scanTextReference(text: string, rules: readonly LoadedRule[],
  options: ScanOptions = {}): ScanResult {
  const located = locateEvents(text);
  const active = activeRules(rules);
  const result: ScanResult = {
    layout: located.layout, events: located.events.length, findings: [], suppressed: [],
    problems: [...located.problems],
  };

  if (active.length === 0) return result;

  for (const event of located.events) evaluateEvent(text, event, active, options, result);
  return result;
}
