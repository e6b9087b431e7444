// The benchmark is a product surface (issue: figures other tools can read), so it is run here at
// a twentieth of its size: its --json output must parse, and every figure must come from a scan
// that found exactly the matches the generator planted, with the reference path agreeing.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const BENCH = path.join(ROOT, 'dist/bench.js');

interface TextReport {
  input: { events: number; matches: number };
  events: number;
  findings: number;
  problems: number;
  referenceEqual?: boolean;
  engineVsJsonParse: number;
  engineColdVsJsonParse: number;
  enginePeakRssToFileSize: number;
  editModes: string[];
  editWorstMs: number;
}

void describe('npm run bench -- --json', () => {
  void it('prints one JSON object whose scans found exactly the planted matches', {
    timeout: 180_000,
  }, () => {
    assert.ok(existsSync(BENCH), `${BENCH} is built by npm test before the unit tests`);
    const dir = mkdtempSync(path.join(tmpdir(), 'ctl-bench-'));
    try {
      const child = spawnSync(process.execPath, ['--expose-gc', BENCH, '--scale', '0.05',
        '--json', '--reference', '--no-jq', '--dir', dir], { encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024 });
      assert.equal(child.status, 0, child.stderr);

      const report = JSON.parse(child.stdout) as {
        oneLine: TextReport; pretty: TextReport;
        gzSet: { events: number; findings: number; expectedMatches: number; notStreamed: number;
          cli?: { exitCode: number; findings: number; peakRssBytes: number } };
      };
      for (const text of [report.oneLine, report.pretty]) {
        assert.ok(text.input.matches > 0, 'the generator planted no match at this scale');
        assert.equal(text.events, text.input.events);
        assert.equal(text.findings, text.input.matches);
        assert.equal(text.problems, 0);
        assert.equal(text.referenceEqual, true);
        assert.deepEqual(text.editModes, ['incremental']);
        for (const ratio of [text.engineVsJsonParse, text.engineColdVsJsonParse,
          text.enginePeakRssToFileSize, text.editWorstMs]) {
          assert.ok(Number.isFinite(ratio) && ratio > 0, `not a measured figure: ${ratio}`);
        }
      }

      const gz = report.gzSet;
      assert.equal(gz.findings, gz.expectedMatches);
      assert.equal(gz.notStreamed, 0, 'every generated .json.gz file must stream');
      assert.equal(gz.cli?.exitCode, 0);
      assert.equal(gz.cli?.findings, gz.expectedMatches);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
