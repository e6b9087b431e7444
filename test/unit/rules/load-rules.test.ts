import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadRuleTexts } from '../../../src/core/rules';

const BUILTIN = 'discovery_ec2_deprecated_ami_discovery.toml';
const builtinText = readFileSync(path.resolve(__dirname, '../../../src/rules', BUILTIN), 'utf8');
const currentPath = path.resolve(__dirname, '../../../../shared/reference/rules', BUILTIN);
const currentText = readFileSync(currentPath, 'utf8');

function minimal(id: string, name: string): string {
  return `[rule]\nrule_id = "${id}"\nname = "${name}"\ntype = "query"\nquery = "a: 1"\n`
    + 'severity = "low"\nrisk_score = 21\ndescription = "d"\n';
}

void describe('loadRuleTexts', () => {
  void it('lets a user file override the built-in rule with the same rule_id, and says so', () => {
    const { rules, problems } = loadRuleTexts([
      { text: builtinText, source: `builtin:${BUILTIN}`, builtin: true },
      { text: currentText, source: currentPath },
    ]);

    assert.equal(rules.length, 1);
    assert.equal(rules[0].source, currentPath);
    assert.equal(rules[0].builtin, false);
    assert.equal(rules[0].version, undefined);
    assert.match(rules[0].query ?? '', /^data_stream\.dataset/);
    assert.deepEqual(problems, [{
      source: currentPath,
      message: 'rule_id 264c641e-c202-11ef-993e-f661ea17fbce ("AWS EC2 Deprecated AMI Discovery") '
        + `overrides the rule with the same id from builtin:${BUILTIN} `
        + '("AWS EC2 Deprecated AMI Discovery")',
      severity: 'warning',
    }]);
  });

  void it('keeps the first position of an overridden rule and the order of the others', () => {
    const { rules } = loadRuleTexts([
      { text: minimal('a', 'A1'), source: 'a1' },
      { text: minimal('b', 'B'), source: 'b' },
      { text: minimal('a', 'A2'), source: 'a2' },
    ]);

    assert.deepEqual(rules.map((rule) => rule.name), ['A2', 'B']);
  });

  void it('keeps loading after a broken file and reports it with its source', () => {
    const { rules, problems } = loadRuleTexts([
      { text: '[rule\n', source: 'broken.toml' },
      { text: minimal('b', 'B'), source: 'b.toml' },
    ]);

    assert.deepEqual(rules.map((rule) => rule.id), ['b']);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].source, 'broken.toml');
    assert.equal(problems[0].line, 0);
  });

  void it('marks only the texts given as built-in as built-in', () => {
    const { rules } = loadRuleTexts([
      { text: minimal('a', 'A'), source: 'builtin:a.toml', builtin: true },
      { text: minimal('b', 'B'), source: 'b.toml' },
    ]);

    assert.deepEqual(rules.map((rule) => rule.builtin), [true, false]);
  });
});
