// Measures the .json.gz set inside a child process of its own, file after file: the streamed
// scan the CLI can use (src/cli/stream-scan.ts: read, gunzip and scan overlapping, memory
// bounded), the whole-file scan (gunzip to one text, then scanTextFast), and as the baseline
// gunzip plus JSON.parse of the same text; with the peak resident memory of each way.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { placeStreamOutcome, scanFileStreaming } from '../src/cli/stream-scan';
import { scanTextFast } from '../src/core/fast';
import type { LoadedRule } from '../src/core/scan';
import { collectGarbage } from './measure-text';
import { RssSampler } from './rss-sampler';

/** The figures of the whole set. */
export interface GzFigures {
  files: number;
  events: number;
  findings: number;
  /** Files the streamed scan could not stream (they would be scanned whole). */
  notStreamed: number;
  /** Streamed scans of every file: reading, gunzip and scanning together. */
  streamMs: number;
  streamPeakRssBytes: number;
  /** Gunzip of every file to one text (node's zlib), then the text decoded. */
  decompressMs: number;
  /** scanTextFast of each decompressed text (decompression not included). */
  engineMs: number;
  wholePeakRssBytes: number;
  /** JSON.parse of each decompressed text (decompression not included). */
  jsonParseMs: number;
}

/** Measures the three ways over the set, one file at a time. */
export async function measureGz(files: readonly string[],
  rules: readonly LoadedRule[]): Promise<GzFigures> {
  const sampler = new RssSampler();
  await sampler.start();
  const figures: GzFigures = { files: files.length, events: 0, findings: 0, notStreamed: 0,
    streamMs: 0, streamPeakRssBytes: 0, decompressMs: 0, engineMs: 0, wholePeakRssBytes: 0,
    jsonParseMs: 0 };

  collectGarbage();
  sampler.reset();
  for (const file of files) {
    const start = performance.now();
    const outcome = await scanFileStreaming(file, rules, {});
    figures.streamMs += performance.now() - start;
    if (outcome === undefined) {
      figures.notStreamed++;
      continue;
    }
    const placed = placeStreamOutcome(file, outcome);
    figures.events += placed.file.events;
    figures.findings += placed.findings.length;
  }
  figures.streamPeakRssBytes = sampler.peak();

  collectGarbage();
  sampler.reset();
  for (const file of files) {
    let start = performance.now();
    const text = gunzipSync(readFileSync(file)).toString('utf8');
    figures.decompressMs += performance.now() - start;

    // The last file's text goes before the clock starts, as it does for JSON.parse below.
    collectGarbage();
    start = performance.now();
    scanTextFast(text, rules);
    figures.engineMs += performance.now() - start;
  }
  figures.wholePeakRssBytes = sampler.peak();
  await sampler.stop();

  for (const file of files) {
    const text = gunzipSync(readFileSync(file)).toString('utf8');
    collectGarbage();
    const start = performance.now();
    JSON.parse(text);
    figures.jsonParseMs += performance.now() - start;
  }
  return figures;
}
