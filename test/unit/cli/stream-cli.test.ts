// The CLI on damaged .json.gz files: a cut file still gives every complete event before the
// cut (what a scan of the text that came through gives), with the cut as a positioned error;
// damaged gzip data is refused as corrupt (never mistaken for a cut, whose text would be
// scanned), straight from the streaming reader.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { constants, gunzipSync, gzipSync } from 'node:zlib';
import { buildRecordsText } from '../../../bench/records-text';
import { scanFileStreamingSync } from '../../../src/cli/stream-scan';
import { LineIndex } from '../../../src/core/positions';
import { decodeBytes } from '../../../src/core/source/decode';
import { SourceDecodeError } from '../../../src/core/source/decode-error';
import { runCli, scratchFolder } from './run-cli';

/** The parts of the CLI's JSON report these tests compare. */
interface Report {
  files: { path: string; layout: string; events: number;
    errors: { message: string; line: number; character: number }[] }[];
  findings: { path: string; ruleId: string; eventIndex: number; range: unknown }[];
}

/** Scans the files as JSON; the exit status, stderr, and the report with base names. */
function scanJson(files: string[]): { status: number; stderr: string; report: Report } {
  const run = runCli(['scan', '--format', 'json', ...files]);
  const report = JSON.parse(run.stdout) as Report;
  for (const item of [...report.files, ...report.findings]) item.path = path.basename(item.path);
  return { status: run.status, stderr: run.stderr, report };
}

/** A pretty-printed {"Records":[...]} text of about 2 MB, one record in 40 flagged. */
function recordsText(seed: number): string {
  return buildRecordsText({ seed, targetBytes: 2_000_000, matchEvery: 40, indent: 2 }).text;
}

void describe('the CLI on a cut .json.gz', () => {
  void it('reports every event before the cut, as a scan of the text that came through', () => {
    const scratch = scratchFolder();
    try {
      const text = recordsText(71);
      const gz = gzipSync(text);
      const cut = gz.subarray(0, Math.floor(gz.length * 0.6));
      // What zlib makes of the cut bytes, independently of the reader under test.
      const prefix = gunzipSync(cut, { finishFlush: constants.Z_SYNC_FLUSH }).toString('utf8');
      writeFileSync(path.join(scratch.dir, 'cut.json.gz'), cut);
      writeFileSync(path.join(scratch.dir, 'prefix.json'), prefix);

      const { status, stderr, report } = scanJson([path.join(scratch.dir, 'cut.json.gz'),
        path.join(scratch.dir, 'prefix.json')]);
      assert.equal(status, 2);
      assert.match(stderr, /cut\.json\.gz: error: cannot read: The gzip data ends too early/);
      assert.ok(text.startsWith(prefix) && prefix.length > 0.5 * text.length);

      // The same events and findings as the prefix read as plain text, plus the cut.
      const [cutFile, prefixFile] = report.files;
      const end = new LineIndex(prefix).positionAt(prefix.length);
      assert.equal(cutFile.path, 'cut.json.gz');
      assert.ok(cutFile.events > 500, `${cutFile.events} events`);
      assert.deepEqual({ ...cutFile, path: '', errors: cutFile.errors.slice(0, -1) },
        { ...prefixFile, path: '' });
      assert.deepEqual(cutFile.errors.at(-1), { line: end.line, character: end.character,
        message: `The gzip data ends too early (after ${Buffer.byteLength(prefix)} decompressed `
          + 'bytes): the file is truncated', severity: 'error' });

      const findings = (name: string) => report.findings.filter((f) => f.path === name)
        .map((f) => ({ ...f, path: '' }));
      assert.ok(findings('cut.json.gz').length > 10);
      assert.deepEqual(findings('cut.json.gz'), findings('prefix.json'));
    } finally {
      scratch.remove();
    }
  });

  void it('lists a file cut in its header, with the cut at its start', () => {
    const scratch = scratchFolder();
    try {
      const file = path.join(scratch.dir, 'header.json.gz');
      writeFileSync(file, gzipSync(recordsText(72)).subarray(0, 9));
      const { status, report } = scanJson([file]);

      assert.equal(status, 2);
      assert.equal(report.files.length, 1);
      assert.equal(report.files[0].events, 0);
      // The text that came through is empty, which is said too, before the cut.
      assert.deepEqual(report.files[0].errors.map((e) => [e.line, e.character]),
        [[0, 0], [0, 0]]);
      assert.match(report.files[0].errors[0].message, /empty/);
      assert.match(report.files[0].errors[1].message, /truncated/);
    } finally {
      scratch.remove();
    }
  });
});

void describe('the CLI on damaged gzip data', () => {
  const gz = gzipSync(recordsText(73));
  /** The bytes with one bit flipped at `at`. */
  const flipped = (at: number, bit: number): Buffer => {
    const bytes = Buffer.from(gz);
    bytes[at] ^= 1 << bit;
    return bytes;
  };

  void it('takes no flipped bit inside the deflate data for a cut', () => {
    for (let i = 0; i < 120; i++) {
      const at = 20 + Math.floor((gz.length - 40) * i / 120);
      assert.throws(() => decodeBytes(flipped(at, i % 8)), (error: unknown) =>
        error instanceof SourceDecodeError && /The gzip data is corrupt/.test(error.message),
      `bit ${i % 8} of byte ${at}`);
    }
  });

  void it('refuses a damaged file, without listing it', () => {
    const scratch = scratchFolder();
    try {
      const file = path.join(scratch.dir, 'damaged.json.gz');
      writeFileSync(file, flipped(gz.length >> 1, 3));
      const { status, stderr, report } = scanJson([file]);

      assert.equal(status, 2);
      assert.match(stderr, /damaged\.json\.gz: error: cannot read: The gzip data is corrupt/);
      assert.deepEqual(report.files, []);
    } finally {
      scratch.remove();
    }
  });

  void it('has the streaming reader throw the fault, rather than read the file again', () => {
    const scratch = scratchFolder();
    try {
      // The text streams to its end; only the trailer's CRC-32 shows the damage.
      const file = path.join(scratch.dir, 'crc.json.gz');
      writeFileSync(file, flipped(gz.length - 7, 0));

      assert.throws(() => scanFileStreamingSync(file, [], {}), (error: unknown) =>
        error instanceof SourceDecodeError && /fails its CRC-32 check/.test(error.message));
    } finally {
      scratch.remove();
    }
  });
});
