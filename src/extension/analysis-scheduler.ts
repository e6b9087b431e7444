// When to analyse a document, and whether a finished analysis is still wanted. Pure, with an
// injectable clock: immediate runs on open, one throttled run per burst of edits, and a
// generation counter per document so that a result computed for an older state is dropped.

/** The timer functions the scheduler uses (setTimeout and clearTimeout in production). */
export interface SchedulerClock {
  setTimer(callback: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

/** Runs an analysis; `generation` identifies this run for isCurrent. */
export type AnalysisRun = (key: string, generation: number) => void;

export const systemClock: SchedulerClock = {
  setTimer: (callback, ms) => setTimeout(callback, ms),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class AnalysisScheduler {
  private readonly generations = new Map<string, number>();
  private readonly pending = new Map<string, unknown>();
  // one counter for all documents, so that a generation is never reused after a close
  private counter = 0;

  constructor(private readonly run: AnalysisRun, private readonly clock: SchedulerClock,
    private throttleMs: number) {}

  /** Analyses at once (open, visible, forced): cancels a pending run, invalidates older ones. */
  now(key: string): void {
    this.cancelTimer(key);
    this.run(key, this.bump(key));
  }

  /**
   * Asks for an analysis after an edit. The first edit of a burst starts the timer and later
   * edits ride on it (a throttle, not a debounce, so steady typing still gets results); every
   * edit invalidates a run that is still in flight.
   */
  later(key: string): void {
    this.bump(key);
    if (this.pending.has(key)) return;

    const handle = this.clock.setTimer(() => {
      this.pending.delete(key);
      this.run(key, this.bump(key));
    }, this.throttleMs);
    this.pending.set(key, handle);
  }

  /** Forgets a document (closed): no pending run, and any run in flight becomes stale. */
  cancel(key: string): void {
    this.cancelTimer(key);
    this.generations.delete(key);
  }

  /** Starts a run by hand (for asynchronous work such as a read from disk). */
  begin(key: string): number {
    this.cancelTimer(key);
    return this.bump(key);
  }

  /** True while no newer request for the document has been made since `generation`. */
  isCurrent(key: string, generation: number): boolean {
    return this.generations.get(key) === generation;
  }

  /** Whether a throttled run is waiting. */
  isPending(key: string): boolean {
    return this.pending.has(key);
  }

  setThrottle(ms: number): void {
    this.throttleMs = ms;
  }

  /** Stops every pending timer. */
  dispose(): void {
    for (const handle of this.pending.values()) this.clock.clearTimer(handle);
    this.pending.clear();
    this.generations.clear();
  }

  private bump(key: string): number {
    this.counter += 1;
    this.generations.set(key, this.counter);
    return this.counter;
  }

  private cancelTimer(key: string): void {
    const handle = this.pending.get(key);
    if (handle === undefined) return;
    this.clock.clearTimer(handle);
    this.pending.delete(key);
  }
}
