// Measures the .json.gz set inside a child process of its own, file after file as the CLI
// reads it: decompression, the engine's scan and, as the baseline, JSON.parse of the same
// decompressed text; and the peak resident memory while the engine works through the set.
import { readFileSync } from 'node:fs';
import { scanTextFast } from '../src/core/fast';
import type { LoadedRule } from '../src/core/scan';
import { decodeBytes } from '../src/core/source/decode';
import { collectGarbage } from './measure-text';
import { RssSampler } from './rss-sampler';

/** The figures of the whole set. */
export interface GzFigures {
  files: number;
  chars: number;
  events: number;
  findings: number;
  /** Reading and decompressing every file. */
  decompressMs: number;
  /** The engine's scans of the decompressed texts. */
  engineMs: number;
  /** JSON.parse of the same texts. */
  jsonParseMs: number;
  enginePeakRssBytes: number;
}

/** Decompresses and scans each file in turn, then does the same with JSON.parse. */
export async function measureGz(files: readonly string[],
  rules: readonly LoadedRule[]): Promise<GzFigures> {
  const sampler = new RssSampler();
  await sampler.start();
  const figures: GzFigures = { files: files.length, chars: 0, events: 0, findings: 0,
    decompressMs: 0, engineMs: 0, jsonParseMs: 0, enginePeakRssBytes: 0 };

  collectGarbage();
  sampler.reset();
  for (const file of files) {
    let start = performance.now();
    const text = decodeBytes(readFileSync(file)).text;
    figures.decompressMs += performance.now() - start;

    start = performance.now();
    const result = scanTextFast(text, rules);
    figures.engineMs += performance.now() - start;
    figures.chars += text.length;
    figures.events += result.events;
    figures.findings += result.findings.length;
  }
  figures.enginePeakRssBytes = sampler.peak();
  await sampler.stop();

  for (const file of files) {
    const text = decodeBytes(readFileSync(file)).text;
    collectGarbage();
    const start = performance.now();
    JSON.parse(text);
    figures.jsonParseMs += performance.now() - start;
  }
  return figures;
}
