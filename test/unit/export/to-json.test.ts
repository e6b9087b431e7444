import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { toJson, toJsonReport } from '../../../src/core/export';
import { sampleInput } from './export-fixture';

void describe('toJson', () => {
  void it('keeps the contract: the keys of findings, files and rules, in order', () => {
    const report = toJson(sampleInput());

    assert.deepEqual(Object.keys(report), ['findings', 'suppressed', 'files', 'rules',
      'summary']);
    assert.deepEqual(Object.keys(report.findings[0]), ['ruleId', 'ruleName', 'severity',
      'riskScore', 'path', 'eventId', 'eventIndex', 'range', 'explanation', 'fields']);
    assert.deepEqual(Object.keys(report.suppressed[0]), [...Object.keys(report.findings[0]),
      'suppressedBy']);
    assert.deepEqual(Object.keys(report.files[0]), ['path', 'layout', 'events', 'errors']);
    assert.deepEqual(report.rules.map((r) => Object.keys(r)), [
      ['id', 'name', 'severity', 'riskScore', 'supported', 'warnings'],
      ['id', 'name', 'severity', 'riskScore', 'supported', 'warnings'],
      ['id', 'name', 'severity', 'riskScore', 'supported', 'warnings'],
      ['id', 'name', 'severity', 'riskScore', 'supported', 'reason', 'warnings'],
    ]);
  });

  void it('keeps zero-based ranges and separates suppressed findings', () => {
    const input = sampleInput();

    const report = toJson(input);

    assert.deepEqual(report.findings.map((f) => [f.path, f.range.start.line,
      f.range.start.character]), [
      ['logs/2024/trail one.json', 12, 4],
      ['logs/2024/trail one.json', 30, 6],
      ['logs/données.jsonl', 4, 0],
    ]);
    assert.deepEqual(report.suppressed.map((f) => f.suppressedBy), [null,
      { id: 'exc-1', comment: 'Lake test account, "expected"' }]);
    assert.equal(report.suppressed[0].eventId, null);
    assert.deepEqual(report.files[1].errors, [{ message: 'Unexpected end of JSON text',
      line: 11, character: 3, severity: 'error' }]);
  });

  void it('survives a round trip through JSON text', () => {
    const report = toJsonReport(sampleInput());

    const again = JSON.parse(JSON.stringify(report));

    assert.deepEqual(again.findings.map((f: { fields: unknown }) => f.fields),
      report.findings.map((f) => f.fields));
    assert.equal(again.summary.findings, 3);
  });
});
