// The CLI's directory walk and the editor's workspace scan read the same file names: JSON,
// JSON Lines and NDJSON, each also gzip-compressed; nothing else.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { expandPaths } from '../../../src/cli/walk';
import { isScannedName, SCANNED_NAMES_GLOB } from '../../../src/core/source/scanned-names';
import { selectScanFiles } from '../../../src/extension/workspace-scan-plan';
import { inScratch, runCli } from './run-cli';

const PICKED = ['a.json', 'b.JSONL', 'c.ndjson', 'd.json.gz', 'e.jsonl.gz', 'f.NDJSON.GZ'];
const LEFT = ['g.txt', 'h.gz', 'i.json.bak', 'j.jsonl.zip', 'k.log', 'json'];

void describe('the file names a folder scan reads', () => {
  void it('are the same for the walk, the workspace scan and the glob', () => {
    const all = [...PICKED, ...LEFT];

    assert.deepEqual(all.filter(isScannedName), PICKED);
    const selected = selectScanFiles(all.map((name) => ({ path: `/ws/${name}`,
      uri: `file:///ws/${name}` })), 100).files.map((f) => f.path);
    assert.deepEqual([...selected].sort(), PICKED.map((name) => `/ws/${name}`).sort());
    assert.equal(SCANNED_NAMES_GLOB, '**/*.{json,json.gz,jsonl,jsonl.gz,ndjson,ndjson.gz}');
  });

  void it('include a compressed JSON Lines file found in a folder, which is scanned', () => {
    inScratch((dir) => {
      const record = { eventVersion: '1.08', eventSource: 'ec2.amazonaws.com',
        eventName: 'DescribeImages', requestParameters: { includeDeprecated: true,
          ownersSet: { items: [{ owner: 'self' }] } } };
      writeFileSync(path.join(dir, 'events.jsonl.gz'),
        gzipSync(`${JSON.stringify(record)}\n`));

      assert.deepEqual(expandPaths([dir]), [path.join(dir, 'events.jsonl.gz')]);
      const run = runCli(['scan', dir]);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /events\.jsonl\.gz:1:\d+: low AWS EC2 Deprecated AMI Discovery/);
    });
  });
});
