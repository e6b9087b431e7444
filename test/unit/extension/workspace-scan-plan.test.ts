import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  MAX_SCAN_FILES, describeScanOutcome, progressIncrement, selectScanFiles, type ScanCandidate,
} from '../../../src/extension/workspace-scan-plan';

const at = (path: string, root = 'file://'): ScanCandidate => ({ uri: `${root}${path}`, path });

void describe('selectScanFiles', () => {
  void it('keeps JSON, JSON Lines, NDJSON and .json.gz files, in path order', () => {
    const actual = selectScanFiles([
      at('/ws/logs/b.json'), at('/ws/logs/a.ndjson'), at('/ws/logs/2026/11/x.json.gz'),
      at('/ws/logs/events.jsonl'), at('/ws/logs/readme.md'), at('/ws/logs/archive.gz'),
      at('/ws/logs/UPPER.JSON'),
    ]);

    assert.deepEqual(actual.files.map((f) => f.path), [
      '/ws/logs/2026/11/x.json.gz', '/ws/logs/UPPER.JSON', '/ws/logs/a.ndjson',
      '/ws/logs/b.json', '/ws/logs/events.jsonl',
    ]);
    assert.equal(actual.truncated, false);
  });

  void it('never reads the exceptions file, node_modules or .git', () => {
    const actual = selectScanFiles([
      at('/ws/.cloudtrail-lens/exceptions.json'), at('/ws/node_modules/pkg/package.json'),
      at('/ws/sub/node_modules/x/events.json'), at('/ws/.git/info/x.json'),
      at('/ws/.cloudtrail-lens/notes.json'), at('/ws/trail.json'),
    ]);

    assert.deepEqual(actual.files.map((f) => f.path),
      ['/ws/.cloudtrail-lens/notes.json', '/ws/trail.json']);
  });

  void it('lists a URI once, and the same path under two roots twice, by URI', () => {
    const actual = selectScanFiles([
      at('/ws/a.json', 'vscode-vfs://b'), at('/ws/a.json'), at('/ws/a.json', 'vscode-vfs://b'),
    ]);

    assert.deepEqual(actual.files.map((f) => f.uri),
      ['file:///ws/a.json', 'vscode-vfs://b/ws/a.json']);
  });

  void it('stops at the limit and says so', () => {
    const found = Array.from({ length: 5 }, (_, i) => at(`/ws/${4 - i}.json`));

    const actual = selectScanFiles(found, 3);

    assert.deepEqual(actual.files.map((f) => f.path), ['/ws/0.json', '/ws/1.json', '/ws/2.json']);
    assert.equal(actual.truncated, true);
    assert.ok(MAX_SCAN_FILES >= 10_000);
  });

  void it('flags a search that returned exactly the limit, since it may have found more', () => {
    assert.equal(selectScanFiles([at('/a.json'), at('/b.txt')], 2).truncated, true);
    assert.equal(selectScanFiles([at('/a.json')], 2).truncated, false);
  });
});

void describe('progressIncrement', () => {
  void it('adds up to 100 over the files of a scan', () => {
    for (const total of [1, 3, 7, 400]) {
      const sum = Array.from({ length: total }, () => progressIncrement(total))
        .reduce((a, b) => a + b, 0);
      assert.ok(Math.abs(sum - 100) < 1e-9, `${total}: ${sum}`);
    }
    assert.equal(progressIncrement(0), 100);
  });
});

void describe('describeScanOutcome', () => {
  const outcome = { candidates: 12, scanned: 10, skipped: 1, unreadable: 0, events: 36,
    findings: 9, suppressed: 1, cancelled: false, truncated: false };

  void it('says what was found in how many files, in words that agree with the numbers', () => {
    assert.equal(describeScanOutcome(outcome), 'CloudTrail Lens: 9 findings and 1 suppressed ' +
      'in 10 CloudTrail files (36 events; 1 other file skipped).');
    assert.equal(describeScanOutcome({ ...outcome, findings: 1, scanned: 1, events: 1,
      skipped: 2, unreadable: 1 }), 'CloudTrail Lens: 1 finding and 1 suppressed in ' +
      '1 CloudTrail file (1 event; 2 other files skipped, 1 file could not be read).');
  });

  void it('says when the scan was cancelled or stopped at the limit', () => {
    assert.match(describeScanOutcome({ ...outcome, cancelled: true }),
      /\. Cancelled: the view shows the files scanned so far\.$/);
    assert.match(describeScanOutcome({ ...outcome, truncated: true }),
      /\. Stopped at 20000 files\.$/);
  });
});
