// Measures one text input inside a child process of its own, so that the peak resident memory
// it reports belongs to this input alone: the engine's full scan, JSON.parse of the same text
// (the baseline, timed in the same process), the plain reference path when asked, and the
// re-analysis after one-character edits in the middle of the text.
import { readFileSync } from 'node:fs';
import { IncrementalScanner, scanTextFast } from '../src/core/fast';
import { scanText, type LoadedRule } from '../src/core/scan';
import { RssSampler } from './rss-sampler';

/**
 * After the first, cold engine run: blocks of engine runs and of JSON.parse runs, in turns
 * (engine block, JSON.parse block, engine block, ...), so that a busy machine slows both
 * alike; medians are reported. Each engine block starts with an untimed run: the first run
 * after a full garbage collection is slower in V8, which would favour JSON.parse.
 */
const BLOCKS = 2;
const RUNS_PER_BLOCK = 3;
/** One-character edits made in the middle of the text; median and worst are reported. */
const EDITS = 5;

/** The figures of one text input. */
export interface TextFigures {
  chars: number;
  events: number;
  findings: number;
  problems: number;
  /** Events the fast path parsed and evaluated (the rest were skipped unread). */
  evaluated: number;
  /** The first scan in a fresh process: includes compiling the engine's code. */
  engineColdMs: number;
  /** Median of the later scans. */
  engineMs: number;
  jsonParseMs: number;
  referenceMs?: number;
  referenceEqual?: boolean;
  /** Resident memory after reading the text, before scanning. */
  loadedRssBytes: number;
  /** Highest resident memory sampled during the first scan (before any JSON.parse). */
  enginePeakRssBytes: number;
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

  // The cold scan first, alone, so that the memory peak is the engine's and not JSON.parse's.
  sampler.reset();
  let start = performance.now();
  const scan = scanTextFast(text, rules);
  const engineColdMs = performance.now() - start;
  const enginePeakRssBytes = sampler.peak();
  await sampler.stop();

  const engine: number[] = [];
  const parse: number[] = [];
  for (let block = 0; block < BLOCKS; block++) {
    scanTextFast(text, rules);
    for (let run = 0; run < RUNS_PER_BLOCK; run++) {
      start = performance.now();
      scanTextFast(text, rules);
      engine.push(performance.now() - start);
    }

    // JSON.parse leaves hundreds of megabytes behind: collected before the engine runs again.
    for (let run = 0; run < RUNS_PER_BLOCK; run++) {
      start = performance.now();
      JSON.parse(text);
      parse.push(performance.now() - start);
    }
    collectGarbage();
    await settle();
  }

  const figures: TextFigures = {
    chars: text.length, events: scan.events, findings: scan.findings.length,
    problems: scan.problems.length, evaluated: evaluatedEvents(text, rules), engineColdMs,
    engineMs: median(engine), jsonParseMs: median(parse), loadedRssBytes, enginePeakRssBytes,
    ...measureEdits(text, rules),
  };
  if (withReference) {
    collectGarbage();
    start = performance.now();
    const reference = scanText(text, rules, { reference: true });
    figures.referenceMs = performance.now() - start;
    figures.referenceEqual = JSON.stringify(reference) === JSON.stringify(scan);
  }
  return figures;
}

/** How many events the fast path parses in this text. */
function evaluatedEvents(text: string, rules: readonly LoadedRule[]): number {
  const scanner = new IncrementalScanner(rules);
  scanner.scanFull(text);
  return scanner.lastStats.evaluated;
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

  return { editMedianMs: median(times), editWorstMs: Math.max(...times),
    editModes: [...new Set(modes)] };
}

/** The median of some durations. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Lets background work of the garbage collector finish before the next timing. */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 300));
}

/** Runs the garbage collector when node was started with --expose-gc. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc !== undefined) gc();
}
