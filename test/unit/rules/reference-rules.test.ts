import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseRuleToml } from '../../../src/core/rules';
import type { Rule } from '../../../src/core/types';
import { locateTomlKeys, stringValueStart } from '../../../src/core/rules/toml-locate';

const DIR = path.resolve(__dirname, '../../../../shared/reference/rules');
const FILES = readdirSync(DIR).filter((name) => name.endsWith('.toml')).sort();

// The README beside the copies lists each file's name, severity and risk score.
const README_ROWS = new Map(readFileSync(path.join(DIR, 'README.md'), 'utf8').split('\n')
  .map((line) => /^\| `([^`]+\.toml)` \| (.+?) \| (\w+) \/ (\d+) \|/.exec(line))
  .filter((match) => match !== null)
  .map((match) => [match[1], { name: match[2], severity: match[3], risk: Number(match[4]) }]));

function read(file: string): { text: string; rule: Rule } {
  const text = readFileSync(path.join(DIR, file), 'utf8');
  const { rule, problems } = parseRuleToml(text, file);
  assert.deepEqual(problems, [], `${file} loads without problems`);
  assert.ok(rule, `${file} yields a rule`);
  return { text, rule };
}

function threatIds(rule: Rule): string[] {
  return rule.threat.map((entry) => [entry.tactic.id, ...entry.techniques.map((technique) =>
    [technique.id, ...technique.subtechniques.map((sub) => sub.id)].join('+'))].join(' '));
}

void describe('the eighteen reference rule files', () => {
  void it('are all present and listed in their README', () => {
    assert.equal(FILES.length, 18);
    assert.deepEqual([...README_ROWS.keys()].sort(), FILES);
  });

  for (const file of FILES) {
    void it(`${file} loads as a supported KQL query rule matching its README row`, () => {
      const { rule } = read(file);
      const row = README_ROWS.get(file)!;

      assert.equal(rule.name, row.name);
      assert.equal(rule.severity, row.severity);
      assert.equal(rule.riskScore, row.risk);
      assert.match(rule.id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      assert.equal(rule.type, 'query');
      assert.equal(rule.language, 'kuery');
      assert.ok(rule.index.includes('logs-aws.cloudtrail-*'));
      assert.equal(rule.support.supported, true);
      assert.equal(rule.builtin, false);
      assert.equal(rule.source, file);
      assert.equal(rule.author[0], 'Elastic');
      assert.equal(rule.license, 'Elastic License v2');
      assert.equal(rule.version, undefined);
      assert.equal(rule.maxSignals, 100);
      assert.match(rule.interval, /^\d+m$/);
      assert.match(rule.from, /^now-\d+m$/);
      assert.match(rule.creationDate ?? '', /^\d{4}\/\d{2}\/\d{2}$/);
      assert.ok((rule.note ?? '').length > 200, 'has an investigation guide');
      assert.ok(rule.description.length > 0 && rule.description === rule.description.trim());
      assert.ok(rule.falsePositives.every((text) => text.length > 0 && text === text.trim()));
      assert.ok(rule.references.every((url) => url.startsWith('https://')));
    });

    void it(`${file} maps every tactic, technique and sub-technique with its ATT&CK link`, () => {
      const { text, rule } = read(file);

      assert.equal(rule.threat.length, text.match(/^\[\[rule\.threat\]\]/gm)?.length);
      for (const entry of rule.threat) {
        assert.equal(entry.framework, 'MITRE ATT&CK');
        assert.match(entry.tactic.id, /^TA\d{4}$/);
        assert.equal(entry.tactic.reference, `https://attack.mitre.org/tactics/${entry.tactic.id}/`);
        for (const technique of entry.techniques) {
          assert.match(technique.id, /^T\d{4}$/);
          assert.equal(technique.reference,
            `https://attack.mitre.org/techniques/${technique.id}/`);
          for (const sub of technique.subtechniques) {
            assert.ok(sub.id.startsWith(`${technique.id}.`));
            assert.equal(sub.reference,
              `https://attack.mitre.org/techniques/${sub.id.replace('.', '/')}/`);
          }
        }
      }
    });

    void it(`${file} has its query located in the file, character for character`, () => {
      const { text, rule } = read(file);
      const query = locateTomlKeys(text).keys.get('rule.query');
      assert.ok(query);
      const start = stringValueStart(text, query);

      assert.ok(start);
      assert.equal(start.exact, true, 'AWS rule queries are literal strings');
      assert.ok(rule.query);
      assert.equal(text.slice(start.offset, start.offset + rule.query.length), rule.query);
    });
  }

  void it('give the expected ids and ATT&CK mapping for a few known rules', () => {
    const expected: [string, string, string[]][] = [
      ['discovery_ec2_deprecated_ami_discovery.toml', '264c641e-c202-11ef-993e-f661ea17fbce',
        ['TA0007 T1580']],
      ['credential_access_credentials_in_s3_bucket.toml', '2f0ee9fe-4529-4b9e-9f78-6c81ef33c6ba',
        ['TA0006 T1552+T1552.001', 'TA0009 T1530']],
      ['impact_iam_deactivate_mfa_device.toml', 'd8fc1cca-93ed-43c1-bbb6-c0dd3eff2958',
        ['TA0040 T1531', 'TA0003 T1556+T1556.006', 'TA0005 T1556+T1556.006']],
      ['defense_evasion_cloudtrail_logging_suspended.toml', '1aa8fa52-44a7-4dae-b058-f3333b91c8d7',
        ['TA0005 T1562+T1562.001+T1562.008']],
      ['persistence_ec2_security_group_configuration_change_detection.toml',
        '29052c19-ff3e-42fd-8363-7be14d7c5469',
        ['TA0003 T1133', 'TA0005 T1562+T1562.007 T1578+T1578.005', 'TA0001 T1133']],
    ];

    for (const [file, id, threat] of expected) {
      const { rule } = read(file);
      assert.equal(rule.id, id, file);
      assert.deepEqual(threatIds(rule), threat, file);
    }
  });

  void it('read the current AMI rule: version 8 query, supported, twelve fields', () => {
    const { rule } = read('discovery_ec2_deprecated_ami_discovery.toml');

    assert.equal(rule.query?.trim(), [
      'data_stream.dataset: "aws.cloudtrail"',
      '    and event.provider: "ec2.amazonaws.com"',
      '    and event.action: "DescribeImages"',
      '    and event.outcome: "success"',
      '    and aws.cloudtrail.flattened.request_parameters.includeDeprecated: "true"',
    ].join('\n'));
    assert.deepEqual(rule.support, { supported: true, warnings: [] });
    assert.equal(rule.from, 'now-6m');
    assert.equal(rule.investigationFields.length, 12);
    assert.equal(rule.updatedDate, '2026/04/10');
    assert.ok(rule.note?.startsWith('## Triage and analysis\n'));
  });

  void it('keep the setup and keyed-flattened caveat of the S3 credential rule', () => {
    const { rule } = read('credential_access_credentials_in_s3_bucket.toml');

    assert.match(rule.setup ?? '', /^S3 data event logging is required for this rule/);
    assert.ok(rule.setup?.includes('[trail name] → Data events'));
    assert.deepEqual(rule.support.warnings.length, 1);
    assert.match(rule.support.warnings[0],
      /^aws\.cloudtrail\.flattened\.request_parameters\.key: wildcard values on a keyed flattened/);
    assert.ok(rule.investigationFields.includes('source.as.number'));
  });

  void it('keep multi-line false-positive notes without surrounding blank space', () => {
    const { rule } = read('credential_access_credentials_in_s3_bucket.toml');

    assert.equal(rule.falsePositives.length, 1);
    assert.match(rule.falsePositives[0], /^Legitimate CI\/CD pipelines/);
    assert.match(rule.falsePositives[0], /expected access patterns\.$/);
  });
});
