// Samples the process's resident memory from a worker thread every few milliseconds, so that
// the peak of a synchronous phase (the main thread busy scanning) can be read afterwards.
// process.resourceUsage().maxRSS only ever grows, so it cannot isolate one phase.
import { Worker } from 'node:worker_threads';

const SAMPLER = `
const { parentPort, workerData } = require('node:worker_threads');
const peak = new Float64Array(workerData);
const sample = () => { const rss = process.memoryUsage.rss(); if (rss > peak[0]) peak[0] = rss; };
setInterval(sample, 2);
parentPort.postMessage('ready');
`;

/** A running sampler; call reset() before a phase and peak() after it. */
export class RssSampler {
  private readonly shared = new SharedArrayBuffer(8);
  private readonly peakView = new Float64Array(this.shared);
  private worker: Worker | undefined;

  /** Starts the sampling thread and waits until it samples. */
  async start(): Promise<void> {
    const worker = new Worker(SAMPLER, { eval: true, workerData: this.shared });
    this.worker = worker;
    await new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
    });
  }

  /** Forgets the peak so far (the current resident size becomes the floor). */
  reset(): void {
    this.peakView[0] = process.memoryUsage.rss();
  }

  /** The highest resident size sampled since the last reset, in bytes. */
  peak(): number {
    return Math.max(this.peakView[0], process.memoryUsage.rss());
  }

  async stop(): Promise<void> {
    await this.worker?.terminate();
  }
}
