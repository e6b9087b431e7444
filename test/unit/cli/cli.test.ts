// The CLI run in this process through run(argv): output formats, exit statuses, rule and
// exception options, and which files a directory walk picks up.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { decodeBytes } from '../../../src/core/source/decode';
import {
  FIXTURES, REFERENCE_RULES, runCli, SAMPLES, scratchFolder, SHARED, type CliRun,
} from './run-cli';
import { sarifValidator } from './sarif-schema';

const AMI_RULE_ID = '264c641e-c202-11ef-993e-f661ea17fbce';
const EXCEPTIONS = path.join(FIXTURES, 'exceptions.json');
const EQL_RULE = path.join(FIXTURES, 'rules-eql/eql_sequence.toml');
const BROKEN_RULES = path.join(FIXTURES, 'rules-broken');

/** Every sample file but the digest, which holds no event. */
const FLAGGED_SAMPLES = readdirSync(SAMPLES).filter((f) => f !== 'digest-file.json').sort()
  .map((f) => path.join(SAMPLES, f));

interface JsonOutput {
  findings: { [key: string]: unknown; path: string; eventIndex: number;
    range: { start: { line: number; character: number }; end: { line: number;
      character: number } } }[];
  suppressed: { [key: string]: unknown; suppressedBy: { id: string; comment: string } }[];
  files: { path: string; layout: string; events: number;
    errors: { message: string; line: number; character: number; severity: string }[] }[];
  rules: { id: string; name: string; supported: boolean; reason?: string }[];
  summary: { findings: number; suppressed: number };
}

function scanJson(...args: string[]): { run: CliRun; json: JsonOutput } {
  const run = runCli(['scan', '--format', 'json', ...args]);
  return { run, json: JSON.parse(run.stdout) as JsonOutput };
}

const TEXT_LINE = /^(.+):(\d+):(\d+): (low|medium|high|critical) ([^:]+): (.+)$/;

void describe('cloudtrail-lens scan: text format', () => {
  void it('prints one path:line:col: severity rule-name: message line per finding', () => {
    const { stdout, stderr, status } = runCli(['scan', SAMPLES]);
    const { json } = scanJson(SAMPLES);

    const lines = stdout.trimEnd().split('\n');
    const findings = lines.slice(0, -1).map((l) => TEXT_LINE.exec(l));

    assert.equal(status, 0);
    assert.equal(stderr, '');
    assert.ok(findings.every((m) => m !== null), stdout);
    // 1-based in text, zero-based in JSON
    assert.deepEqual(findings.map((m) => [m?.[1], Number(m?.[2]) - 1, Number(m?.[3]) - 1,
      m?.[4], m?.[5]]), json.findings.map((f) => [f.path, f.range.start.line,
      f.range.start.character, 'low', 'AWS EC2 Deprecated AMI Discovery']));
    assert.equal(lines.at(-1), '10 finding(s) in 36 event(s) of 11 file(s)');
  });

  void it('says who called what from where in the message', () => {
    const { stdout } = runCli(['scan', path.join(SAMPLES, 'single-event.json')]);

    assert.match(stdout, /: low AWS EC2 Deprecated AMI Discovery: arn:aws:iam::123456789012:user\/dave called DescribeImages from 192\.0\.2\.10 at 2026-11-20T10:16:00\.000Z\n/);
  });

  void it('prints file problems 1-based, as path:line:col: severity: message', () => {
    const file = path.join(SHARED, 'corpus',
      'awsdocs_log-file-examples_iam-CreateRole_INVALID-as-published.json');

    const { stdout, status } = runCli(['scan', file]);

    assert.equal(status, 0);
    assert.ok(stdout.startsWith(`${file}:19:124: error: `), stdout);
  });
});

