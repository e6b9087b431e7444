// A supported rule's caveats (enrichment it needs, fields no CloudTrail event has) reach CLI
// users: once per rule on stderr, in JSON rules[].warnings, and as SARIF configuration
// notifications of level warning.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli, SAMPLES, scratchFolder } from './run-cli';
import { sarifValidator } from './sarif-schema';

const EVENT = path.join(SAMPLES, 'single-event.json');
const GEO = 'source.geo.country_iso_code: depends on GeoIP/user-agent enrichment CloudTrail Lens '
  + 'cannot perform; clauses on it never match (under `not`, the rule flags more events than '
  + 'Elastic would)';
const TYPO = 'the query names event.provder, which no CloudTrail event has in the ECS mapping: '
  + 'clauses on it never match';

/** A query rule file with the given name and query. */
function ruleFile(name: string, query: string): string {
  return [
    '[metadata]', 'creation_date = "2026/01/01"', '', '[rule]',
    'author = ["tests"]', 'description = "A rule with caveats."',
    `name = "${name}"`, 'risk_score = 21', 'rule_id = "caveats-1"',
    'severity = "low"', 'type = "query"', "query = '''", query, "'''", '',
  ].join('\n');
}

/** Runs the CLI on the sample event with one rule file written to a scratch folder. */
function scanWithRule(name: string, query: string, format: string):
  { file: string; status: number; stdout: string; stderr: string } {
  const scratch = scratchFolder();
  try {
    const file = path.join(scratch.dir, 'caveats.toml');
    writeFileSync(file, ruleFile(name, query));
    const result = runCli(['scan', '--no-builtin', '--format', format, '--rules', file, EVENT]);
    return { file, ...result };
  } finally {
    scratch.remove();
  }
}

const QUERY = 'event.provder: "ec2.amazonaws.com" or not source.geo.country_iso_code: "US"';

void describe('cloudtrail-lens scan: rule caveats', () => {
  void it('prints each caveat once on stderr, naming the rule file and rule', () => {
    const { file, status, stderr } = scanWithRule('Outside the US', QUERY, 'text');

    assert.equal(status, 0);
    assert.deepEqual(stderr.split('\n').filter((line) => line !== ''), [
      `${file}: warning: rule "Outside the US": ${TYPO}`,
      `${file}: warning: rule "Outside the US": ${GEO}`,
    ]);
  });

  void it('makes hidden characters of the rule name visible', () => {
    // a TOML escape for the ESC, a raw right-to-left override
    const { stderr } = scanWithRule('Bad\\u001b[2J\u202ename', QUERY, 'text');

    assert.ok(!stderr.includes('\u001b') && !stderr.includes('\u202e'), stderr);
    assert.match(stderr, /rule "Bad\\u\{1b\}\[2J\\u\{202e\}name"/);
  });

  void it('lists the caveats in JSON rules[].warnings', () => {
    const { stdout } = scanWithRule('Outside the US', QUERY, 'json');
    const rules = (JSON.parse(stdout) as { rules: { id: string; warnings: string[] }[] }).rules;

    assert.deepEqual(rules, [{ ...rules[0], id: 'caveats-1', warnings: [TYPO, GEO] }]);
  });

  void it('gives SARIF configuration notifications of level warning, tied to the rule', () => {
    const { stdout } = scanWithRule('Outside the US', QUERY, 'sarif');
    const log = JSON.parse(stdout) as { runs: { invocations: { toolConfigurationNotifications:
      { level: string; message: { text: string }; associatedRule: unknown }[] }[] }[] };

    assert.deepEqual(sarifValidator()(log), []);
    assert.deepEqual(log.runs[0].invocations[0].toolConfigurationNotifications, [
      { level: 'warning', message: { text: `Rule "Outside the US": ${TYPO}` },
        associatedRule: { id: 'caveats-1', index: 0 } },
      { level: 'warning', message: { text: `Rule "Outside the US": ${GEO}` },
        associatedRule: { id: 'caveats-1', index: 0 } },
    ]);
  });

  void it('says nothing for the built-in rule, which has no caveat', () => {
    const { status, stderr } = runCli(['scan', EVENT]);

    assert.equal(status, 0);
    assert.equal(stderr, '');
  });
});
