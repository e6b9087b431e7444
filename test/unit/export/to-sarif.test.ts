import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { toArtifactUri, toSarif } from '../../../src/core/export';
import { referenceRule, sampleInput } from './export-fixture';
import { sarifValidatorFor } from '../cli/sarif-schema';

// SARIF 2.1.0 schemas from npm packages (devDependencies), each used when it is installed:
// - @datadog/datadog-ci-plugin-sarif@4.4.0 ships the schema of the OASIS SARIF TC's repository
//   (oasis-tcs/sarif-spec, Schemata/sarif-schema-2.1.0.json, draft-07);
// - @microsoft/jest-sarif@1.0.0-beta.0 ships Microsoft's sarif-2.1.0-rtm.5 schema (draft-04).
// SARIF_SCHEMA_PATH may list other copies, separated like PATH.
const SCHEMA_PACKAGES = [
  { name: '@datadog/datadog-ci-plugin-sarif', file: 'dist/json-schema/sarif-schema-2.1.0.json' },
  { name: '@microsoft/jest-sarif', file: 'lib/schemas/sarif-2.1.0-rtm.5.json' },
];

function sarifSchemaFiles(): string[] {
  const files = (process.env.SARIF_SCHEMA_PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const { name, file } of SCHEMA_PACKAGES) {
    try {
      files.push(path.join(path.dirname(require.resolve(`${name}/package.json`)), file));
    } catch {
      // not installed: another package may provide the schema
    }
  }
  assert.ok(files.length > 0, `no SARIF schema: add ${SCHEMA_PACKAGES[0].name} as a devDependency`);
  return files;
}

