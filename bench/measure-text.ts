// Measures one text input inside a child process of its own, so that the peak resident memory
// it reports belongs to this input alone: the engine's full scan, JSON.parse of the same text
// (the baseline, timed in the same process), the plain reference path when asked, and the
// re-analysis after one-character edits in the middle of the text.
import { readFileSync } from 'node:fs';
import { IncrementalScanner, scanTextFast } from '../src/core/fast';
import { scanText, type LoadedRule } from '../src/core/scan';
import type { ScanResult } from '../src/core/types';
import { RssSampler } from './rss-sampler';

/** Timed runs of each whole-text measurement; the median is reported. */
const RUNS = 3;
/** One-character edits made in the middle of the text; median and worst are reported. */
const EDITS = 5;

/** The figures of one text input. */
export interface TextFigures {
  chars: number;
  events: number;
  findings: number;
  problems: number;
  engineMs: number;
  jsonParseMs: number;
  referenceMs?: number;
  referenceEqual?: boolean;
  /** Resident memory after reading the text, before scanning. */
  loadedRssBytes: number;
  /** Highest resident memory sampled while the engine scanned. */
  enginePeakRssBytes: number;
  /** The process's high-water mark (process.resourceUsage) after reading and scanning. */
  processPeakRssBytes: number;
  editMedianMs: number;
  editWorstMs: number;
  /** How the edits were handled ('incremental' unless one fell back to a full scan). */
  editModes: string[];
}

/** Runs the measurements on one file. */
export async function measureText(file: string, rules: readonly LoadedRule[],
  withReference: boolean): Promise<TextFigures> {
  const sampler = new RssSampler();
  await sampler.start();
  const text = readFileSync(file, 'utf8');
  collectGarbage();
  const loadedRssBytes = process.memoryUsage.rss();

  // The engine first, so that the memory high-water mark is the engine's, not JSON.parse's.
  let result: ScanResult | undefined;
  sampler.reset();
  const engineMs = median(RUNS, () => { result = scanTextFast(text, rules); });
  const enginePeakRssBytes = sampler.peak();
  const processPeakRssBytes = process.resourceUsage().maxRSS * 1024;
  await sampler.stop();
  const scan = result as ScanResult;

  const edits = measureEdits(text, rules);
  const jsonParseMs = median(RUNS, () => JSON.parse(text));

  const figures: TextFigures = {
    chars: text.length, events: scan.events, findings: scan.findings.length,
    problems: scan.problems.length, engineMs, jsonParseMs, loadedRssBytes,
    enginePeakRssBytes, processPeakRssBytes, ...edits,
  };
  if (withReference) {
    let reference: ScanResult | undefined;
    figures.referenceMs = median(1, () => { reference = scanText(text, rules,
      { reference: true }); });
    figures.referenceEqual = JSON.stringify(reference) === JSON.stringify(scan);
  }
  return figures;
}

/** Inserts one character into string values near the middle, one edit after another. */
function measureEdits(text: string, rules: readonly LoadedRule[]):
  Pick<TextFigures, 'editMedianMs' | 'editWorstMs' | 'editModes'> {
  const scanner = new IncrementalScanner(rules);
  scanner.scanFull(text);

  const times: number[] = [];
  const modes: string[] = [];
  let current = text;
  let from = current.length >> 1;
  for (let i = 0; i < EDITS; i++) {
    const at = current.indexOf('"userAgent":', from);
    const offset = current.indexOf('"', at + 12) + 1;
    const next = current.slice(0, offset) + 'x' + current.slice(offset);
    // An editor hands over a flat string; make this one flat before the clock starts.
    void next.indexOf('\u0000');

    const start = performance.now();
    scanner.applyEdit(next, { offset, removed: 0, inserted: 1 });
    times.push(performance.now() - start);
    modes.push(scanner.lastStats.mode);
    current = next;
    from = offset + 1000;
  }

  const sorted = [...times].sort((a, b) => a - b);
  return { editMedianMs: sorted[sorted.length >> 1], editWorstMs: sorted[sorted.length - 1],
    editModes: [...new Set(modes)] };
}

/** The median duration of `runs` calls, in milliseconds. */
export function median(runs: number, run: () => unknown): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    collectGarbage();
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[times.length >> 1];
}

/** Runs the garbage collector when node was started with --expose-gc. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc !== undefined) gc();
}
