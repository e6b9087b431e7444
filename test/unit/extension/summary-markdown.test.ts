import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { summarize, type ExportSummary } from '../../../src/core/export';
import { buildScanReport, toFileResult } from '../../../src/extension/file-results';
import {
  SUMMARY_TABLE_LIMIT, renderSummaryMarkdown, type SummaryContext,
} from '../../../src/extension/summary-markdown';
import { RULE_LIST, positiveText, scan } from './real-scan';

const CONTEXT: SummaryContext = { generated: '2026-12-01T10:00:00.000Z', liveFiles: 1,
  scannedFiles: 1 };

/** The summary of a real scan of two files. */
function realSummary(): ExportSummary {
  const text = positiveText();
  const results = ['file:///ws/a.json', 'file:///ws/b.json'].map((uri) =>
    toFileResult(uri, uri, 'workspace-scan', text, scan(text)));
  return summarize(buildScanReport(results, RULE_LIST, (r) => r.uri));
}

/** An empty summary to fill in by hand. */
function emptySummary(): ExportSummary {
  return { files: 1, events: 0, fileErrors: 0, findings: 0, suppressed: 0,
    eventsWithFindings: 0, bySeverity: { critical: 0, high: 0, medium: 0, low: 0 }, byRule: [],
    byTactic: [], byPrincipal: [], bySourceAddress: [] };
}

const html = (markdown: string): string => new MarkdownIt({ html: false, linkify: true })
  .render(markdown);

void describe('renderSummaryMarkdown', () => {
  void it('shows counts by rule, severity, tactic, principal and address of a real scan', () => {
    const actual = html(renderSummaryMarkdown(realSummary(), CONTEXT));

    const cells = (...values: string[]) => new RegExp(values.map((v) =>
      `<td[^>]*>${v.replace(/[.()]/g, (c) => `\\${c}`)}</td>`).join('\\s*'));
    assert.match(actual, /<h1>CloudTrail Lens summary<\/h1>/);
    assert.match(actual, /from 2 files \(1 open or analysed from disk, 1 from the workspace scan\) holding 4 events/);
    assert.match(actual, /Findings: <strong>4<\/strong> on 4 events/);
    assert.match(actual, cells('low', '4'));
    assert.match(actual, cells(`AWS EC2 Deprecated AMI Discovery (${RULE_LIST[0].id})`, 'low', '21',
      '4', '0'));
    assert.match(actual, cells('Discovery (TA0007)', '4'));
    assert.match(actual, cells('Alice', '2'));
    assert.match(actual, cells('205.251.233.176', '2'));
    assert.match(actual, cells('stratus-red-team-get-usr-data-role', '2'));
    assert.match(actual, /First seen: 2023-07-30T17:18:26\.000Z/);
  });

  void it('keeps hostile values inside their table cell and renders no link or HTML', () => {
    const summary = emptySummary();
    summary.byPrincipal = [{ value: 'eve | [click](https://evil.example) <img src=x>\nrow', count: 3 }];

    const markdown = renderSummaryMarkdown(summary, CONTEXT);
    const rendered = html(markdown);

    const row = markdown.split('\n').find((line) => line.startsWith('| eve'))!;
    assert.equal(row.split(/(?<!\\)\|/).length, 4, row);
    assert.ok(!rendered.includes('<a '), rendered);
    assert.ok(!rendered.includes('<img'), rendered);
    assert.match(rendered, /<td>eve \| \[click\]\(https:\/\/evil\.example\) &lt;img src=x&gt; row<\/td>/);
  });

  void it('shows bidi controls and zero-width characters in values as escapes', () => {
    const summary = emptySummary();
    summary.byPrincipal = [{ value: 'alice\u202egnp.exe\u200b', count: 1 }];
    summary.bySourceAddress = [{ value: `198.51.100.17${'😀'.repeat(100)}`, count: 1 }];

    const actual = renderSummaryMarkdown(summary, CONTEXT);

    assert.doesNotMatch(actual, /[\p{Cf}\p{Cs}]/u);
    assert.match(html(actual), /<td>alice\\u\{202e\}gnp\.exe\\u\{200b\}<\/td>/);
    assert.match(actual, /198\\\.51\\\.100\\\.17(😀){53}… \|/u);
  });

  void it('lists the first rows of a long table and counts the rest', () => {
    const summary = emptySummary();
    summary.bySourceAddress = Array.from({ length: SUMMARY_TABLE_LIMIT + 3 },
      (_, i) => ({ value: `192.0.2.${i}`, count: 2 }));

    const actual = renderSummaryMarkdown(summary, CONTEXT);

    assert.equal((html(actual).match(/<td>192\.0\.2\.\d+<\/td>/g) ?? []).length,
      SUMMARY_TABLE_LIMIT);
    assert.match(actual, /And 3 more \(6 findings\)\./);
  });

  void it('says when there is nothing to count and when the scan stopped early', () => {
    const actual = renderSummaryMarkdown(emptySummary(),
      { ...CONTEXT, scanNote: 'cancelled after 3 of 40 files' });

    assert.match(actual, /No rule flagged an event\./);
    assert.match(actual, /First seen: no timestamp on the findings/);
    assert.match(actual, /The workspace scan cancelled after 3 of 40 files\./);
  });
});
