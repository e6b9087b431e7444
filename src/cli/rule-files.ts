// Finds and reads rule files for the CLI: the built-in pack and the user's --rules paths.
// Nothing here throws for a file system fault: each one becomes a problem of its path.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadRuleTexts, type RuleText } from '../core/rules';
import type { Rule, RuleLoadProblem } from '../core/types';
import { fileErrorReason } from './file-errors';
import { expandInputs } from './walk';

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
  const inputs: RuleText[] = [];
  const problems: RuleLoadProblem[] = [];

  if (builtin) {
    try {
      inputs.push(...readRuleFiles([builtinRulesFolder()], problems, true));
    } catch (error) {
      problems.push({ source: 'builtin', message: (error as Error).message });
    }
  }
  inputs.push(...readRuleFiles(paths, problems, false));

  const loaded = loadRuleTexts(inputs);
  const failed = new Set(problems.filter((p) => p.severity !== 'warning').map((p) => p.source));

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

/**
 * The texts of the .toml files named by the paths (files as given, folders walked in name
 * order, each file once). A folder without one is a warning: it may be the wrong folder.
 */
function readRuleFiles(paths: readonly string[], problems: RuleLoadProblem[],
  builtin: boolean): RuleText[] {
  const texts: RuleText[] = [];
  const seen = new Set<string>();
  const accept = (name: string): boolean => name.toLowerCase().endsWith('.toml');

  for (const path of paths) {
    let files: string[];
    try {
      const expanded = expandInputs([path], { accept, seen });
      for (const folder of expanded.emptyDirectories) {
        problems.push({ source: folder, message: 'no rule file (.toml) in this folder',
          severity: 'warning' });
      }
      files = expanded.files;
    } catch (error) {
      problems.push({ source: path, message: (error as Error).message });
      continue;
    }

    for (const file of files) {
      try {
        texts.push({ text: readFileSync(file, 'utf8'), source: file, builtin });
      } catch (error) {
        problems.push({ source: file, message: `cannot read: ${fileErrorReason(error)}` });
      }
    }
  }

  return texts;
}
