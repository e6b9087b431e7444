// The CLI's output with hostile text in logs, file names and rule files: the text format (for a
// terminal) shows controls, ANSI escape sequences, C1 controls, bidi controls and invisible
// characters as visible escapes, one line per finding whatever a value holds; the JSON and CSV
// formats keep the exact values (JSON writes every hidden character as a \uXXXX escape) and
// CSV neutralises spreadsheet formulas.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { ScanReport } from '../../../src/core/report';
import type { Rule } from '../../../src/core/types';
import { formatText } from '../../../src/cli/format-text';
import { FIXTURES, runCli, SAMPLES, scratchFolder } from './run-cli';

/** What a terminal must never receive raw: C0 (but the line feeds), DEL, C1, format characters. */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;

/** ESC [ sets colours, clears the screen; ESC ] 0 sets the window title; CSI is C1's ESC [. */
const PAYLOAD = '\u001b[31mred\u001b[0m\u001b[2J\u001b]0;pwned\u0007\u009b1m' +
  '\u202egnp.exe\u202c\u2066x\u2069\u200bzw\ufeff\u00ad\u0000\r\nforged line';
const SHOWN_PAYLOAD = '\\u{1b}[31mred\\u{1b}[0m\\u{1b}[2J\\u{1b}]0;pwned\\u{7}\\u{9b}1m' +
  '\\u{202e}gnp.exe\\u{202c}\\u{2066}x\\u{2069}\\u{200b}zw\\u{feff}\\u{ad}\\u{0}\\u{d}\\u{a}' +
  'forged line';

/** The text output without its line feeds, which are the only controls it may hold. */
function assertNothingHidden(output: string): void {
  for (const line of output.split('\n')) assert.doesNotMatch(line, HIDDEN, line);
}

/** A minimal rule, for the report's list of unsupported rules. */
function unsupportedRule(name: string, source: string, reason: string): Rule {
  return {
    id: 'r1', name, type: 'eql', language: 'eql', query: '', index: [], severity: 'high',
    riskScore: 73, interval: '5m', from: 'now-6m', maxSignals: 100, author: [], tags: [],
    description: '', falsePositives: [], references: [], threat: [], investigationFields: [],
    source, builtin: false, support: { supported: false, reason, warnings: [] },
  };
}

void describe('the text format on hostile text', () => {
  void it('escapes every string of the report, keeping one line per item', () => {
    const report: ScanReport = {
      files: [{ path: `/logs/${PAYLOAD}.json`, layout: 'records', events: 1,
        errors: [{ message: `bad key ${PAYLOAD}`, line: 0, character: 4, severity: 'error' }] }],
      findings: [{
        ruleId: 'id', ruleName: `Rule ${PAYLOAD}`, severity: 'low', riskScore: 21,
        eventId: PAYLOAD, eventIndex: 0, eventSpan: { start: 0, end: 1 },
        span: { start: 0, end: 1 }, explanation: [], fieldSources: {},
        fields: { 'aws.cloudtrail.user_identity.arn': `arn:${PAYLOAD}`,
          'event.action': `Describe${PAYLOAD}`, 'source.address': `addr${PAYLOAD}`,
          '@timestamp': `2026${PAYLOAD}` },
        path: `/logs/${PAYLOAD}.json`,
        range: { start: { line: 2, character: 3 }, end: { line: 2, character: 4 } },
      }],
      suppressed: [],
      rules: [unsupportedRule(`EQL ${PAYLOAD}`, `/rules/${PAYLOAD}.toml`, `why ${PAYLOAD}`)],
    };

    const actual = formatText(report);

    assertNothingHidden(actual);
    assert.deepEqual(actual.split('\n'), [
      `/logs/${SHOWN_PAYLOAD}.json:1:5: error: bad key ${SHOWN_PAYLOAD}`,
      `/logs/${SHOWN_PAYLOAD}.json:3:4: low Rule ${SHOWN_PAYLOAD}: arn:${SHOWN_PAYLOAD} called ` +
        `Describe${SHOWN_PAYLOAD} from addr${SHOWN_PAYLOAD} at 2026${SHOWN_PAYLOAD}`,
      `/rules/${SHOWN_PAYLOAD}.toml: note rule "EQL ${SHOWN_PAYLOAD}" not evaluated: ` +
        `why ${SHOWN_PAYLOAD}`,
      '1 finding(s) in 1 event(s) of 1 file(s)',
      '',
    ]);
  });

  void it('keeps accents, CJK, right-to-left letters and emoji as they are', () => {
    const name = 'Zoë 東京 \u05e9\u05dc\u05d5\u05dd 👩🏽‍💻 🏳️‍🌈';
    const report: ScanReport = { files: [], suppressed: [], findings: [],
      rules: [unsupportedRule(name, `/rules/${name}.toml`, 'EQL')] };

    assert.equal(formatText(report).split('\n')[0],
      `/rules/${name}.toml: note rule "${name}" not evaluated: EQL`);
  });
});

