import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildRecordsText, generateRecordTexts, wrapRecords } from '../../../bench/records-text';
import {
  placeStreamOutcome, scanFileStreaming, scanFileStreamingSync,
} from '../../../src/cli/stream-scan';
import { placeScanResult } from '../../../src/core/report';
import { scanText } from '../../../src/core/scan';
import { decodeBytes } from '../../../src/core/source/decode';
import { builtinRules, corpusTexts } from './fixtures';

const builtin = builtinRules();
const CORPUS = path.resolve(__dirname, '../../../../shared/corpus');

/** The report entries of a whole-file scan, as the CLI makes them today. */
function placedWhole(file: string) {
  const text = decodeBytes(readFileSync(file)).text;
  return placeScanResult(file, text, scanText(text, builtin, { reference: true }));
}

/** Streams a file both ways (async, and sync as the CLI does); the two must agree. */
async function streamBoth(file: string): ReturnType<typeof scanFileStreaming> {
  const streamed = await scanFileStreaming(file, builtin, {});
  const streamedSync = scanFileStreamingSync(file, builtin, {});
  assert.deepEqual(streamedSync && placeStreamOutcome(file, streamedSync),
    streamed && placeStreamOutcome(file, streamed));
  return streamed;
}

void describe('scanFileStreaming', () => {
  void it('places a streamed .json.gz exactly as a whole-file scan places it', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'ctl-stream-'));
    try {
      const { text, matching } = buildRecordsText({ seed: 31, targetBytes: 1_500_000,
        matchEvery: 70, indent: 2 });
      const file = path.join(folder, 'pretty.json.gz');
      // Two gzip members, as `cat a.gz b.gz` makes them.
      const cut = text.length >> 1;
      writeFileSync(file, Buffer.concat([gzipSync(text.slice(0, cut)), gzipSync(text.slice(cut))]));

      const outcome = await streamBoth(file);
      assert.ok(outcome);
      const placed = placeStreamOutcome(file, outcome);

      assert.equal(placed.findings.length, matching.length);
      assert.deepEqual(placed, placedWhole(file));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  void it('streams the corpus .json.gz and declines what is not a plain list of records',
    async () => {
      const gz = corpusTexts().map(([name]) => name).filter((name) => name.endsWith('.gz'));
      for (const name of gz) {
        const file = path.join(CORPUS, name);
        const outcome = await streamBoth(file);
        assert.ok(outcome, name);
        assert.deepEqual(placeStreamOutcome(file, outcome), placedWhole(file));
      }

      const lookup = path.join(CORPUS, 'awscli-example_lookup-events_output.json');
      assert.equal(await streamBoth(lookup), undefined);
    });

  void it('declines a damaged gzip file, leaving it to the whole-file reader', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'ctl-stream-'));
    try {
      const { records } = generateRecordTexts({ seed: 32, targetBytes: 20_000 });
      const bytes = gzipSync(wrapRecords(records, 'records'));
      const file = path.join(folder, 'cut.json.gz');
      writeFileSync(file, bytes.subarray(0, bytes.length >> 1));

      assert.equal(await streamBoth(file), undefined);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