void describe('cloudtrail-lens scan: json format', () => {
  void it('keeps the stable contract of keys', () => {
    const { json } = scanJson(SAMPLES);

    assert.deepEqual(Object.keys(json), ['findings', 'suppressed', 'files', 'rules', 'summary']);
    for (const f of json.findings) {
      assert.deepEqual(Object.keys(f), ['ruleId', 'ruleName', 'severity', 'riskScore', 'path',
        'eventId', 'eventIndex', 'range', 'explanation', 'fields']);
      assert.deepEqual(Object.keys(f.range), ['start', 'end']);
      assert.deepEqual(Object.keys(f.range.start), ['line', 'character']);
    }
    for (const file of json.files) {
      assert.deepEqual(Object.keys(file), ['path', 'layout', 'events', 'errors']);
    }
    assert.deepEqual(json.rules.map((r) => Object.keys(r)),
      [['id', 'name', 'severity', 'riskScore', 'supported', 'warnings']]);
  });

  void it('gives zero-based ranges that cover the eventName token of each flagged file', () => {
    const { json } = scanJson(SAMPLES);

    assert.deepEqual(json.findings.map((f) => f.path), FLAGGED_SAMPLES);
    for (const f of json.findings) {
      const lines = decodeBytes(readFileSync(f.path)).text.split(/\r\n|\r|\n/);
      const { start, end } = f.range;
      assert.equal(start.line, end.line);
      const token = lines[start.line].slice(start.character, end.character);
      if (f.path.endsWith('lookup-events.json')) assert.match(token, /^"\{\\"eventVersion/);
      else assert.equal(token, '"DescribeImages"', f.path);
    }
  });

  void it('lists files with layout, events and zero-based errors', () => {
    const invalid = path.join(SHARED, 'corpus',
      'awsdocs_log-file-examples_iam-CreateRole_INVALID-as-published.json');

    const { json } = scanJson(path.join(SAMPLES, 'digest-file.json'), invalid);

    assert.deepEqual(json.files.map((f) => [f.layout, f.events]), [['digest', 0], ['records', 0]]);
    assert.deepEqual(json.files[0].errors, []);
    assert.equal(json.files[1].errors.length, 1);
    assert.deepEqual(Object.keys(json.files[1].errors[0]),
      ['message', 'line', 'character', 'severity']);
    assert.equal(json.files[1].errors[0].severity, 'error');
    assert.deepEqual([json.files[1].errors[0].line, json.files[1].errors[0].character], [18, 123]);
  });
});

void describe('cloudtrail-lens scan: sarif and csv formats', () => {
  void it('writes SARIF 2.1.0 that the OASIS schema accepts, one result per finding', () => {
    const { stdout, status } = runCli(['scan', '--format', 'sarif', SAMPLES]);
    const log = JSON.parse(stdout) as { version: string; runs: { results: { ruleId: string;
      locations: { physicalLocation: { region: { startLine: number;
        startColumn: number } } }[] }[] }[] };

    assert.equal(status, 0);
    assert.deepEqual(sarifValidator()(log), []);
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs[0].results.length, 10);
    assert.ok(log.runs[0].results.every((r) => r.ruleId === AMI_RULE_ID));
  });

  void it('writes a CSV row per finding with 1-based line and column', () => {
    const { stdout } = runCli(['scan', '--format', 'csv', SAMPLES]);
    const { json } = scanJson(SAMPLES);

    const rows = parse<Record<string, string>>(stdout, { columns: true });

    assert.equal(rows.length, 10);
    assert.deepEqual(rows.map((r) => [r.path, Number(r.line) - 1, Number(r.column) - 1,
      r.rule_id, r.suppressed]), json.findings.map((f) => [f.path, f.range.start.line,
      f.range.start.character, AMI_RULE_ID, 'false']));
  });
});

void describe('cloudtrail-lens scan: exit statuses', () => {
  void it('exits 0 when the scan ran, findings or not', () => {
    assert.equal(runCli(['scan', SAMPLES]).status, 0);
    assert.equal(runCli(['scan', path.join(SAMPLES, 'digest-file.json')]).status, 0);
  });

  void it('exits 1 with --fail-on low when a low finding exists, 0 with --fail-on medium', () => {
    assert.equal(runCli(['scan', '--fail-on', 'low', SAMPLES]).status, 1);
    assert.equal(runCli(['scan', '--fail-on', 'medium', SAMPLES]).status, 0);
    assert.equal(runCli(['scan', '--fail-on', 'low', path.join(SAMPLES, 'digest-file.json')])
      .status, 0);
  });

  void it('exits 2 for bad usage', () => {
    for (const args of [['scan'], ['scan', '--bogus', SAMPLES], ['scan', '--format', 'xml',
      SAMPLES], ['scan', '--fail-on', 'severe', SAMPLES], ['frobnicate']]) {
      const result = runCli(args);
      assert.equal(result.status, 2, args.join(' '));
      assert.notEqual(result.stderr, '', args.join(' '));
    }
  });

  void it('exits 2 for a path that does not exist, before printing results', () => {
    const result = runCli(['scan', path.join(SAMPLES, 'no-such-file.json')]);

    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /no such file or directory: .*no-such-file\.json/);
  });

  void it('exits 2 for a file named .gz that is not gzip-compressed', () => {
    const scratch = scratchFolder();
    try {
      const fake = path.join(scratch.dir, 'fake.json.gz');
      writeFileSync(fake, readFileSync(path.join(SAMPLES, 'single-event.json')));
      const result = runCli(['scan', fake]);

      assert.equal(result.status, 2);
      assert.match(result.stderr, /fake\.json\.gz: error: cannot read: named \.gz but not gzip/);
    } finally {
      scratch.remove();
    }
  });

  void it('exits 2 for --no-builtin without --rules, before scanning: nothing could match', () => {
    const result = runCli(['scan', '--no-builtin', path.join(SAMPLES, 'single-event.json')]);

    assert.equal(result.status, 2);
    assert.match(result.stderr, /^error: --no-builtin needs at least one --rules PATH/);
    assert.equal(result.stdout, '');
  });

  void it('exits 2 for a cut file, lists it with the cut, and reports the readable ones', () => {
    const scratch = scratchFolder();
    try {
      const truncated = path.join(scratch.dir, 'truncated.json.gz');
      writeFileSync(truncated, gzipSync(readFileSync(path.join(SAMPLES, 'single-event.json')))
        .subarray(0, 40));

      const result = runCli(['scan', truncated, path.join(SAMPLES, 'single-event.json')]);

      assert.equal(result.status, 2);
      assert.match(result.stderr, /truncated\.json\.gz: error: cannot read: .*truncated/);
      assert.match(result.stdout, /1 finding\(s\) in 1 event\(s\) of 2 file\(s\)/);
      assert.match(result.stdout, /truncated\.json\.gz:1:1: error: .*truncated/);
    } finally {
      scratch.remove();
    }
  });

  void it('exits 2 for a broken rule file, with its position, even beside the built-ins', () => {
    const result = runCli(['scan', '--rules', BROKEN_RULES, SAMPLES]);

    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /broken\.toml:\d+:\d+: error: invalid TOML/);
  });

  void it('exits 2 for a --rules path that does not exist', () => {
    const result = runCli(['scan', '--rules', path.join(FIXTURES, 'no-such-rules'), SAMPLES]);

    assert.equal(result.status, 2);
    assert.match(result.stderr, /no-such-rules: error: /);
  });
});

