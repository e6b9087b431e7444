import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findingsAt, findingsOverlapping } from '../../../src/extension/finding-lookup';
import { makeFinding, spanOf } from './finding-fixture';

const other = makeFinding(1, { ruleId: 'r-high', ruleName: 'AMI Shared', severity: 'high' });
const findings = [makeFinding(0), makeFinding(1), other];

void describe('findingsAt', () => {
  void it('finds every rule on the event whose eventName value is under the cursor', () => {
    const actual = findingsAt(findings, spanOf('"DescribeImages"', 1).start + 3);

    assert.deepEqual(actual, [2, 1]);
  });

  void it('also answers on a value that satisfied the query', () => {
    const actual = findingsAt(findings, spanOf('true', 0).start);

    assert.deepEqual(actual, [0]);
  });

  void it('finds nothing elsewhere in the event', () => {
    assert.deepEqual(findingsAt(findings, spanOf('sourceIPAddress', 0).start), []);
  });
});

void describe('findingsOverlapping', () => {
  void it('finds the events whose eventName value meets the range', () => {
    const first = spanOf('"DescribeImages"', 0);
    const second = spanOf('"DescribeImages"', 1);

    assert.deepEqual(findingsOverlapping(findings, first.start, second.start), [0, 2, 1]);
    assert.deepEqual(findingsOverlapping(findings, first.end + 1, second.start - 1), []);
  });
});
