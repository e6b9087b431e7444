// What a new user met: faults the CLI passed over in silence or with a stack trace. Each one is
// now a positioned line on stderr and exit status 2, the report still written where it can be:
// a rule query that cannot run, an --output that cannot be written, an error in the exceptions
// file, nothing to scan, --no-builtin alone. Also: each file scanned once, --version, and
// "-" for standard input.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { scanInput } from '../../../src/cli/scan-input';
import { inScratch, ROOT, runCli, SAMPLES, scratchFolder, type CliRun } from './run-cli';

const MAIN = path.join(ROOT, 'src/cli/main.ts');
const EVENT = path.join(SAMPLES, 'single-event.json');
const AMI_RULE_ID = '264c641e-c202-11ef-993e-f661ea17fbce';

interface JsonOutput {
  findings: { path: string }[];
  files: { path: string; events: number }[];
  rules: { id: string; supported: boolean; reason?: string }[];
}

function json(run: CliRun): JsonOutput {
  return JSON.parse(run.stdout) as JsonOutput;
}

/** A query rule file with the given query text, written as a ''' string from line 9 on. */
function ruleFile(query: string): string {
  return [
    '[metadata]', 'creation_date = "2026/01/01"', '', '[rule]',
    'author = ["tests"]', 'description = "A rule whose query is broken."',
    'name = "Broken query"', 'risk_score = 21', 'rule_id = "bad-kql-1"',
    'severity = "low"', 'type = "query"', "query = '''", query, "'''", '',
  ].join('\n');
}

void describe('cloudtrail-lens scan: a rule whose query cannot run', () => {
  void it('prints path:line:col: error, lists the rule as unsupported in every format, exits 2',
    () => inScratch((dir) => {
      const file = path.join(dir, 'bad.toml');
      writeFileSync(file, ruleFile('event.action: DescribeImages\n  and ) x'));
      const args = ['--rules', file, SAMPLES];

      const asJson = runCli(['scan', '--format', 'json', ...args]);
      const asText = runCli(['scan', ...args]);
      const asSarif = runCli(['scan', '--format', 'sarif', ...args]);

      // line 13 (one-based) holds "  and ) x": the ")" is its 7th character
      for (const run of [asJson, asText, asSarif]) {
        assert.equal(run.status, 2);
        assert.equal(run.stderr, `${file}:14:7: error: query does not parse: Expected "(", `
          + 'NOT, field name or value but found ")"\n');
      }
      const rule = json(asJson).rules.find((r) => r.id === 'bad-kql-1');
      assert.equal(rule?.supported, false);
      assert.match(rule?.reason ?? '', /^query does not parse at offset \d+: /);
      assert.equal(json(asJson).findings.length, 10, 'the other rules still ran');
      assert.match(asText.stdout, /bad\.toml: note rule "Broken query" not evaluated: query /);
      assert.match(asSarif.stdout, /Rule \\"Broken query\\" is not evaluated: query does not/);
    }));

  void it('treats a query Elasticsearch would refuse the same way', () => inScratch((dir) => {
    const file = path.join(dir, 'nested.toml');
    writeFileSync(file, ruleFile('user: { name: x }'));

    const run = runCli(['scan', '--format', 'json', '--rules', file, EVENT]);

    assert.equal(run.status, 2);
    assert.match(run.stderr, /nested\.toml:13:1: error: query cannot run as Elasticsearch would/);
    assert.equal(json(run).rules.find((r) => r.id === 'bad-kql-1')?.supported, false);
  }));
});

