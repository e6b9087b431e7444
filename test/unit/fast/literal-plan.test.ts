import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fieldTypeOf } from '../../../src/core/ecs';
import { literalPlan, termLiterals } from '../../../src/core/fast';
import { compileKql } from '../../../src/core/kql';
import { builtinRules } from './fixtures';

function planOf(query: string) {
  return literalPlan(compileKql(query, { fieldType: fieldTypeOf }));
}

void describe('literalPlan', () => {
  void it('needs the provider, the name and the flag key with its value for the built-in rule',
    () => {
      const [rule] = builtinRules();
      assert.ok(rule.query);

      assert.deepEqual(literalPlan(rule.query)?.groups, [
        [['ec2.amazonaws.com']], [['DescribeImages']], [['true', 'includeDeprecated']],
      ]);
    });

  void it('gives no literal for computed fields, constants and rendered strings', () => {
    assert.equal(planOf('event.outcome: "success"'), undefined);
    assert.equal(planOf('event.dataset: "aws.cloudtrail"'), undefined);
    assert.equal(planOf('aws.cloudtrail.request_parameters: *owner=*'), undefined);
    assert.equal(planOf('event.kind: "event"'), undefined);
  });

  void it('keeps one literal set per alternative of an or', () => {
    assert.deepEqual(planOf('event.action: ("DeleteTrail" or "StopLogging")')?.groups,
      [[['DeleteTrail'], ['StopLogging']]]);
  });

  void it('drops a group when one of its alternatives gives no literal', () => {
    assert.equal(planOf('event.action: "DeleteTrail" or event.outcome: "failure"'), undefined);
  });

  void it('refuses values a re-rendered number could hold', () => {
    const field = 'aws.cloudtrail.flattened.request_parameters.fromPort';
    assert.equal(termLiterals({ field, value: '21', kind: 'exact' }), undefined);
    assert.equal(termLiterals({ field, value: '1.0E7', kind: 'exact' }), undefined);
    assert.equal(termLiterals({ field, value: 'Infinity', kind: 'exact' }), undefined);
    assert.deepEqual(termLiterals({ field, value: 'tcp', kind: 'exact' }), ['tcp', 'fromPort']);
  });

  void it('refuses Map.toString punctuation only for fields that may hold a rendering', () => {
    assert.equal(termLiterals({ field: 'event.action', value: 'a=b', kind: 'exact' }), undefined);
    assert.deepEqual(termLiterals({ field: 'source.address', value: 'AWS Internal',
      kind: 'exact' }), ['AWS Internal']);
  });

  void it('takes the pieces between the stars of a wildcard', () => {
    assert.deepEqual(termLiterals({ field: 'event.action', value: 'Publish*Version*',
      kind: 'wildcard' }), ['Publish', 'Version']);
  });

  void it('needs every key of a flattened path and nothing from an unknown field', () => {
    assert.deepEqual(termLiterals({
      field: 'aws.cloudtrail.flattened.request_parameters.ownersSet.items.owner',
      value: 'self', kind: 'exact',
    }), ['self', 'ownersSet', 'items', 'owner']);
    assert.equal(termLiterals({ field: 'host.name', value: 'x', kind: 'exact' }), undefined);
  });
});
