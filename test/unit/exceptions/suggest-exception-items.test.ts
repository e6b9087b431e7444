import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  addExceptionItem, buildExceptionItem, evaluateExceptions, nextExceptionId,
  parseExceptionsFile, suggestExceptionItems, type ExceptionsFile,
} from '../../../src/core/exceptions';
import { fieldTypeOf } from '../../../src/core/ecs/fields';
import type { Finding, JsonPlain } from '../../../src/core/types';
import { ecsDoc, elasticExpectedDocs } from './ecs-doc';

const source = elasticExpectedDocs()[0];
const doc = ecsDoc(source);

// The fields a scan puts on a finding, read from the real document.
const FIELD_NAMES = ['user.name', 'aws.cloudtrail.user_identity.arn',
  'aws.cloudtrail.user_identity.access_key_id', 'user_agent.original', 'source.ip',
  'source.address', 'related.user'];

function finding(fields: { [name: string]: JsonPlain }): Finding {
  return {
    ruleId: '9ebd48ac-a0e2-430a-a219-fe072a50146b', ruleName: 'A rule', severity: 'medium',
    riskScore: 47, eventId: 'b837800c-c462-4907-86f7-73b02fd4958f', eventIndex: 0,
    eventSpan: { start: 0, end: 1 }, span: { start: 0, end: 1 }, explanation: [], fields,
    fieldSources: {},
  };
}

function realFields(): { [name: string]: JsonPlain } {
  const fields: { [name: string]: JsonPlain } = {};
  for (const name of FIELD_NAMES) {
    const values = doc.field(name)!.values.map((v) => v.text);
    fields[name] = values.length === 1 ? values[0] : values;
  }
  return fields;
}

void describe('suggestExceptionItems', () => {
  void it('offers user, principal, access key, user agent and source address candidates', () => {
    const candidates = suggestExceptionItems(finding(realFields()));

    assert.deepEqual(candidates.map((c) => [c.kind, c.entries]), [
      ['user', [{ field: 'user.name', operator: 'is', value: 'test@elastic.co' }]],
      ['principal', [{ field: 'aws.cloudtrail.user_identity.arn', operator: 'is',
        value: 'arn:aws:iam::000000000:user/test@elastic.co' }]],
      ['access-key', [{ field: 'aws.cloudtrail.user_identity.access_key_id', operator: 'is',
        value: 'ACCESSKEYID' }]],
      ['user-agent', [{ field: 'user_agent.original', operator: 'is',
        value: (source.user_agent as { original: string }).original }]],
      ['source', [{ field: 'source.ip', operator: 'is', value: '216.160.83.56' }]],
    ]);
    assert.equal(candidates[0].label, 'This user (test@elastic.co)');
    assert.ok(candidates[3].label.endsWith('…)'), 'a long user agent is shortened in the label');
  });

  void it('falls back to the document, and to source.address when there is no source.ip', () => {
    const sparse = finding({ 'source.address': 'cloudformation.amazonaws.com' });

    const fromDoc = suggestExceptionItems(finding({}), doc);
    const noIp = suggestExceptionItems(sparse);

    assert.equal(fromDoc.length, 5);
    assert.deepEqual(noIp.map((c) => c.entries), [[{ field: 'source.address', operator: 'is',
      value: 'cloudformation.amazonaws.com' }]]);
  });

  void it('uses "is one of" for a field with several values', () => {
    const candidates = suggestExceptionItems(finding({ 'user.name': ['a', 'b', 'a'] }));

    assert.deepEqual(candidates[0].entries, [{ field: 'user.name', operator: 'is one of',
      values: ['a', 'b'] }]);
  });

  void it('shows hidden characters of a value as escapes in the label, not in the entry', () => {
    const value = '\u202eevil a\u200bb \u001b[31mred\n';

    const [candidate] = suggestExceptionItems(finding({ 'user.name': value }));

    assert.equal(candidate.label,
      'This user (\\u{202e}evil a\\u{200b}b \\u{1b}[31mred\\u{a})');
    assert.deepEqual(candidate.entries, [{ field: 'user.name', operator: 'is', value }]);
  });

  void it('cuts a long value in the label between characters, never inside an emoji', () => {
    for (let pad = 0; pad < 4; pad++) {
      const agent = `${'x'.repeat(40 + pad)}${'😀'.repeat(20)}`;

      const [candidate] = suggestExceptionItems(finding({ 'user_agent.original': agent }));

      assert.ok(candidate.label.endsWith('\u2026)'), candidate.label);
      assert.doesNotMatch(candidate.label, /\p{Cs}/u, `${pad}`);
      assert.ok(candidate.label.length <= 'This user agent ()'.length + 60, candidate.label);
    }
  });

  void it('makes items that, once added to the file, suppress the finding\'s own event', () => {
    let text = '';
    let file: ExceptionsFile | undefined;
    const now = new Date('2025-03-01T12:00:00Z');

    for (const candidate of suggestExceptionItems(finding(realFields()))) {
      const item = buildExceptionItem(candidate, { id: nextExceptionId(file),
        comment: `Expected: ${candidate.label}`, author: 'tests', created: now,
        expires: new Date('2025-04-01T00:00:00Z') });
      text = addExceptionItem(text, '9ebd48ac-a0e2-430a-a219-fe072a50146b', item);
      const parsed = parseExceptionsFile(text, 'x', { fieldTypeOf });
      assert.deepEqual(parsed.problems, []);
      file = parsed.file;

      const single: ExceptionsFile = { version: 1, exceptions: {
        '9ebd48ac-a0e2-430a-a219-fe072a50146b': [item] } };
      const result = evaluateExceptions('9ebd48ac-a0e2-430a-a219-fe072a50146b', doc, single, now);
      assert.equal(result.suppressedBy?.id, item.id, candidate.label);
    }

    const ids = file!.exceptions['9ebd48ac-a0e2-430a-a219-fe072a50146b'].map((i) => i.id);
    assert.deepEqual(ids, ['exc-1', 'exc-2', 'exc-3', 'exc-4', 'exc-5']);
  });

  void it('numbers new ids after the highest exc-N of the file', () => {
    const file: ExceptionsFile = { version: 1, exceptions: {
      a: [{ id: 'exc-7', comment: 'c', author: 'a', created: '2025-01-01', entries: [] }],
      b: [{ id: 'custom', comment: 'c', author: 'a', created: '2025-01-01', entries: [] }],
    } };

    assert.equal(nextExceptionId(file), 'exc-8');
    assert.equal(nextExceptionId(undefined), 'exc-1');
  });
});