void describe('cloudtrail-lens scan: --output that cannot be written', () => {
  void it('says so in one line and exits 2, for a missing folder or a directory', () => {
    inScratch((dir) => {
      const missing = path.join(dir, 'no', 'such', 'x.json');

      const intoMissing = runCli(['scan', '--output', missing, EVENT]);
      const intoDirectory = runCli(['scan', '--output', dir, EVENT]);

      assert.deepEqual([intoMissing.status, intoMissing.stderr], [2,
        `cloudtrail-lens: cannot write ${missing}: no such file or directory\n`]);
      assert.deepEqual([intoDirectory.status, intoDirectory.stderr], [2,
        `cloudtrail-lens: cannot write ${dir}: is a directory\n`]);
    });
  });

  void it('stops quietly when the reader of stdout goes away (| head)', async () => {
    const scratch = scratchFolder();
    try {
      const record: unknown = JSON.parse(readFileSync(EVENT, 'utf8'));
      const big = path.join(scratch.dir, 'many.json');
      writeFileSync(big, JSON.stringify({ Records: new Array<unknown>(3000).fill(record) }));

      const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'scan', '--format', 'json',
        big], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
      child.stdout.once('data', () => child.stdout.destroy());
      const status = await new Promise<number | null>((done) => child.on('close', done));

      assert.equal(stderr, '');
      assert.equal(status, 0);
    } finally {
      scratch.remove();
    }
  });

  void it('gives a reason for a file that went away after the arguments were read', () => {
    inScratch((dir) => {
      const gone = scanInput(path.join(dir, 'gone.json'), [], {});

      assert.deepEqual([gone.error, gone.placed], ['no such file or directory', undefined]);
    });
  });
});

void describe('cloudtrail-lens scan: errors in the exceptions file', () => {
  const item = { id: 'ok', comment: 'c', author: 'a', created: '2026-01-01',
    entries: [{ field: 'user.name', operator: 'is', value: 'nobody' }] };
  const broken: [string, object][] = [
    ['an unknown operator', { ...item, id: 'op', entries: [{ field: 'user.name',
      operator: 'equals', value: 'x' }] }],
    ['a missing author', { id: 'who', comment: 'c', created: '2026-01-01',
      entries: item.entries }],
    ['an expiry that is no date', { ...item, id: 'date', expires: '2026-02-30' }],
  ];

  for (const [what, bad] of broken) {
    void it(`exits 2 for ${what}, after writing the results`, () => inScratch((dir) => {
      const file = path.join(dir, 'exceptions.json');
      writeFileSync(file, JSON.stringify({ version: 1, exceptions: { [AMI_RULE_ID]:
        [bad, item] } }));

      const run = runCli(['scan', '--exceptions', file, EVENT]);

      assert.equal(run.status, 2);
      assert.match(run.stderr, new RegExp(`^${file.replaceAll('\\', '\\\\')}:\\d+:\\d+: error: `));
      assert.match(run.stdout, /1 finding\(s\) in 1 event\(s\) of 1 file\(s\)/);
    }));
  }

  void it('keeps exit 0 for warnings only', () => inScratch((dir) => {
    const file = path.join(dir, 'exceptions.json');
    writeFileSync(file, JSON.stringify({ version: 1, exceptions: { [AMI_RULE_ID]:
      [{ ...item, expires: '2025-01-01' }] } }));

    const run = runCli(['scan', '--exceptions', file, EVENT]);

    assert.equal(run.status, 0);
    assert.match(run.stderr, /: warning: "expires" is not after "created"/);
  }));

  void it('names items filed under a rule id that no loaded rule has, and fields no event has',
    () => inScratch((dir) => {
      const file = path.join(dir, 'exceptions.json');
      writeFileSync(file, JSON.stringify({ version: 1, exceptions: {
        '264c641e-typo': [item],
        [AMI_RULE_ID]: [{ ...item, id: 'field', entries: [{ field: 'user.nmae',
          operator: 'is', value: 'x' }] }],
      } }));

      const run = runCli(['scan', '--exceptions', file, EVENT]);

      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stderr, /: warning: No loaded rule has the id "264c641e-typo"/);
      assert.match(run.stderr, /: warning: .*user\.nmae/);
    }));
});

