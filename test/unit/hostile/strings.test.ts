// Log values are chosen by whoever made the API call: HTML and script, `</script>`, Markdown
// links to command: URIs, bidirectional and zero-width characters, lone surrogates, NUL and
// U+2028. They must come through the scan unchanged, with valid spans, and reach the hover,
// the diagnostics, the guide page and the exports only as inert text.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { toCsv, toJson, toSarif } from '../../../src/core/export';
import { LineIndex } from '../../../src/core/positions';
import { placeScanResult } from '../../../src/core/report';
import { scanText } from '../../../src/core/scan';
import type { Finding } from '../../../src/core/types';
import { buildDiagnostics } from '../../../src/extension/diagnostics';
import { renderGuideHtml } from '../../../src/extension/guide/render';
import { hoverMarkdown } from '../../../src/extension/hover-markdown';
import { allRules, assertPrototypeClean, assertScanContract, positiveRecord } from './helpers';

const HOSTILE = [
  '<script>alert(1)</script>',
  '</script><img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  '[x](command:workbench.action.terminal.new)',
  '![i](https://example.com/x.png) <https://evil.example/> **b** `c` <!-- -->',
  '\u202eevil\u202c \u2066rtl\u2069 zero\u200bwidth\ufeff',
  '\ud800 lone \udfff',
  'nul\u0000byte',
  'line\u2028sep\u2029end\r\nnext',
  '=HYPERLINK("https://evil.example","x")',
  '${7*7} {{7*7}} %s %n',
];

const URI = 'file:///logs/hostile.json';
const markdown = new MarkdownIt({ html: true, linkify: true });

/** One positive record per payload, the payload in every field a finding shows. */
function hostileText(raw: boolean): string {
  const records = HOSTILE.map((payload, i) => {
    const record = positiveRecord();
    const params = record.requestParameters as { [key: string]: unknown };
    // Also as a key (without NUL: Elasticsearch refuses a document with NUL in a key).
    params[payload.split('\u0000').join('')] = payload;
    return { ...record, eventID: payload, userAgent: payload, sourceIPAddress: payload,
      awsRegion: payload, userIdentity: { type: 'IAMUser', userName: payload,
        arn: `arn:aws:iam::111122223333:user/${i}${payload}` } };
  });
  const text = JSON.stringify({ Records: records }, null, 2);

  // JSON.stringify escapes lone surrogates; a file may hold them raw.
  return raw ? text.replace(/\\ud800/g, '\ud800').replace(/\\udfff/g, '\udfff') : text;
}

function scanHostile(raw: boolean): { text: string; findings: Finding[] } {
  const text = hostileText(raw);
  const result = scanText(text, allRules());
  assertScanContract(text, result);
  return { text, findings: result.findings };
}

void describe('hostile strings in log values', () => {
  void it('come through the scan unchanged, each event flagged on its eventName', () => {
    for (const raw of [false, true]) {
      const { text, findings } = scanHostile(raw);

      assert.equal(findings.length, HOSTILE.length);
      findings.forEach((finding, i) => {
        assert.equal(finding.eventId, HOSTILE[i]);
        assert.equal(finding.fields['user_agent.original'], HOSTILE[i]);
        assert.equal(text.slice(finding.span.start, finding.span.end), '"DescribeImages"');
      });
    }
    assertPrototypeClean();
  });

  void it('reach the hover only as escaped text, with one command link of ours', () => {
    const { findings } = scanHostile(true);
    const rule = allRules().find((r) => r.rule.id === findings[0].ruleId)?.rule;

    findings.forEach((finding, i) => {
      const text = hoverMarkdown([{ finding, findingIndex: i, rule }], URI);
      const html = markdown.render(text);

      assert.equal([...html.matchAll(/<a /g)].length, 1, HOSTILE[i]);
      assert.match(html, /<a href="command:cloudtrailLens\.openGuide\?/);
      assert.doesNotMatch(html, /<(script|img|svg)/i);
      assert.equal(text.includes('\u2028') || text.includes('\u2029'), false);
    });
  });

  void it('reach the diagnostics as plain messages with ranges inside the document', () => {
    const { text, findings } = scanHostile(true);
    const lines = new LineIndex(text);
    const diagnostics = buildDiagnostics({ documentUri: URI, findings, problems: [],
      textLength: text.length, positionAt: (offset) => lines.positionAt(offset),
      settings: { severityMapping: { low: 'hint', medium: 'warning', high: 'error',
        critical: 'error' }, maxDiagnosticsPerFile: 1000 } });

    assert.equal(diagnostics.length, HOSTILE.length);
    for (const diagnostic of diagnostics) {
      const related = diagnostic.relatedInformation.map((r) => r.range);
      for (const range of [diagnostic.range, ...related]) {
        const start = lines.offsetAt(range.start);
        const end = lines.offsetAt(range.end);
        assert.ok(start <= end && end <= text.length);
        assert.deepEqual(lines.positionAt(start), range.start);
      }
    }
  });

  void it('reach the guide page escaped, with the page\'s own script only', () => {
    const { text, findings } = scanHostile(true);
    const rule = allRules().find((r) => r.rule.id === findings[0].ruleId)?.rule;
    assert.ok(rule);

    findings.forEach((finding, i) => {
      const html = renderGuideHtml({ rule, finding, eventText: text.slice(finding.eventSpan.start,
        finding.eventSpan.end), cspSource: 'vscode-resource:', nonce: 'n0nce',
      scriptUri: 'guide.js', styleUri: 'guide.css', documentLabel: HOSTILE[i] });

      assert.equal([...html.matchAll(/<script/gi)].length, 1, HOSTILE[i]);
      assert.equal([...html.matchAll(/<\/script>/gi)].length, 1, HOSTILE[i]);
      assert.doesNotMatch(html, /<(img|svg)/i, HOSTILE[i]);
      assert.doesNotMatch(html, /href="command:/i, HOSTILE[i]);
    });
  });

  void it('reach the exports as valid JSON, SARIF and CSV, formulas neutralised', () => {
    const { text, findings } = scanHostile(true);
    const placed = placeScanResult('hostile.json', text, { layout: 'records',
      events: findings.length, findings, suppressed: [], problems: [] });
    const report = { files: [placed.file], findings: placed.findings, suppressed: [],
      rules: allRules() };

    const json = JSON.parse(JSON.stringify(toJson(report))) as { findings: unknown[] };
    assert.equal(json.findings.length, HOSTILE.length);
    assert.doesNotThrow(() => JSON.parse(JSON.stringify(toSarif(report))));
    const csv = toCsv(report);
    assert.ok(csv.includes('"\'=HYPERLINK(""https://evil.example"",""x"")"'));
    assert.equal(csv.includes(',=HYPERLINK'), false);
  });
});
