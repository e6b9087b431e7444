import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  compareBySeverity, describeCall, fieldText, matchedRequestParameters,
} from '../../../src/extension/finding-text';
import { makeFinding } from './finding-fixture';

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
