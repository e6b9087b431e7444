import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  createExceptionMatcher, entryHolds, evaluateExceptions, isExpired, itemMatches,
  listExpiredItems, type ExceptionEntry, type ExceptionItem, type ExceptionsFile,
} from '../../../src/core/exceptions';
import { ecsDoc, elasticExpectedDocs } from './ecs-doc';

// The real ModifyImageAttribute event of Elastic's pipeline test, as the pipeline indexed it:
// user.name "test@elastic.co", source.ip "216.160.83.56", related.user with two values...
const doc = ecsDoc(elasticExpectedDocs()[0]);

function holds(entry: ExceptionEntry, d = doc): boolean {
  return entryHolds(entry, d);
}

function item(id: string, entries: ExceptionEntry[], extra: Partial<ExceptionItem> = {}):
  ExceptionItem {
  return { id, comment: `comment of ${id}`, author: 'tests', created: '2025-01-01', entries,
    ...extra };
}

void describe('exception operators', () => {
  void it('"is" holds when any value of the field equals the value, case-sensitively', () => {
    assert.equal(holds({ field: 'user.name', operator: 'is', value: 'test@elastic.co' }), true);
    assert.equal(holds({ field: 'user.name', operator: 'is', value: 'TEST@elastic.co' }), false);
    assert.equal(holds({ field: 'related.user', operator: 'is', value: 'PRINCIPALID' }), true);
    assert.equal(holds({ field: 'related.user', operator: 'is', value: 'test@elastic.co' }),
      true);
    assert.equal(holds({ field: 'user.name', operator: 'is', value: 'test' }), false);
  });

  void it('"is not" holds only when no value equals, and when the field is absent', () => {
    assert.equal(holds({ field: 'related.user', operator: 'is not', value: 'PRINCIPALID' }),
      false);
    assert.equal(holds({ field: 'related.user', operator: 'is not', value: 'someone' }), true);
    assert.equal(holds({ field: 'no.such.field', operator: 'is not', value: 'x' }), true);
  });

  void it('"is one of" holds when a listed value is present, "is not one of" when none is', () => {
    const values = ['alice', 'test@elastic.co'];
    assert.equal(holds({ field: 'user.name', operator: 'is one of', values }), true);
    assert.equal(holds({ field: 'user.name', operator: 'is not one of', values }), false);
    assert.equal(holds({ field: 'user.name', operator: 'is one of', values: ['alice'] }), false);
    assert.equal(holds({ field: 'user.name', operator: 'is not one of', values: ['alice'] }),
      true);
    assert.equal(holds({ field: 'no.such', operator: 'is not one of', values: ['a'] }), true);
  });

  void it('"exists" and "does not exist" follow the presence of a searchable value', () => {
    assert.equal(holds({ field: 'user_agent.original', operator: 'exists' }), true);
    assert.equal(holds({ field: 'user_agent.original', operator: 'does not exist' }), false);
    assert.equal(holds({ field: 'aws.cloudtrail.error_code', operator: 'exists' }), false);
    assert.equal(holds({ field: 'aws.cloudtrail.error_code', operator: 'does not exist' }), true);
  });

  void it('a value over ignore_above satisfies no positive operator, not even exists', () => {
    const long = 'x'.repeat(9000);
    const d = ecsDoc({ aws: { cloudtrail: { request_parameters: long } } },
      { unsearchable: ['aws.cloudtrail.request_parameters'] });
    const field = 'aws.cloudtrail.request_parameters';

    assert.equal(holds({ field, operator: 'exists' }, d), false);
    assert.equal(holds({ field, operator: 'does not exist' }, d), true);
    assert.equal(holds({ field, operator: 'is', value: long }, d), false);
    assert.equal(holds({ field, operator: 'matches', value: 'x*' }, d), false);
    assert.equal(holds({ field, operator: 'does not match', value: 'x*' }, d), true);
  });

  void it('"matches" is an anchored, case-sensitive wildcard with * and ?', () => {
    const field = 'user_agent.original';
    assert.equal(holds({ field, operator: 'matches', value: 'aws-cli/2.*' }), true);
    assert.equal(holds({ field, operator: 'matches',
      value: '*command#ec2.modify-image-attribute' }), true);
    assert.equal(holds({ field, operator: 'matches', value: '*md/arch#x86_64*' }), true);
    assert.equal(holds({ field, operator: 'matches', value: 'aws-cli' }), false);
    assert.equal(holds({ field, operator: 'matches', value: 'AWS-CLI/*' }), false);
    assert.equal(holds({ field, operator: 'matches', value: 'aws-cli/?.17.60 *' }), true);
    assert.equal(holds({ field, operator: 'matches', value: 'aws-cli/??.17.60 *' }), false);
  });

  void it('"does not match" holds when no value matches the pattern', () => {
    const field = 'related.user';
    assert.equal(holds({ field, operator: 'does not match', value: 'PRINCIPAL*' }), false);
    assert.equal(holds({ field, operator: 'does not match', value: 'admin*' }), true);
  });

  void it('a backslash makes the next character literal in a "matches" value', () => {
    const d = ecsDoc({ user: { name: 'a*b?c\\d' } });
    const field = 'user.name';
    assert.equal(holds({ field, operator: 'matches', value: 'a\\*b\\?c\\\\d' }, d), true);
    assert.equal(holds({ field, operator: 'matches', value: 'a\\*b\\?c*' }, d), true);
    assert.equal(holds({ field, operator: 'matches', value: 'a\\*x*' }, d), false);
    // Lucene keeps a trailing lone backslash as a literal backslash
    assert.equal(holds({ field, operator: 'matches', value: 'a*c\\' }, ecsDoc({ user: {
      name: 'abc\\' } })), true);
  });

  void it('"?" matches one character even outside the Basic Multilingual Plane', () => {
    const d = ecsDoc({ user: { name: 'a😀b' } });
    assert.equal(holds({ field: 'user.name', operator: 'matches', value: 'a?b' }, d), true);
    assert.equal(holds({ field: 'user.name', operator: 'matches', value: 'a??b' }, d), false);
  });

  void it('"matches" on an ip field never holds, as Elasticsearch rejects the query', () => {
    assert.equal(holds({ field: 'source.ip', operator: 'matches', value: '216.*' }), false);
    assert.equal(holds({ field: 'source.address', operator: 'matches', value: '216.*' }), true);
  });

  void it('"is" on an ip field compares addresses and accepts CIDR blocks', () => {
    assert.equal(holds({ field: 'source.ip', operator: 'is', value: '216.160.0.0/16' }), true);
    assert.equal(holds({ field: 'source.ip', operator: 'is', value: '216.161.0.0/16' }), false);
    assert.equal(holds({ field: 'source.ip', operator: 'is', value: '::ffff:216.160.83.56' }),
      true);
    assert.equal(holds({ field: 'source.ip', operator: 'is not', value: '10.0.0.0/8' }), true);
    // on a keyword field the same block is only text
    assert.equal(holds({ field: 'source.address', operator: 'is', value: '216.160.0.0/16' }),
      false);

    const v6 = ecsDoc({ source: { ip: '2001:db8::1' } });
    assert.equal(holds({ field: 'source.ip', operator: 'is', value: '2001:db8::/32' }, v6), true);
    assert.equal(holds({ field: 'source.ip', operator: 'is', value: '2001:db9::/32' }, v6),
      false);
    assert.equal(holds({ field: 'source.ip', operator: 'is', value: '2001:0db8:0:0:0:0:0:1' },
      v6), true);
  });

  void it('numeric and date fields compare values, not text', () => {
    assert.equal(holds({ field: 'source.as.number', operator: 'is', value: '209.0' }), true);
    assert.equal(holds({ field: 'source.as.number', operator: 'is', value: '208' }), false);
    assert.equal(holds({ field: '@timestamp', operator: 'is', value: '2024-10-10T14:50:40Z' }),
      true);
    assert.equal(holds({ field: '@timestamp', operator: 'is',
      value: '2024-10-10T16:50:40+02:00' }), true);
  });

  void it('the wildcard matcher stays fast on long values with many stars', () => {
    const d = ecsDoc({ user: { name: 'a'.repeat(8000) } });
    const started = Date.now();

    const held = holds({ field: 'user.name', operator: 'matches', value: '*a*a*a*a*a*a*b' }, d);

    assert.equal(held, false);
    assert.ok(Date.now() - started < 2000, 'matching took too long');
  });
});