void describe('cloudtrail-lens scan: what is scanned', () => {
  void it('names each folder without a scannable file, and scans the rest', () => inScratch(
    (dir) => {
      const empty = path.join(dir, 'empty');
      const other = path.join(dir, 'other');
      mkdirSync(empty);
      mkdirSync(other);
      writeFileSync(path.join(other, 'notes.txt'), 'not a log');

      const run = runCli(['scan', empty, other, EVENT]);

      assert.equal(run.status, 0);
      const none = 'cloudtrail-lens: warning: no .json, .jsonl, .ndjson or their .gz files in';
      assert.equal(run.stderr, `${none} ${empty}\n${none} ${other}\n`);
      assert.match(run.stdout, /of 1 file\(s\)\n$/);
    }));

  void it('exits 2 when no file at all is scanned, before printing results', () => inScratch(
    (dir) => {
      const run = runCli(['scan', '--format', 'json', dir]);

      assert.equal(run.status, 2);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /cloudtrail-lens: error: no file to scan\n$/);
    }));

  void it('scans a file once, named twice, with its folder, or through a link', () => inScratch(
    (dir) => {
      const file = path.join(dir, 'a.json');
      writeFileSync(file, readFileSync(EVENT));
      symlinkSync(file, path.join(dir, 'link.json'));

      const run = runCli(['scan', '--format', 'json', file, dir, file,
        path.join(dir, '.', 'a.json')]);

      assert.equal(run.status, 0);
      assert.deepEqual(json(run).files.map((f) => f.path), [file]);
      assert.equal(json(run).findings.length, 1);
    }));

  void it('reads the rules of a file named twice once', () => {
    const rule = path.join(ROOT, 'test/fixtures/scan/rules-describe-images',
      'any_describe_images.toml');

    const run = runCli(['scan', '--rules', rule, '--rules', rule, EVENT]);

    assert.equal(run.status, 0);
    assert.equal(run.stderr, '');
  });

  void it('warns about a --rules folder without a rule file', () => inScratch((dir) => {
    const withBuiltin = runCli(['scan', '--rules', dir, EVENT]);
    const alone = runCli(['scan', '--no-builtin', '--rules', dir, EVENT]);

    assert.equal(withBuiltin.status, 0);
    assert.equal(withBuiltin.stderr, `${dir}: warning: no rule file (.toml) in this folder\n`);
    assert.equal(alone.status, 2);
    assert.match(alone.stderr, /cloudtrail-lens: error: no rules loaded: nothing can be flagged/);
  }));
});

void describe('cloudtrail-lens --version', () => {
  void it('prints the version of package.json on stdout and exits 0', () => {
    const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      version: string };

    for (const flag of ['--version', '-V']) {
      const run = runCli([flag]);
      assert.deepEqual([run.status, run.stdout, run.stderr], [0, `${version}\n`, '']);
    }
  });
});

void describe('cloudtrail-lens scan -', () => {
  /** Runs the CLI from its sources with the given bytes on stdin. */
  function withStdin(args: string[], input: Buffer): { status: number | null; stdout: string;
    stderr: string } {
    const result = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args],
      { cwd: ROOT, input, encoding: 'utf8', timeout: 60_000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  void it('reads one document from stdin, gzip or not, listed as <stdin> and read once', () => {
    const event = readFileSync(EVENT);

    const plain = withStdin(['scan', '--format', 'json', '-', '-', EVENT], event);
    const gzip = withStdin(['scan', '-'], gzipSync(event));

    assert.equal(plain.status, 0, plain.stderr);
    assert.deepEqual((JSON.parse(plain.stdout) as JsonOutput).files.map((f) => [f.path, f.events]),
      [['<stdin>', 1], [EVENT, 1]]);
    assert.equal(gzip.status, 0, gzip.stderr);
    assert.match(gzip.stdout, /^<stdin>:13:16: low AWS EC2 Deprecated AMI Discovery: /);
  });
});

void describe('cloudtrail-lens scan: --retain with --pipeline 2024', () => {
  void it('refuses a retain value other than all as a one-line usage error', () => {
    const result = runCli(['scan', '--pipeline', '2024', '--retain', 'keyword', EVENT]);

    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr, 'error: --retain keyword needs --pipeline newest: the 2024 '
      + 'pipeline has no retain option\n');
  });

  void it('accepts retain all, and any retain with the newest pipeline', () => {
    assert.equal(runCli(['scan', '--pipeline', '2024', '--retain', 'all', EVENT]).status, 0);
    assert.equal(runCli(['scan', '--pipeline', 'newest', '--retain', 'keyword', EVENT]).status,
      0);
  });
});

