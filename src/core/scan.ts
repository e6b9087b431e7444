// Ties the engine together: locate events, map each to ECS, evaluate every supported rule, and
// turn matches into findings with explanations. scanText takes the fast path (fast/): records
// that cannot hold a rule's required literals are skipped unparsed; the plain reference path
// parses every event, and the tests hold the two identical.
import { fieldTypeOf } from './ecs';
import { activeRules, evaluateEvent } from './evaluate-event';
import { scanTextFast } from './fast/scan-text-fast';
import { compileKql, KqlSyntaxError } from './kql';
import { locateEvents } from './locate';
import type { LoadedRule, ScanOptions } from './scan-options';
import type { Rule, ScanResult } from './types';

export type { ExceptionMatcher, LoadedRule, ScanOptions } from './scan-options';
export { mapEvent, skippedCopyNotes } from './evaluate-event';

/**
 * Compiles the query of every supported rule once. A query that does not parse makes its rule
 * unsupported, with the syntax error as the reason, so that it is listed rather than dropped.
 */
export function prepareRules(rules: readonly Rule[]): LoadedRule[] {
  return rules.map((rule) => {
    if (!rule.support.supported || rule.query === undefined) return { rule };

    try {
      const query = compileKql(rule.query, { fieldType: fieldTypeOf });
      const errors = query.problems.filter((p) => p.severity === 'error');
      if (errors.length > 0) {
        const reason = `query cannot run as Elasticsearch would: ${errors[0].message}`;
        return { rule: { ...rule, support: { ...rule.support, supported: false, reason } } };
      }

      // One warning per distinct message: a caveat repeats for every clause it concerns.
      const warnings = [...new Set(query.problems.map((p) => p.message))]
        .filter((m) => !rule.support.warnings.includes(m));
      return { rule: { ...rule, support: { ...rule.support,
        warnings: [...rule.support.warnings, ...warnings] } }, query };
    } catch (error) {
      if (!(error instanceof KqlSyntaxError)) throw error;
      const reason = `query does not parse at offset ${error.offset}: ${error.message}`;
      return { rule: { ...rule, support: { ...rule.support, supported: false, reason } } };
    }
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
