import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { summarize } from '../../../src/core/export';
import { sampleInput } from './export-fixture';

void describe('summarize', () => {
  void it('counts active findings by severity and rule, suppressed ones apart', () => {
    const summary = summarize(sampleInput());

    assert.equal(summary.findings, 3);
    assert.equal(summary.suppressed, 2);
    assert.deepEqual(summary.bySeverity, { critical: 0, high: 2, medium: 1, low: 0 });
    // equal counts: higher risk first, then by name
    assert.deepEqual(summary.byRule.map((r) => [r.ruleName, r.riskScore, r.count, r.suppressed]),
      [
        ['AWS CloudTrail Log Suspended', 73, 1, 1],
        ['AWS IAM Deactivation of MFA Device', 73, 1, 0],
        ['AWS S3 Credential File Retrieved from Bucket', 47, 1, 1],
      ]);
  });

  void it('counts tactics once per finding for each tactic of its rule', () => {
    const summary = summarize(sampleInput());

    assert.deepEqual(summary.byTactic.map((t) => [t.name, t.count]), [
      ['Defense Evasion', 2],
      ['Collection', 1],
      ['Credential Access', 1],
      ['Impact', 1],
      ['Persistence', 1],
    ]);
  });

  void it('counts principals and source addresses, most frequent first', () => {
    const summary = summarize(sampleInput());

    // equal counts: by code unit order of the value
    assert.deepEqual(summary.byPrincipal, [
      { value: 'O\'Brien, "ops"', count: 1 },
      { value: 'arn:aws:iam::000000000:user/test@elastic.co', count: 1 },
      { value: 'test@elastic.co', count: 1 },
    ]);
    assert.deepEqual(summary.bySourceAddress.map((a) => a.value), ['216.160.83.56',
      '=HYPERLINK("http://x")', 'cloudformation.amazonaws.com']);
  });

  void it('puts the most frequent principal first', () => {
    const input = sampleInput();
    const again = { ...input.findings[1], eventIndex: 99 };

    const summary = summarize({ ...input, findings: [...input.findings, again] });

    assert.deepEqual(summary.byPrincipal[0], { value: 'test@elastic.co', count: 2 });
    assert.equal(summary.eventsWithFindings, 4);
  });

  void it('gives the first and last time seen, and the file totals', () => {
    const summary = summarize(sampleInput());

    assert.equal(summary.firstSeen, '2024-10-09T08:00:00.000Z');
    assert.equal(summary.lastSeen, '2024-10-11T23:59:59.000Z');
    assert.equal(summary.files, 3);
    assert.equal(summary.events, 54);
    assert.equal(summary.fileErrors, 1);
    assert.equal(summary.eventsWithFindings, 3);
  });

  void it('leaves the time span out when no finding has a time', () => {
    const summary = summarize({ files: [], findings: [], rules: [] });

    assert.equal(summary.firstSeen, undefined);
    assert.equal(summary.lastSeen, undefined);
    assert.deepEqual(summary.byRule, []);
  });
});
