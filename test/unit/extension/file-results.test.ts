import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { createExceptionMatcher, parseExceptionsFile } from '../../../src/core/exceptions';
import { CSV_COLUMNS, type JsonReport, type SarifLog } from '../../../src/core/export';
import { LineIndex } from '../../../src/core/positions';
import {
  buildScanReport, mergeResults, toFileResult, unreadableResult, type FileResult,
} from '../../../src/extension/file-results';
import {
  EXPORT_CHOICES, exportChoiceOf, renderExport, reportedRules,
} from '../../../src/extension/export-formats';
import type { Rule } from '../../../src/core/types';
import { RULE_LIST, positiveText, scan } from './real-scan';

const NOW = new Date('2026-12-01T00:00:00Z');
const TEXT = positiveText();

/** Exceptions suppressing Alice's event for the reference rule. */
function aliceMatcher() {
  const file = parseExceptionsFile(JSON.stringify({ version: 1, exceptions: { [RULE_LIST[0].id]: [
    { id: 'exc-7', comment: 'Alice, "quoted", reviewed', author: 'ops', created: '2026-11-01',
      entries: [{ field: 'user.name', operator: 'is', value: 'Alice' }] }] } }), 'f').file;
  return createExceptionMatcher(file, NOW);
}

const live = (uri: string, text = TEXT): FileResult =>
  toFileResult(uri, uri, 'editor', text, scan(text, aliceMatcher()));
const scanned = (uri: string, text = TEXT): FileResult =>
  toFileResult(uri, uri, 'workspace-scan', text, scan(text));

void describe('toFileResult', () => {
  void it('places every finding and suppressed finding at its line and character', () => {
    const result = live('file:///ws/trail.json');
    const lines = new LineIndex(TEXT);

    assert.equal(result.findings.length, 1);
    assert.equal(result.suppressed.length, 1);
    for (const f of [...result.findings, ...result.suppressed]) {
      assert.deepEqual(f.range.start, lines.positionAt(f.span.start));
      assert.equal(TEXT.slice(f.span.start, f.span.end), '"DescribeImages"');
      assert.equal(f.path, 'file:///ws/trail.json');
    }
    assert.deepEqual(result.file, { path: 'file:///ws/trail.json', layout: 'records',
      events: 2, errors: [] });
  });

  void it('keeps a file that could not be read as one error, with no events', () => {
    const actual = unreadableResult('u', 'u', 'The gzip data is corrupt');

    assert.deepEqual(actual.file.errors, [{ message: 'The gzip data is corrupt', line: 0,
      character: 0, severity: 'error' }]);
    assert.equal(actual.file.events, 0);
    assert.equal(actual.origin, 'workspace-scan');
  });
});

void describe('mergeResults', () => {
  void it('lets a live result win over the scan of its file, keeping the other files', () => {
    const actual = mergeResults([live('file:///ws/b.json')],
      [scanned('file:///ws/a.json'), scanned('file:///ws/b.json'), scanned('file:///ws/c.json')]);

    assert.deepEqual(actual.map((r) => [r.uri, r.origin]), [
      ['file:///ws/b.json', 'editor'],
      ['file:///ws/a.json', 'workspace-scan'],
      ['file:///ws/c.json', 'workspace-scan'],
    ]);
  });
});

void describe('buildScanReport', () => {
  const results = [live('file:///ws/logs/z.json'), scanned('file:///ws/a.json')];
  const report = buildScanReport(results, RULE_LIST,
    (r) => r.uri.replace('file:///ws/', ''));

  void it('names files by the given path and lists them in path order', () => {
    assert.deepEqual(report.files.map((f) => f.path), ['a.json', 'logs/z.json']);
    assert.ok([...report.findings, ...report.suppressed].every((f) =>
      f.path === 'a.json' || f.path === 'logs/z.json'));
  });

  void it('keeps suppressed findings apart, with the item that suppressed them', () => {
    assert.equal(report.findings.length, 3);
    assert.equal(report.suppressed.length, 1);
    assert.deepEqual(report.suppressed[0].suppressedBy,
      { id: 'exc-7', comment: 'Alice, "quoted", reviewed' });
  });

  void it('does not change the results it was built from', () => {
    assert.equal(results[0].file.path, 'file:///ws/logs/z.json');
    assert.equal(results[0].findings[0].path, 'file:///ws/logs/z.json');
  });

  void it('exports SARIF 2.1.0 with relative artifact paths and the suppression marked', () => {
    const sarif = JSON.parse(renderExport('sarif', report, '0.1.0')) as SarifLog;
    const [run] = sarif.runs;

    assert.equal(sarif.version, '2.1.0');
    assert.equal(run.tool.driver.version, '0.1.0');
    assert.deepEqual(run.artifacts.map((a) => a.location.uri), ['a.json', 'logs/z.json']);
    assert.equal(run.results.length, 4);
    const suppressed = run.results.filter((r) => r.suppressions !== undefined);
    assert.equal(suppressed.length, 1);
    assert.equal(suppressed[0].suppressions?.[0].justification, 'Alice, "quoted", reviewed');
  });

  void it('exports CSV with the stable columns and one row per finding', () => {
    const rows: string[][] = parse(renderExport('csv', report));

    assert.deepEqual(rows[0], [...CSV_COLUMNS]);
    assert.equal(rows.length, 5);
    const suppressed = rows.filter((r) => r[CSV_COLUMNS.indexOf('suppressed')] === 'true');
    assert.deepEqual(suppressed.map((r) => r[CSV_COLUMNS.indexOf('suppressed_by')]), ['exc-7']);
    assert.ok(rows.slice(1).every((r) => r[0] === 'a.json' || r[0] === 'logs/z.json'));
  });

  void it('exports JSON with findings, suppressed findings, files, rules and the summary', () => {
    const json = JSON.parse(renderExport('json', report)) as JsonReport;

    assert.equal(json.findings.length, 3);
    assert.equal(json.suppressed[0].suppressedBy?.id, 'exc-7');
    assert.deepEqual(json.files.map((f) => f.events), [2, 2]);
    assert.equal(json.summary.findings, 3);
    assert.equal(json.summary.suppressed, 1);
    assert.deepEqual(json.rules.map((r) => r.id), [RULE_LIST[0].id]);
  });
});

void describe('export choices', () => {
  void it('offer SARIF 2.1.0, CSV and JSON, found by name whatever the case', () => {
    assert.deepEqual(EXPORT_CHOICES.map((c) => c.label), ['SARIF 2.1.0', 'CSV', 'JSON']);
    assert.equal(exportChoiceOf('SARIF')?.format, 'sarif');
    assert.equal(exportChoiceOf('xml'), undefined);
    assert.equal(exportChoiceOf(3), undefined);
    for (const choice of EXPORT_CHOICES) {
      assert.ok(choice.filter[1].some((ext) => choice.fileName.endsWith(`.${ext}`)));
    }
  });

  void it('list the evaluated and the unsupported rules, not the disabled ones', () => {
    const rule = RULE_LIST[0];
    const unsupported: Rule = { ...rule, id: 'eql-rule', type: 'eql',
      support: { supported: false, reason: 'EQL is not supported', warnings: [] } };
    const disabled: Rule = { ...rule, id: 'disabled-rule' };

    const actual = reportedRules([rule, unsupported, disabled], new Set([rule.id]));

    assert.deepEqual(actual.map((r) => r.id), [rule.id, 'eql-rule']);
  });
});