void describe('cloudtrail-lens scan: rules', () => {
  void it('loads a folder of rules: the current upstream rule replaces the built-in one', () => {
    const { run, json } = scanJson('--rules', REFERENCE_RULES, SAMPLES);

    assert.equal(run.status, 0);
    assert.equal(json.rules.length, 18);
    assert.ok(json.rules.every((r) => r.supported));
    // the override is announced as a warning, not an error
    assert.match(run.stderr, /discovery_ec2_deprecated_ami_discovery\.toml: warning: rule_id /);
    assert.doesNotMatch(run.stderr, /: error: /);
    // the current rule also flags the four requests without an owner among the negatives
    assert.equal(json.findings.length, 14);
  });

  void it('loads a single rule file, with or without the built-in pack', () => {
    const file = path.join(REFERENCE_RULES,
      'exfiltration_ec2_ami_shared_with_separate_account.toml');

    const alone = scanJson('--no-builtin', '--rules', file,
      path.join(SHARED, 'corpus/stratus_aws.exfiltration.ec2-share-ami.json')).json;
    const both = scanJson('--rules', file, SAMPLES).json;

    assert.deepEqual(alone.rules.map((r) => r.name), ['AWS EC2 AMI Shared with Another Account']);
    assert.equal(alone.findings.length, 1);
    assert.equal(both.rules.length, 2);
    assert.equal(both.findings.length, 10);
  });

  void it('lists an unsupported rule with its reason in every format', () => {
    const { json } = scanJson('--rules', EQL_RULE, SAMPLES);
    const text = runCli(['scan', '--rules', EQL_RULE, SAMPLES]).stdout;
    const sarif = runCli(['scan', '--format', 'sarif', '--rules', EQL_RULE, SAMPLES]).stdout;

    const eql = json.rules.find((r) => r.name === 'Test: EQL sequence');
    assert.equal(eql?.supported, false);
    assert.match(eql?.reason ?? '', /EQL/);
    assert.equal(json.findings.length, 10);
    assert.match(text, /eql_sequence\.toml: note rule "Test: EQL sequence" not evaluated: EQL /);
    assert.match(sarif, /Test: EQL sequence/);
  });
});