void describe('toSarif', () => {
  void it('produces a log valid against the SARIF 2.1.0 schema', () => {
    const log = toSarif(sampleInput(), { toolVersion: '0.1.0',
      informationUri: 'https://github.com/elastic/detection-rules' });

    for (const file of sarifSchemaFiles()) {
      assert.deepEqual(sarifValidatorFor(file)(log), [], file);
    }
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs[0].tool.driver.version, '0.1.0');
  });

  void it('the validator used above rejects a broken log', () => {
    const validate = sarifValidatorFor(sarifSchemaFiles()[0]);
    const log = toSarif(sampleInput()) as unknown as { runs: { results: { level: string;
      locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] };

    log.runs[0].results[0].level = 'fatal';
    log.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;

    assert.equal(validate(log).length >= 2, true);
  });

  void it('describes each rule with its guide, first reference and security severity', () => {
    const trail = referenceRule('defense_evasion_cloudtrail_logging_suspended.toml');

    const rules = toSarif(sampleInput()).runs[0].tool.driver.rules;

    const descriptor = rules.find((r) => r.id === trail.id)!;
    assert.equal(descriptor.name, 'AWS CloudTrail Log Suspended');
    assert.deepEqual(descriptor.shortDescription, { text: trail.name });
    assert.equal(descriptor.fullDescription.text, trail.description.trim());
    assert.equal(descriptor.helpUri, trail.references[0]);
    assert.equal(descriptor.help?.markdown, trail.note);
    assert.deepEqual(descriptor.defaultConfiguration, { level: 'error', enabled: true });
    assert.equal(descriptor.properties['security-severity'], (trail.riskScore / 10).toFixed(1));
    assert.equal(descriptor.properties.risk_score, trail.riskScore);
    assert.equal(descriptor.properties.severity, 'high');
    assert.deepEqual(descriptor.properties.tags, ['security', ...trail.tags]);
    assert.deepEqual(descriptor.properties.tactics, ['Defense Evasion']);
    assert.deepEqual(rules.map((r) => r.id), sampleInput().rules.map((r) =>
      ('rule' in r ? r.rule : r).id));
  });

  void it('places results with 1-based lines and columns, in file and position order', () => {
    const results = toSarif(sampleInput()).runs[0].results;

    const places = results.map((r) => {
      const { artifactLocation, region } = r.locations[0].physicalLocation;
      return [artifactLocation.uri, region?.startLine, region?.startColumn];
    });
    assert.deepEqual(places, [
      ['logs/2024/trail%20one.json', 13, 5],
      ['logs/2024/trail%20one.json', 31, 7],
      ['logs/donn%C3%A9es.jsonl', 5, 1],
      ['logs/donn%C3%A9es.jsonl', 3, 1],
      ['file:///C:/exports/lake.json', 2, 3],
    ]);
    const region = results[0].locations[0].physicalLocation.region as { endColumn: number };
    assert.equal(region.endColumn, 4 + 22 + 1);
  });

  void it('roots relative paths at %SRCROOT%, the given folder, and leaves file: URIs be', () => {
    const run = toSarif(sampleInput(), { sourceRoot: 'file:///home/analyst/case%2042' }).runs[0];

    assert.deepEqual(run.originalUriBaseIds,
      { '%SRCROOT%': { uri: 'file:///home/analyst/case%2042/' } });
    assert.deepEqual(run.artifacts.map((a) => a.location.uriBaseId),
      ['%SRCROOT%', '%SRCROOT%', undefined]);
    assert.equal(toSarif(sampleInput()).runs[0].originalUriBaseIds, undefined,
      'without a root, viewers resolve %SRCROOT% themselves');
    assert.equal(toSarif(sampleInput(), { sourceRoot: 'not/absolute' }).runs[0]
      .originalUriBaseIds, undefined);
  });

  void it('maps severities to levels and links each result to its rule and artifact', () => {
    const log = toSarif(sampleInput());
    const run = log.runs[0];

    for (const result of run.results) {
      const rule = run.tool.driver.rules[result.ruleIndex!];
      assert.equal(rule.id, result.ruleId);
      const location = result.locations[0].physicalLocation.artifactLocation;
      assert.ok(location.index !== undefined);
      const artifact = run.artifacts[location.index].location;
      assert.equal(artifact.uri, location.uri);
      assert.equal(artifact.uriBaseId, location.uriBaseId);
    }
    assert.deepEqual(run.results.map((r) => r.level), ['error', 'warning', 'error', 'warning',
      'error']);
  });

  void it('fingerprints results by event id, or by file and event index without one', () => {
    const results = toSarif(sampleInput()).runs[0].results;

    assert.deepEqual(results[1].partialFingerprints,
      { 'cloudtrailEventId/v1': 'b837800c-c462-4907-86f7-73b02fd4958f' });
    assert.deepEqual(results[3].partialFingerprints,
      { 'cloudtrailEventIndex/v1': 'logs/données.jsonl#2' });
  });

  void it('marks suppressed findings with an external suppression justified by the comment', () => {
    const results = toSarif(sampleInput()).runs[0].results;

    const suppressed = results.filter((r) => r.suppressions !== undefined);
    assert.equal(suppressed.length, 2);
    assert.deepEqual(results[4].suppressions, [{ kind: 'external',
      justification: 'Lake test account, "expected"', properties: { exceptionId: 'exc-1' } }]);
    assert.equal(results[3].suppressions?.[0].kind, 'external');
    assert.equal(results.slice(0, 3).some((r) => r.suppressions !== undefined), false);
  });

  void it('writes a message naming the rule, severity, action, principal and address', () => {
    const results = toSarif(sampleInput()).runs[0].results;

    assert.equal(results[1].message.text, 'AWS S3 Credential File Retrieved from Bucket '
      + '[medium]: ModifyImageAttribute by test@elastic.co from 216.160.83.56');
  });

  void it('reports file errors, rule caveats and unsupported rules as notifications', () => {
    const invocation = toSarif(sampleInput()).runs[0].invocations[0];

    assert.deepEqual(invocation.toolExecutionNotifications.map((n) => [n.level, n.message.text,
      n.locations?.[0].physicalLocation.region]), [
      ['error', 'Unexpected end of JSON text', { startLine: 12, startColumn: 4 }],
    ]);
    assert.deepEqual(invocation.toolConfigurationNotifications.map((n) => [n.level,
      n.message.text.replace(/ behave differently .*/, ''), n.associatedRule]), [
      ['warning', 'Rule "AWS S3 Credential File Retrieved from Bucket": '
        + 'aws.cloudtrail.flattened.request_parameters.key: wildcard values on a keyed '
        + 'flattened field', { id: '2f0ee9fe-4529-4b9e-9f78-6c81ef33c6ba', index: 0 }],
      ['note', 'Rule "A threshold rule" is not evaluated: threshold rules are not evaluated',
        { id: 'ffffffff-0000-4000-8000-000000000001', index: 3 }],
    ]);
  });
});

void describe('toArtifactUri', () => {
  void it('keeps relative paths relative and percent-encodes their segments', () => {
    assert.equal(toArtifactUri('logs/a b#1.json'), 'logs/a%20b%231.json');
    assert.equal(toArtifactUri('logs\\win\\x.json'), 'logs/win/x.json');
    assert.equal(toArtifactUri('weird:name.json'), 'weird:name.json');
  });

  void it('turns absolute paths into file URIs and leaves URIs alone', () => {
    assert.equal(toArtifactUri('/var/log/ct one.json'), 'file:///var/log/ct%20one.json');
    assert.equal(toArtifactUri('D:\\logs\\x.json'), 'file:///D:/logs/x.json');
    assert.equal(toArtifactUri('\\\\server\\share\\x.json'), 'file://server/share/x.json');
    assert.equal(toArtifactUri('untitled:Untitled-1'), 'untitled:Untitled-1');
  });
});
