// The CLI as users run it: the esbuild bundle dist/cli.js (the package's bin entry) in a child
// process, and `npm run scan -- samples` as the README's quick start does.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT, runCli } from './run-cli';

const CLI = path.join(ROOT, 'dist/cli.js');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Runs a command in the repository with a bounded time; its output as text. */
function spawn(command: string, args: string[]): { status: number | null; stdout: string;
  stderr: string } {
  const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Drops npm's "> package@version script" banner lines from the output of `npm run`. */
function withoutNpmBanner(stdout: string): string {
  return stdout.split('\n').filter((line) => !line.startsWith('> ')).join('\n').trimStart();
}

void describe('the built CLI bundle', () => {
  before(() => {
    const started = Date.now();
    const build = spawn(NPM, ['run', 'build']);

    // The bundle must come from this build, whatever another entry of the build does.
    assert.ok(statSync(CLI).mtimeMs >= started - 1000, `dist/cli.js not rebuilt:\n${build.stderr}`);
    assert.equal(build.status, 0, build.stderr);
  });

  void it('is the package bin entry and starts with a node shebang', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      bin: { [name: string]: string } };

    assert.equal(path.resolve(ROOT, pkg.bin['cloudtrail-lens']), CLI);
    assert.equal(readFileSync(CLI, 'utf8').split('\n')[0], '#!/usr/bin/env node');
  });

  void it('runs as a child process with the same output and status as run()', () => {
    const child = spawn(process.execPath, [CLI, 'scan', '--fail-on', 'low', 'samples']);
    const inProcess = runCli(['scan', '--fail-on', 'low', 'samples']);

    assert.equal(child.status, 1);
    assert.equal(child.stdout, inProcess.stdout);
    assert.equal(child.stderr, '');
  });

  void it('finds the built-in rules next to the bundle', () => {
    const child = spawn(process.execPath, [CLI, 'scan', '--format', 'json', 'samples']);
    const json = JSON.parse(child.stdout) as { rules: { name: string; supported: boolean }[] };

    assert.equal(child.status, 0);
    assert.deepEqual(json.rules.map((r) => [r.name, r.supported]),
      [['AWS EC2 Deprecated AMI Discovery', true]]);
  });

  void it('exits 2 with a message for a missing path', () => {
    const child = spawn(process.execPath, [CLI, 'scan', 'samples/no-such-file.json']);

    assert.equal(child.status, 2);
    assert.match(child.stderr, /no such file or directory: .*no-such-file\.json/);
  });

  void it('prints ten findings for `npm run scan -- samples`, one per file but the digest', () => {
    const result = spawn(NPM, ['run', 'scan', '--', 'samples']);
    const lines = withoutNpmBanner(result.stdout).trimEnd().split('\n');

    assert.equal(result.status, 0, result.stderr);
    assert.equal(lines.at(-1), '10 finding(s) in 36 event(s) of 11 file(s)');
    const files = lines.slice(0, -1).map((l) => l.slice(0, l.indexOf(':')));
    assert.deepEqual(files, [
      'samples/123456789012_CloudTrail_us-east-1_20261120T1045Z_EXAMPLEabcd1234.json.gz',
      'samples/bare-array.json',
      'samples/elasticsearch-hits.json',
      'samples/eventbridge.json',
      'samples/events.jsonl',
      'samples/lake-results.json',
      'samples/lookup-events.json',
      'samples/s3-delivery-one-line.json',
      'samples/s3-delivery-pretty.json',
      'samples/single-event.json',
    ]);
    assert.ok(lines.slice(0, -1).every((l) =>
      /:\d+:\d+: low AWS EC2 Deprecated AMI Discovery: .+ called DescribeImages/.test(l)));
  });
});