void describe('exception items and files', () => {
  void it('an item exempts the event only when all its entries hold', () => {
    const both = item('a', [
      { field: 'user.name', operator: 'is', value: 'test@elastic.co' },
      { field: 'source.ip', operator: 'is', value: '216.160.83.56' },
    ]);
    const oneFails = item('b', [
      { field: 'user.name', operator: 'is', value: 'test@elastic.co' },
      { field: 'source.ip', operator: 'is', value: '10.0.0.1' },
    ]);

    assert.equal(itemMatches(both, doc), true);
    assert.equal(itemMatches(oneFails, doc), false);
    assert.equal(itemMatches(item('empty', []), doc), false);
  });

  void it('an event matching any item of the rule is suppressed by the first such item', () => {
    const file: ExceptionsFile = { version: 1, exceptions: { 'rule-1': [
      item('no', [{ field: 'user.name', operator: 'is', value: 'alice' }]),
      item('yes', [{ field: 'event.action', operator: 'is', value: 'ModifyImageAttribute' }]),
      item('also', [{ field: 'cloud.region', operator: 'is', value: 'us-east-1' }]),
    ] } };

    const result = evaluateExceptions('rule-1', doc, file, new Date('2025-06-01T00:00:00Z'));

    assert.equal(result.suppressedBy?.id, 'yes');
    assert.deepEqual(result.expired, []);
  });

  void it('items of another rule do not apply; items under "*" apply to every rule', () => {
    const matching = [{ field: 'user.name', operator: 'is' as const, value: 'test@elastic.co' }];
    const now = new Date('2025-06-01T00:00:00Z');

    const other: ExceptionsFile = { version: 1, exceptions: { 'rule-2': [item('x', matching)] } };
    const all: ExceptionsFile = { version: 1, exceptions: { '*': [item('y', matching)] } };

    assert.equal(evaluateExceptions('rule-1', doc, other, now).suppressedBy, undefined);
    assert.equal(evaluateExceptions('rule-1', doc, all, now).suppressedBy?.id, 'y');
    assert.equal(evaluateExceptions('rule-1', doc, undefined, now).suppressedBy, undefined);
  });

  void it('an expired item no longer suppresses and is reported as expired', () => {
    const entries = [{ field: 'user.name', operator: 'is' as const, value: 'test@elastic.co' }];
    const file: ExceptionsFile = { version: 1, exceptions: { 'rule-1': [
      item('temp', entries, { expires: '2025-03-01' }),
    ] } };

    const before = evaluateExceptions('rule-1', doc, file, new Date('2025-02-28T23:59:59Z'));
    const at = evaluateExceptions('rule-1', doc, file, new Date('2025-03-01T00:00:00Z'));

    assert.equal(before.suppressedBy?.id, 'temp');
    assert.deepEqual(before.expired, []);
    assert.equal(at.suppressedBy, undefined);
    assert.deepEqual(at.expired.map((i) => i.id), ['temp']);
  });

  void it('expired matches are reported even when another item suppresses the event', () => {
    const entries = [{ field: 'user.name', operator: 'is' as const, value: 'test@elastic.co' }];
    const file: ExceptionsFile = { version: 1, exceptions: {
      'rule-1': [item('old', entries, { expires: '2024-01-01T00:00:00+01:00' })],
      '*': [item('forever', entries)],
    } };

    const result = evaluateExceptions('rule-1', doc, file, new Date('2025-01-01T00:00:00Z'));

    assert.equal(result.suppressedBy?.id, 'forever');
    assert.deepEqual(result.expired.map((i) => i.id), ['old']);
  });

  void it('expiry honours the zone of a date-time', () => {
    const temp = item('t', [], { expires: '2025-03-01T10:00:00+02:00' });

    assert.equal(isExpired(temp, new Date('2025-03-01T07:59:59Z')), false);
    assert.equal(isExpired(temp, new Date('2025-03-01T08:00:00Z')), true);
    assert.equal(isExpired(item('never', []), new Date('2999-01-01T00:00:00Z')), false);
  });

  void it('lists every expired item with its rule id', () => {
    const file: ExceptionsFile = { version: 1, exceptions: {
      'rule-1': [item('a', [], { expires: '2025-01-01' }), item('b', [])],
      'rule-2': [item('c', [], { expires: '2026-01-01' })],
    } };

    const expired = listExpiredItems(file, new Date('2025-06-01T00:00:00Z'));

    assert.deepEqual(expired.map((e) => [e.ruleId, e.item.id]), [['rule-1', 'a']]);
  });

  void it('the scan matcher returns the suppressing item id and comment, or nothing', () => {
    const file: ExceptionsFile = { version: 1, exceptions: { 'rule-1': [
      item('ci', [{ field: 'user_agent.original', operator: 'matches', value: 'aws-cli/*' }]),
    ] } };
    const matcher = createExceptionMatcher(file, new Date('2025-06-01T00:00:00Z'));

    assert.deepEqual(matcher('rule-1', doc), { id: 'ci', comment: 'comment of ci' });
    assert.equal(matcher('rule-2', doc), undefined);
  });
});
