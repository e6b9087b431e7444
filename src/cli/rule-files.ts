// Finds and reads rule files for the CLI: the built-in pack and the user's --rules paths.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadRuleTexts } from '../core/rules';
import type { Rule, RuleLoadProblem } from '../core/types';
import { expandPaths } from './walk';

/** Where the built-in pack lives, from the bundle (dist/) or from the sources (src/cli/). */
export function builtinRulesFolder(): string {
  const candidates = [resolve(__dirname, '../src/rules'), resolve(__dirname, '../rules')];
  const found = candidates.find((dir) => existsSync(join(dir,
    'discovery_ec2_deprecated_ami_discovery.toml')));
  if (!found) throw new Error(`built-in rules not found (looked in ${candidates.join(', ')})`);
  return found;
}

/** The rules that loaded, every problem, and the sources that gave no rule at all. */
export interface RuleSources {
  rules: Rule[];
  problems: RuleLoadProblem[];
  /** Paths that could not be read or whose file holds no usable rule: a usage error. */
  failed: string[];
}

/** Reads the built-in pack (unless disabled) and every .toml file under the given paths. */
export function loadRuleSources(paths: readonly string[], builtin: boolean): RuleSources {
  const inputs: { text: string; source: string; builtin?: boolean }[] = [];
  const problems: RuleLoadProblem[] = [];

  if (builtin) {
    for (const file of tomlFiles([builtinRulesFolder()], problems)) {
      inputs.push({ text: readFileSync(file, 'utf8'), source: file, builtin: true });
    }
  }

  for (const file of tomlFiles(paths, problems)) {
    try {
      inputs.push({ text: readFileSync(file, 'utf8'), source: file });
    } catch (error) {
      problems.push({ source: file, message: `cannot read: ${(error as Error).message}` });
    }
  }

  const loaded = loadRuleTexts(inputs);
  const failed = new Set(problems.map((p) => p.source));

  // A problem may leave its rule usable (or only report an override); reading such a file
  // again on its own tells whether it gave a rule. Files without problems are not re-read.
  const troubled = new Set(loaded.problems.map((p) => p.source));
  for (const input of inputs) {
    if (troubled.has(input.source) && loadRuleTexts([input]).rules.length === 0) {
      failed.add(input.source);
    }
  }

  return { rules: loaded.rules, problems: [...problems, ...loaded.problems], failed: [...failed] };
}

/** The .toml files named by the paths (files as given, folders walked in name order). */
function tomlFiles(paths: readonly string[], problems: RuleLoadProblem[]): string[] {
  const files: string[] = [];

  for (const path of paths) {
    try {
      files.push(...expandPaths([path], (name) => name.toLowerCase().endsWith('.toml')));
    } catch (error) {
      problems.push({ source: path, message: (error as Error).message });
    }
  }

  return files;
}
