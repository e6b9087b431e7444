import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  actionOf, compareBySeverity, describeCall, fieldText, matchedRequestParameters, ruleHeadline,
} from '../../../src/extension/finding-text';
import { makeFinding } from './finding-fixture';

/** Controls, format characters (bidi, zero-width) and unpaired surrogates. */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;

void describe('describeCall', () => {
  void it('says who called which action with which parameters from where', () => {
    assert.equal(describeCall(makeFinding(1)),
      'bob called DescribeImages with includeDeprecated=true from 203.0.113.9');
  });

  void it('says so when caller, action and address are unknown', () => {
    const finding = makeFinding(0, { fields: {}, explanation: [] });

    assert.equal(describeCall(finding), 'an unknown principal called an API');
  });

  void it('takes the action from the clause that tested it when the field is missing', () => {
    const finding = makeFinding(0, { fields: { 'user.name': 'alice' } });

    assert.equal(describeCall(finding),
      'alice called DescribeImages with includeDeprecated=true');
  });
});

void describe('matchedRequestParameters', () => {
  void it('lists only matched, non-negated clauses on flattened request parameters', () => {
    const finding = makeFinding(0);
    finding.explanation.push(
      { clause: 'x', field: 'aws.cloudtrail.flattened.request_parameters.dryRun', matched: false,
        negated: false, value: 'false' },
      { clause: 'y', field: 'aws.cloudtrail.flattened.request_parameters.imageId',
        matched: true, negated: true, value: 'ami-1' },
      { clause: 'z', field: 'aws.cloudtrail.flattened.request_parameters.ownersSet.items.owner',
        matched: true, negated: false, value: 'self' });

    assert.deepEqual(matchedRequestParameters(finding),
      ['includeDeprecated=true', 'ownersSet.items.owner=self']);
  });
});

void describe('fieldText', () => {
  void it('prints numbers, booleans and arrays, and cuts long values', () => {
    const finding = makeFinding(0, { fields: { n: 42, b: false, a: ['x', 1, null],
      long: 'v'.repeat(500), o: { k: 1 }, empty: '' } });

    assert.equal(fieldText(finding, 'n'), '42');
    assert.equal(fieldText(finding, 'b'), 'false');
    assert.equal(fieldText(finding, 'a'), 'x, 1');
    assert.equal(fieldText(finding, 'o'), '{"k":1}');
    assert.equal(fieldText(finding, 'long')?.length, 121);
    assert.equal(fieldText(finding, 'empty'), undefined);
    assert.equal(fieldText(finding, 'missing'), undefined);
  });
});

void describe('finding text from hostile logs and rules', () => {
  const finding = makeFinding(0, {
    ruleName: 'Rule\u202e\u2066 name\u200b\u001b[2J',
    fields: {
      'user.name': 'alice\u202egnp.exe',
      'source.ip': '198.51.100.7\u200b\ufeff',
      '@timestamp': '2026-01-01\u2028T00',
    },
    explanation: [
      { clause: 'c', field: 'event.action', matched: true, negated: false,
        value: 'Describe\u200dImages\u0085' },
      { clause: 'd', field: 'aws.cloudtrail.flattened.request_parameters.k\u2067ey',
        matched: true, negated: false, value: 'v\u202dal\u0000' },
    ],
  });

  void it('shows bidi controls, zero-width characters and controls as escapes', () => {
    assert.equal(describeCall(finding), 'alice\\u{202e}gnp.exe called ' +
      'Describe\\u{200d}Images\\u{85} with k\\u{2067}ey=v\\u{202d}al\\u{0} from ' +
      '198.51.100.7\\u{200b}\\u{feff}');
    assert.equal(ruleHeadline(finding), 'Rule\\u{202e}\\u{2066} name\\u{200b}\\u{1b}[2J [low]');
    assert.equal(fieldText(finding, '@timestamp'), '2026-01-01\\u{2028}T00');
  });

  void it('lets no hidden character through any of the texts', () => {
    const texts = [describeCall(finding), ruleHeadline(finding), actionOf(finding) ?? '',
      ...matchedRequestParameters(finding), fieldText(finding, 'user.name') ?? ''];

    for (const text of texts) assert.doesNotMatch(text, HIDDEN, text);
  });

  void it('cuts long values on a code point boundary', () => {
    const long = makeFinding(0, { fields: { 'user.name': 'x' + '😀'.repeat(100) } });

    const actual = fieldText(long, 'user.name');

    assert.equal(actual, 'x' + '😀'.repeat(59) + '\u2026');
  });

  void it('leaves the finding itself unchanged, for exceptions and lookups', () => {
    describeCall(finding);

    assert.equal(finding.fields['user.name'], 'alice\u202egnp.exe');
    assert.equal(finding.ruleName, 'Rule\u202e\u2066 name\u200b\u001b[2J');
  });
});

void describe('compareBySeverity', () => {
  void it('orders by severity, then risk score, then rule name', () => {
    const findings = [
      makeFinding(0, { ruleName: 'B', severity: 'medium', riskScore: 47 }),
      makeFinding(0, { ruleName: 'A', severity: 'medium', riskScore: 47 }),
      makeFinding(0, { ruleName: 'C', severity: 'medium', riskScore: 50 }),
      makeFinding(0, { ruleName: 'D', severity: 'critical', riskScore: 1 }),
    ];

    assert.deepEqual(findings.sort(compareBySeverity).map((f) => f.ruleName),
      ['D', 'C', 'A', 'B']);
  });
});
