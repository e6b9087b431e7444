// Runs engine entry points on hostile input in a worker thread with a deadline and a heap cap,
// so that a hang or a memory blow-up fails its test instead of stalling or killing the
// suite: a synchronous loop cannot be interrupted in the test's own thread.
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/** Part of a recipe for a text: literal text, or a unit repeated (built in the worker). */
export type Piece = string | { repeat: string; times: number };

/** One entry point called on one input. */
export interface BoundedCase {
  name: string;
  /** The entry point; 'kql' compiles a query and reads its required terms (groups, terms). */
  op: 'scan' | 'locate' | 'parse-map' | 'exceptions' | 'rule' | 'kql';
  text: Piece[];
}

/** What a case reports back: enough to assert on, small enough to send. */
export interface CaseSummary {
  layout: string;
  events: number;
  findings: number;
  problems: string[];
}

/** A finished case: its summary, or the exception that escaped (a contract failure). */
export interface CaseResult {
  summary?: CaseSummary;
  failure?: string;
  ms: number;
}

export type WorkerMessage =
  | { kind: 'start'; name: string }
  | { kind: 'done'; name: string; summary: CaseSummary; ms: number }
  | { kind: 'failed'; name: string; message: string };

export interface Bounds {
  /** Deadline for all the cases together. */
  timeoutMs: number;
  /** Old-generation heap of the worker, in MB. */
  maxHeapMb?: number;
}

/** Runs the cases in order in one worker; rejects if they do not all finish in bounds. */
export function runBounded(cases: readonly BoundedCase[],
  bounds: Bounds): Promise<Map<string, CaseResult>> {
  const boot = 'require("tsx/cjs/api").register(); '
    + `require(${JSON.stringify(path.join(__dirname, 'bounded-worker.ts'))});`;
  const worker = new Worker(boot, { eval: true, workerData: { cases },
    resourceLimits: { maxOldGenerationSizeMb: bounds.maxHeapMb ?? 1024 } });
  const results = new Map<string, CaseResult>();
  let running = '(start-up)';
  let started = performance.now();

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`case "${running}" did not finish within ${bounds.timeoutMs} ms`));
    }, bounds.timeoutMs);

    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'start') {
        running = message.name;
        started = performance.now();
      } else if (message.kind === 'done') {
        results.set(message.name, { summary: message.summary, ms: message.ms });
      } else {
        results.set(message.name, { failure: message.message, ms: performance.now() - started });
      }
    });
    worker.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`case "${running}" took the worker down: ${error.message}`));
    });
    worker.on('exit', () => {
      clearTimeout(timer);
      resolve(results);
    });
  });
}

/** The summary of a case that finished without an escaped exception. */
export function summaryOf(results: Map<string, CaseResult>, name: string): CaseSummary {
  const result = results.get(name);
  if (result === undefined) throw new Error(`case "${name}" did not run`);
  if (result.failure !== undefined) throw new Error(`case "${name}": ${result.failure}`);
  return result.summary as CaseSummary;
}