void describe('cloudtrail-lens scan: the format follows the --output extension', () => {
  const first = (dir: string, name: string, extra: string[] = []): string => {
    const file = path.join(dir, name);
    assert.equal(runCli(['scan', '--output', file, ...extra, EVENT]).status, 0);
    return readFileSync(file, 'utf8').split('\n')[0];
  };

  void it('writes SARIF, JSON or CSV for .sarif, .json and .csv, text otherwise', () =>
    inScratch((dir) => {
      assert.equal(first(dir, 'out.sarif'), '{');
      assert.match(readFileSync(path.join(dir, 'out.sarif'), 'utf8'), /"version": "2\.1\.0"/);
      assert.match(first(dir, 'out.JSON'), /^\{/);
      assert.match(readFileSync(path.join(dir, 'out.JSON'), 'utf8'), /"findings": \[/);
      assert.match(first(dir, 'out.csv'), /^path,line,column,rule_id/);
      assert.match(first(dir, 'out.txt'), /single-event\.json:\d+:\d+: low /);
    }));

  void it('lets an explicit --format win over the extension', () => inScratch((dir) => {
    assert.match(first(dir, 'out.sarif', ['--format', 'csv']), /^path,line,column,rule_id/);
    assert.match(first(dir, 'out.json', ['--format', 'text']), /single-event\.json:\d+:\d+: low /);
  }));

  void it('says so in the help text', () => {
    const help = runCli(['scan', '--help']).stdout.replace(/\s+/g, ' ');

    assert.match(help, /--format <format> output format \(default: from the --output file's extension, \.json, \.sarif or \.csv; otherwise text\)/);
  });
});

void describe('cloudtrail-lens scan: file problems and their severity', () => {
  void it('gives each JSON file problem its severity', () => inScratch((dir) => {
    const empty = path.join(dir, 'empty.json');
    const broken = path.join(dir, 'broken.json');
    writeFileSync(empty, '');
    writeFileSync(broken, 'not json');

    const files = (JSON.parse(runCli(['scan', '--format', 'json', empty, broken]).stdout) as
      { files: { errors: { severity: string }[] }[] }).files;

    assert.deepEqual(files.map((f) => f.errors.map((e) => e.severity)), [['warning'], ['error']]);
  }));

  void it('prints text file problems as path:line:col: severity: message', () =>
    inScratch((dir) => {
      const empty = path.join(dir, 'empty.json');
      writeFileSync(empty, '');

      const { stdout } = runCli(['scan', empty]);

      assert.ok(stdout.startsWith(`${empty}:1:1: warning: The text is empty`), stdout);
    }));

  void it('notes valid JSON whose layout is unknown, in the text format only', () =>
    inScratch((dir) => {
      const other = path.join(dir, 'other.json');
      const broken = path.join(dir, 'broken.json');
      writeFileSync(other, '{"not": "cloudtrail"}');
      writeFileSync(broken, 'not json');

      const text = runCli(['scan', other, broken]).stdout.split('\n');
      const asJson = JSON.parse(runCli(['scan', '--format', 'json', other]).stdout) as
        { files: { layout: string; errors: unknown[] }[] };

      assert.deepEqual(text.filter((line) => line.includes('layout unknown')),
        [`${other}: note: no CloudTrail events recognised in this JSON (layout unknown)`]);
      assert.deepEqual(asJson.files.map((f) => [f.layout, f.errors]), [['unknown', []]]);
    }));
});
