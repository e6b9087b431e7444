import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { scanQueryFields } from '../../../src/core/rules';

void describe('scanQueryFields', () => {
  void it('finds each field with its offset, with or without spaces around the colon', () => {
    const query = 'event.provider:ec2.amazonaws.com and event.action : (A or B)\n'
      + '  and not aws.cloudtrail.user_identity.type: "AWSService"';
    const uses = scanQueryFields(query);

    assert.deepEqual(uses.map((use) => use.field), ['event.provider', 'event.action',
      'aws.cloudtrail.user_identity.type']);
    for (const use of uses) {
      assert.equal(query.slice(use.offset, use.offset + use.field.length), use.field);
    }
  });

  void it('ignores colons inside quoted values and escaped colons in unquoted values', () => {
    const uses = scanQueryFields(String.raw`user.name:(system\:serviceaccount\:* or "a:b") and `
      + String.raw`aws.cloudtrail.user_identity.arn: "arn:aws:iam::123:root"`);

    assert.deepEqual(uses.map((use) => use.field),
      ['user.name', 'aws.cloudtrail.user_identity.arn']);
    assert.equal(uses[0].wildcardValue, true);
    assert.equal(uses[1].wildcardValue, false);
  });

  void it('tells wildcard values from existence tests, quoted stars and escaped stars', () => {
    const cases: [string, boolean][] = [
      ['a: *', false],
      ['a: "*x*"', false],
      [String.raw`a: x\*`, false],
      ['a: *x', true],
      ['a: (x or y*)', true],
      ['a: (x or "y*")', false],
      ['a:PublishLayerVersion*', true],
    ];
    for (const [query, wildcard] of cases) {
      assert.equal(scanQueryFields(query)[0].wildcardValue, wildcard, query);
    }
  });

  void it('reads the values of a parenthesised list across lines', () => {
    const uses = scanQueryFields('k: (\n  */a or\n  b\n) and other: 1');

    assert.deepEqual(uses.map((use) => [use.field, use.wildcardValue]),
      [['k', true], ['other', false]]);
  });
});
