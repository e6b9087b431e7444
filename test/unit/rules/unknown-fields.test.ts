// A query that names a field no mapped CloudTrail document can have (a misspelling, a field of
// another data source) gets a support warning: its clauses never match, and the rule would
// otherwise pass as clean.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { classifySupport, parseRuleToml } from '../../../src/core/rules';

const REFERENCE = path.resolve(__dirname, '../../../../shared/reference/rules');
const BUILTIN = path.resolve(__dirname, '../../../src/rules');

/** The unknown-field warnings of a kuery query rule. */
function unknownFieldWarnings(query: string): string[] {
  return classifySupport({ type: 'query', language: 'kuery', query }).warnings
    .filter((warning) => warning.includes('no CloudTrail event has'));
}

void describe('unknown fields in a rule query', () => {
  void it('names a misspelled field in a sentence', () => {
    assert.deepEqual(unknownFieldWarnings('event.provder: "ec2.amazonaws.com"'), [
      'the query names event.provder, which no CloudTrail event has in the ECS mapping: '
        + 'clauses on it never match',
    ]);
  });

  void it('warns once per field, under not and in lists too', () => {
    const warnings = unknownFieldWarnings('event.actoin: a and not event.actoin: (b or c) '
      + 'and host.name: x and event.action: y');

    assert.equal(warnings.length, 2);
    assert.match(warnings[0], /names event\.actoin,/);
    assert.match(warnings[1], /names host\.name,/);
  });

  void it('accepts every sub-key of a flattened field and the flattened roots', () => {
    assert.deepEqual(unknownFieldWarnings(
      'aws.cloudtrail.flattened.request_parameters.anyKey.deeper.still: x and '
      + 'aws.cloudtrail.flattened.response_elements: * and aws.s3.metadata.whatever: y'), []);
  });

  void it('leaves field patterns alone', () => {
    assert.deepEqual(unknownFieldWarnings('event.*: x and aws.cloudtrail.flat*: y'), []);
  });

  void it('gives enrichment fields only the enrichment warning', () => {
    const support = classifySupport({ type: 'query', language: 'kuery',
      query: 'source.geo.location: x and user_agent.os.family: y and not source.as.number: 1' });

    assert.equal(support.warnings.length, 3);
    assert.ok(support.warnings.every((w) => w.includes('depends on GeoIP/user-agent enrichment')),
      support.warnings.join('\n'));
  });

  void it('names nested fields by their full path', () => {
    assert.deepEqual(unknownFieldWarnings('aws.cloudtrail.resources: { arn: x and bogus: y }'), [
      'the query names aws.cloudtrail.resources, which no CloudTrail event has in the ECS '
        + 'mapping: clauses on it never match',
      'the query names aws.cloudtrail.resources.bogus, which no CloudTrail event has in the ECS '
        + 'mapping: clauses on it never match',
    ]);
  });

  void it('does not take an unquoted null field, or free text, for a field', () => {
    assert.deepEqual(unknownFieldWarnings('null: x and "free text" and event.action: y'), []);
  });

  void it('finds no unknown field in Elastic\'s upstream rules or the built-in one', () => {
    const files = [REFERENCE, BUILTIN].flatMap((dir) => readdirSync(dir)
      .filter((name) => name.endsWith('.toml')).map((name) => path.join(dir, name)));
    assert.ok(files.length >= 19, `${files.length} rule files`);

    for (const file of files) {
      const { rule } = parseRuleToml(readFileSync(file, 'utf8'), file);
      const warnings = rule?.support.warnings.filter((w) => w.includes('no CloudTrail event'));
      assert.deepEqual(warnings, [], file);
    }
  });
});