void describe('cloudtrail-lens scan on hostile logs, file names and rule files', () => {
  const record = JSON.parse(readFileSync(path.join(SAMPLES, 'single-event.json'), 'utf8')) as {
    userIdentity: { arn: string; userName: string }; sourceIPAddress: string;
    userAgent: string };
  record.userIdentity.arn = `arn:aws:iam::123456789012:user/${PAYLOAD}`;
  record.userIdentity.userName = `-2+3${PAYLOAD}`;
  record.sourceIPAddress = `=HYPERLINK("https://evil.example")${PAYLOAD}`;
  record.userAgent = `@SUM(1+1)${PAYLOAD}`;
  const rule = readFileSync(path.join(FIXTURES, 'rules-describe-images/any_describe_images.toml'),
    'utf8').replace('name = "Test: any EC2 DescribeImages"',
    'name = "Test: \\u001b[2J\\u009b\\u202eelur\\u202c\\u200b"');

  /** Scans one hostile file in a folder of its own with the hostile rule. */
  function scanHostile(format: string): { stdout: string; dir: string } {
    const scratch = scratchFolder();
    try {
      const file = path.join(scratch.dir, 'trail\u001b[8m\u202e\nx.json');
      writeFileSync(file, JSON.stringify({ Records: [record] }));
      const rules = path.join(scratch.dir, 'hostile.toml');
      writeFileSync(rules, rule);

      const run = runCli(['scan', '--no-builtin', '--rules', rules, '--format', format,
        scratch.dir]);

      assert.equal(run.status, 0, run.stderr);
      return { stdout: run.stdout, dir: scratch.dir };
    } finally {
      scratch.remove();
    }
  }

  void it('prints the text format with every hidden character escaped, one line a finding', () => {
    const { stdout, dir } = scanHostile('text');

    assertNothingHidden(stdout);
    const lines = stdout.trimEnd().split('\n');
    assert.equal(lines.length, 2, stdout);
    assert.ok(lines[0].startsWith(`${dir}/trail\\u{1b}[8m\\u{202e}\\u{a}x.json:`), lines[0]);
    assert.ok(lines[0].includes(' medium Test: \\u{1b}[2J\\u{9b}\\u{202e}elur\\u{202c}\\u{200b}: '),
      lines[0]);
    assert.ok(lines[0].includes(`user/${SHOWN_PAYLOAD} called DescribeImages from `), lines[0]);
  });

  void it('keeps the exact values in JSON, where every hidden character is escaped', () => {
    const { stdout } = scanHostile('json');
    const json = JSON.parse(stdout) as { findings: { ruleName: string;
      fields: { [name: string]: unknown } }[] };

    assert.deepEqual([...stdout].filter((c) => c < ' ' && c !== '\n'), []);
    assertNothingHidden(stdout);
    assert.equal(json.findings[0].ruleName, 'Test: \u001b[2J\u009b\u202eelur\u202c\u200b');
    assert.equal(json.findings[0].fields['aws.cloudtrail.user_identity.arn'],
      record.userIdentity.arn);
  });

  void it('keeps the exact values in CSV, formulas neutralised with an apostrophe', () => {
    const { stdout } = scanHostile('csv');
    const [row] = parse<Record<string, string>>(stdout, { columns: true });

    assert.equal(row.user, `'${record.userIdentity.userName}`);
    assert.equal(row.source_address, `'${record.sourceIPAddress}`);
    assert.equal(row.user_agent, `'${record.userAgent}`);
  });
});
