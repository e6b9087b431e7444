// Loads a set of rule texts (the built-in pack, then the user's files) into one list keyed by
// rule_id. The front ends read the files; this module only sees their texts.
import type { Rule, RuleLoadProblem } from '../types';
import { parseRuleToml } from './parse-rule-toml';

/** One rule file's text and where it came from. */
export interface RuleText {
  text: string;
  /** A file path, or "builtin:<file>" for the bundled pack. */
  source: string;
  builtin?: boolean;
}

/** Every rule that loaded (one per rule_id) and every problem met on the way. */
export interface LoadedRules {
  rules: Rule[];
  problems: RuleLoadProblem[];
}

/**
 * Parses every text in order. When two files share a rule_id the later one wins (so user files
 * given after the built-ins override them) and a problem records the replacement.
 */
export function loadRuleTexts(inputs: readonly RuleText[]): LoadedRules {
  const problems: RuleLoadProblem[] = [];
  const byId = new Map<string, Rule>();

  for (const input of inputs) {
    const parsed = parseRuleToml(input.text, input.source, input.builtin ?? false);
    problems.push(...parsed.problems);
    if (parsed.rule === undefined) continue;

    // Map.set on an existing key keeps the first position, so the pack's order survives
    const earlier = byId.get(parsed.rule.id);
    if (earlier !== undefined) {
      problems.push({
        source: input.source,
        message: `rule_id ${parsed.rule.id} ("${parsed.rule.name}") overrides the rule with the `
          + `same id from ${earlier.source} ("${earlier.name}")`,
        severity: 'warning',
      });
    }
    byId.set(parsed.rule.id, parsed.rule);
  }
  return { rules: [...byId.values()], problems };
}
