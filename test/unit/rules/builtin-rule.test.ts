import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseRuleToml } from '../../../src/core/rules';
import { locateTomlKeys, stringValueStart } from '../../../src/core/rules/toml-locate';

const FILE = 'discovery_ec2_deprecated_ami_discovery.toml';
const text = readFileSync(path.resolve(__dirname, '../../../src/rules', FILE), 'utf8');

const V1_QUERY = [
  'event.dataset: "aws.cloudtrail"',
  '    and event.provider: "ec2.amazonaws.com"',
  '    and event.action: "DescribeImages"',
  '    and event.outcome: "success"',
  '    and aws.cloudtrail.flattened.request_parameters.includeDeprecated: "true"',
  '    and aws.cloudtrail.request_parameters: *owner=*',
].join('\n');

function load() {
  const { rule, problems } = parseRuleToml(text, `builtin:${FILE}`, true);
  assert.deepEqual(problems, []);
  assert.ok(rule);
  return rule;
}

void describe('the built-in AWS EC2 Deprecated AMI Discovery rule', () => {
  void it('loads without problems as a built-in rule of version 1', () => {
    const rule = load();

    assert.equal(rule.builtin, true);
    assert.equal(rule.source, `builtin:${FILE}`);
    assert.equal(rule.version, 1);
  });

  void it('carries the identity, type and scheduling published for version 1', () => {
    const rule = load();

    assert.equal(rule.id, '264c641e-c202-11ef-993e-f661ea17fbce');
    assert.equal(rule.name, 'AWS EC2 Deprecated AMI Discovery');
    assert.equal(rule.type, 'query');
    assert.equal(rule.language, 'kuery');
    assert.deepEqual(rule.index, ['filebeat-*', 'logs-aws.cloudtrail-*']);
    assert.equal(rule.severity, 'low');
    assert.equal(rule.riskScore, 21);
    assert.equal(rule.interval, '5m');
    assert.equal(rule.from, 'now-9m');
    assert.equal(rule.maxSignals, 100);
    assert.deepEqual(rule.author, ['Elastic']);
    assert.equal(rule.license, 'Elastic License v2');
    assert.equal(rule.timestampOverride, 'event.ingested');
    assert.equal(rule.creationDate, '2024/12/24');
    assert.equal(rule.setup, undefined);
  });

  void it('has the version 1 query verbatim', () => {
    const rule = load();

    assert.equal(rule.query?.trim(), V1_QUERY);
  });

  void it('keeps the published description, tags, reference and four false-positive notes', () => {
    const rule = load();

    assert.match(rule.description, /^Identifies when a user has queried for deprecated Amazon/);
    assert.match(rule.description, /an adversary whom is looking for outdated AMIs/);
    assert.deepEqual(rule.tags, [
      'Domain: Cloud', 'Data Source: AWS', 'Data Source: AWS EC2', 'Resources: Investigation Guide',
      'Use Case: Threat Detection', 'Tactic: Discovery',
    ]);
    assert.deepEqual(rule.references, [
      'https://hackingthe.cloud/aws/exploitation/Misconfigured_Resource-Based_Policies/'
        + 'exploting_public_resources_attack_playbook/',
    ]);
    assert.equal(rule.falsePositives.length, 4);
    assert.equal(rule.falsePositives[0],
      'Legitimate use of deprecated AMIs for testing or development purposes.');
    assert.equal(rule.falsePositives[3], 'Administrators or developers who are unaware of the '
      + 'deprecation status of AMIs they are using.');
  });

  void it('lists the eight investigation fields of version 1 in their published order', () => {
    const rule = load();

    assert.deepEqual(rule.investigationFields, [
      'aws.cloudtrail.user_identity.arn',
      'aws.cloudtrail.user_identity.type',
      'aws.cloudtrail.user_identity.access_key_id',
      'source.ip',
      'cloud.account.id',
      'cloud.region',
      'user_agent.original',
      'event.action',
    ]);
  });

  void it('maps to ATT&CK Discovery / Cloud Infrastructure Discovery with their links', () => {
    const rule = load();

    assert.deepEqual(rule.threat, [{
      framework: 'MITRE ATT&CK',
      tactic: { id: 'TA0007', name: 'Discovery', reference: 'https://attack.mitre.org/tactics/TA0007/' },
      techniques: [{
        id: 'T1580',
        name: 'Cloud Infrastructure Discovery',
        reference: 'https://attack.mitre.org/techniques/T1580/',
        subtechniques: [],
      }],
    }]);
  });

  void it('has a guide with every field, step and link of the published guide', () => {
    const note = load().note ?? '';

    for (const field of ['aws.cloudtrail.user_identity.arn', 'aws.cloudtrail.user_identity.type',
      'aws.cloudtrail.user_identity.access_key_id', 'related.user', 'source.ip', 'source.geo',
      'user_agent.original', 'aws.cloudtrail.flattened.request_parameters',
      'includeDeprecated=true',
      'ownersSet', 'event.action', 'DescribeImages', 'event.outcome', 'success', 'RunInstances']) {
      assert.ok(note.includes(`\`${field}\``), `the guide names \`${field}\``);
    }
    for (const link of ['https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/AMIs.html',
      'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ami-deprecate.html']) {
      assert.ok(note.includes(`](${link})`), `the guide links ${link}`);
    }
    assert.equal(note.match(/^\d\. \*\*/gm)?.length, 11, 'six investigation and five response steps');
  });

  void it('does not reuse the upstream guide\'s sentences', () => {
    const note = load().note ?? '';

    assert.ok(!note.includes('Investigating these queries can help identify potential risks'));
    assert.ok(!note.includes('to determine the AWS user or role making the request'));
    assert.ok(!note.includes('Document and communicate the exceptions to relevant teams'));
  });

  void it('is supported with no warnings (the *owner=* wildcard is on a keyword field)', () => {
    assert.deepEqual(load().support, { supported: true, warnings: [] });
  });

  void it('has a literal query whose text starts on the line after the opening quotes', () => {
    const locations = locateTomlKeys(text);
    const start = stringValueStart(text, locations.keys.get('rule.query')!);

    assert.ok(start);
    assert.equal(start.exact, true);
    assert.equal(text.slice(start.offset, start.offset + V1_QUERY.length), V1_QUERY);
    assert.equal(text.split('\n')[start.position.line], 'event.dataset: "aws.cloudtrail"');
  });
});
