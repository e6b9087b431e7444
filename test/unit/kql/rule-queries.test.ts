// The queries of the 18 reference rule files parse, compile without errors against the field
// catalog, report what they should, and evaluate on documents shaped like mapped events.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { compileKql, parseKql } from '../../../src/core/kql';
import { fieldTypeOf } from '../../../src/core/ecs/fields';
import type { TestValue } from './doc-helper';
import { CLOUDTRAIL_CONSTANTS, makeDoc } from './doc-helper';

const RULES = path.resolve(__dirname, '../../../../shared/reference/rules');

// Every rule file's query, read the way the rule loader does (TOML, `rule.query`).
function ruleQueries(): Map<string, string> {
  const queries = new Map<string, string>();
  for (const file of fs.readdirSync(RULES).filter((f) => f.endsWith('.toml')).sort()) {
    const toml = parseToml(fs.readFileSync(path.join(RULES, file), 'utf8'));
    const rule = toml.rule as { query?: unknown };
    assert.equal(typeof rule.query, 'string', file);
    queries.set(file, rule.query as string);
  }
  return queries;
}

const QUERIES = ruleQueries();
const options = { fieldType: fieldTypeOf };

function compiledRule(file: string): ReturnType<typeof compileKql> {
  const query = QUERIES.get(file);
  assert.ok(query !== undefined, file);
  return compileKql(query, options);
}

// A mapped CloudTrail event, as far as the rules below look at it.
function event(fields: { [key: string]: TestValue }): ReturnType<typeof makeDoc> {
  return makeDoc(fields, { constants: CLOUDTRAIL_CONSTANTS,
    types: { 'source.ip': 'ip', 'aws.cloudtrail.read_only': 'boolean' } });
}

void describe('the reference rule queries', () => {
  void it('are eighteen', () => {
    assert.equal(QUERIES.size, 18);
  });

  for (const [file, query] of QUERIES) {
    void it(`${file} parses and compiles without errors`, () => {
      assert.doesNotThrow(() => parseKql(query));
      const errors = compileKql(query, options).problems.filter((p) => p.severity === 'error');

      assert.deepEqual(errors, []);
    });
  }

  void it('warn about every wildcard on the keyed flattened key of the S3 credentials rule', () => {
    const compiled = compiledRule('credential_access_credentials_in_s3_bucket.toml');
    const query = compiled.source;

    assert.equal(compiled.problems.length, 13);
    for (const problem of compiled.problems) {
      assert.equal(problem.severity, 'warning');
      assert.equal(query[problem.offset], '*');
    }
  });

  void it('require the literal terms of the Deprecated AMI rule, leaving the constant out', () => {
    const compiled = compiledRule('discovery_ec2_deprecated_ami_discovery.toml');

    assert.deepEqual(compiled.requiredClauses(), [
      [{ field: 'event.provider', value: 'ec2.amazonaws.com', kind: 'exact' }],
      [{ field: 'event.action', value: 'DescribeImages', kind: 'exact' }],
      [{ field: 'event.outcome', value: 'success', kind: 'exact' }],
      [{ field: 'aws.cloudtrail.flattened.request_parameters.includeDeprecated', value: 'true',
        kind: 'exact' }],
    ]);
  });

  void it('require one of the actions of the security group change rule', () => {
    const compiled = compiledRule(
      'persistence_ec2_security_group_configuration_change_detection.toml');
    const groups = compiled.requiredClauses();
    const actions = groups.find((g) => g.some((t) => t.value === 'ModifyInstanceAttribute'));

    assert.ok(actions);
    assert.equal(actions.length, 7);
    assert.ok(actions.every((t) => t.field === 'event.action'));
  });

  void it('flag a DescribeImages call with includeDeprecated, and not one without', () => {
    const compiled = compiledRule('discovery_ec2_deprecated_ami_discovery.toml');
    const base = { event: { provider: 'ec2.amazonaws.com', action: 'DescribeImages',
      outcome: 'success' } };
    const flagged = event({ ...base, aws: { cloudtrail: { flattened: { request_parameters: {
      includeDeprecated: true, ownersSet: { items: [{ owner: 'self' }] } } } } } });
    const quiet = event({ ...base, aws: { cloudtrail: { flattened: { request_parameters: {
      ownersSet: { items: [{ owner: 'self' }] } } } } } });

    assert.equal(compiled.matches(flagged), true);
    assert.equal(compiled.matches(quiet), false);
  });

  void it('flag an ingress rule open to the world on a remote port through array elements', () => {
    const compiled = compiledRule(
      'defense_evasion_vpc_security_group_ingress_rule_added_for_remote_connections.toml');
    const doc = (port: number, cidr: string): ReturnType<typeof makeDoc> => event({
      event: { provider: 'ec2.amazonaws.com', action: 'AuthorizeSecurityGroupIngress',
        outcome: 'success' },
      aws: { cloudtrail: { flattened: { request_parameters: { ipPermissions: { items: [
        { fromPort: 443, ipRanges: { items: [{ cidrIp: '10.0.0.0/8' }] } },
        { fromPort: port, ipRanges: { items: [{ cidrIp: cidr }] } },
      ] } } } } },
    });

    assert.equal(compiled.matches(doc(22, '0.0.0.0/0')), true);
    assert.equal(compiled.matches(doc(8080, '0.0.0.0/0')), false);
    assert.equal(compiled.matches(doc(3389, '192.168.0.0/16')), false);
  });

  void it('honour `not` and existence in the CloudWatch alarm deletion rule', () => {
    const compiled = compiledRule('defense_evasion_cloudwatch_alarm_deletion.toml');
    const base = { provider: 'monitoring.amazonaws.com', action: 'DeleteAlarms',
      outcome: 'success' };

    assert.equal(compiled.matches(event({ event: base, source: { ip: '203.0.113.5' },
      user_agent: { original: 'aws-cli/2.15' } })), true);
    assert.equal(compiled.matches(event({ event: base, source: { ip: '203.0.113.5' },
      user_agent: { original: 'AWS Internal' } })), false);
    assert.equal(compiled.matches(event({ event: base,
      source: { address: 'monitoring.amazonaws.com' } })), false);
  });

  void it('match the unquoted boolean of the log evasion rule against JSON true', () => {
    const compiled = compiledRule('defense_evasion_cloudtrail_logging_evasion.toml');
    const doc = (omitted: TestValue): ReturnType<typeof makeDoc> => event({
      event: { provider: 'iam.amazonaws.com', outcome: 'success' },
      aws: { cloudtrail: { flattened: { request_parameters: {
        reason: 'requestParameters too large', omitted } } } },
    });

    assert.equal(compiled.matches(doc(true)), true);
    assert.equal(compiled.matches(doc('true')), true);
    assert.equal(compiled.matches(doc(false)), false);
  });
});