void describe('cloudtrail-lens scan: exceptions', () => {
  const args = ['--exceptions', EXCEPTIONS, SAMPLES];

  void it('suppresses and counts in the text format', () => {
    const { stdout, status } = runCli(['scan', ...args]);

    assert.equal(status, 0);
    assert.doesNotMatch(stdout, /ci-builder/);
    assert.match(stdout, /9 finding\(s\) in 36 event\(s\) of 11 file\(s\), 1 suppressed by exceptions\n$/);
  });

  void it('keeps the suppressed finding apart in the json format', () => {
    const { json } = scanJson(...args);

    assert.equal(json.findings.length, 9);
    assert.deepEqual(json.suppressed.map((f) => [f.path, f.suppressedBy.id]),
      [[path.join(SAMPLES, 's3-delivery-pretty.json'), 'ci-terraform']]);
    assert.deepEqual([json.summary.findings, json.summary.suppressed], [9, 1]);
  });

  void it('marks the suppressed finding in the sarif and csv formats', () => {
    const sarif = JSON.parse(runCli(['scan', '--format', 'sarif', ...args]).stdout) as {
      runs: { results: { suppressions?: { justification: string }[] }[] }[] };
    const rows = parse<Record<string, string>>(runCli(['scan', '--format', 'csv', ...args])
      .stdout, { columns: true });

    const suppressed = sarif.runs[0].results.filter((r) => r.suppressions?.length);
    assert.equal(sarif.runs[0].results.length, 10);
    assert.equal(suppressed.length, 1);
    assert.match(suppressed[0].suppressions?.[0].justification ?? '', /Terraform/);
    assert.deepEqual(rows.filter((r) => r.suppressed === 'true').map((r) => r.suppressed_by),
      ['ci-terraform']);
    assert.equal(rows.length, 10);
  });

  void it('exits 1 with --fail-on low only for findings that were not suppressed', () => {
    const single = path.join(SAMPLES, 's3-delivery-pretty.json');

    assert.equal(runCli(['scan', '--fail-on', 'low', single]).status, 1);
    assert.equal(runCli(['scan', '--fail-on', 'low', '--exceptions', EXCEPTIONS, single]).status,
      0);
  });

  void it('exits 2 when the exceptions file is missing', () => {
    const result = runCli(['scan', '--exceptions', path.join(FIXTURES, 'none.json'), SAMPLES]);

    assert.equal(result.status, 2);
    assert.match(result.stderr, /cannot read exceptions/);
  });
});

void describe('cloudtrail-lens scan: directory walking', () => {
  void it('picks .json, .jsonl, .ndjson and .json.gz files only, in name order', () => {
    const scratch = scratchFolder();
    try {
      const event = readFileSync(path.join(SAMPLES, 'single-event.json'));
      const line = Buffer.from(JSON.stringify(JSON.parse(event.toString('utf8'))) + '\n');
      mkdirSync(path.join(scratch.dir, 'sub'));
      const files: [string, Buffer][] = [
        ['a.json', event], ['b.jsonl', line], ['c.ndjson', line], ['d.json.gz', gzipSync(event)],
        ['E.JSON', event], ['sub/f.json', event], ['g.log', event], ['h.csv', event],
        ['i.txt', event], ['j.gz', gzipSync(event)], ['k.json.bak', event],
      ];
      for (const [name, bytes] of files) writeFileSync(path.join(scratch.dir, name), bytes);

      const { json } = scanJson(scratch.dir);

      assert.deepEqual(json.files.map((f) => path.relative(scratch.dir, f.path)),
        ['E.JSON', 'a.json', 'b.jsonl', 'c.ndjson', 'd.json.gz', path.join('sub', 'f.json')]);
      assert.equal(json.findings.length, 6);
    } finally {
      scratch.remove();
    }
  });

  void it('scans a file named explicitly whatever its extension', () => {
    const { json } = scanJson(path.join(SHARED, 'corpus',
      'elastic-integrations_test-run-instances-json.log'));

    assert.deepEqual(json.files.map((f) => [f.layout, f.events]), [['lines', 1]]);
  });

  void it('recognises a gzip digest named as CloudTrail names digests', () => {
    const scratch = scratchFolder();
    try {
      const digest = readFileSync(path.join(SHARED, 'corpus',
        'awsdocs_digest-file-structure_example.json'));
      const name = '123456789012_CloudTrail-Digest_us-east-1_example-trail_us-east-1_'
        + '20200101T000000Z.json.gz';
      writeFileSync(path.join(scratch.dir, name), gzipSync(digest));

      const { run, json } = scanJson(scratch.dir);

      assert.equal(run.status, 0);
      assert.equal(run.stderr, '');
      assert.deepEqual(json.files.map((f) => [path.basename(f.path), f.layout, f.errors]),
        [[name, 'digest', []]]);
      assert.deepEqual(json.findings, []);
    } finally {
      scratch.remove();
    }
  });
});

void describe('cloudtrail-lens scan: --output', () => {
  void it('writes the report to the file instead of stdout', () => {
    const scratch = scratchFolder();
    try {
      const out = path.join(scratch.dir, 'report.json');

      const run = runCli(['scan', '--format', 'json', '--output', out, SAMPLES]);

      assert.equal(run.status, 0);
      assert.equal(run.stdout, '');
      assert.equal((JSON.parse(readFileSync(out, 'utf8')) as JsonOutput).findings.length, 10);
    } finally {
      scratch.remove();
    }
  });
});
