import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AnalysisScheduler, type SchedulerClock } from '../../../src/extension/analysis-scheduler';

/** A clock whose time moves only when the test says so. */
class FakeClock implements SchedulerClock {
  now = 0;
  private timers: { at: number; callback: () => void; id: number }[] = [];
  private next = 1;

  setTimer(callback: () => void, ms: number): unknown {
    const id = this.next++;
    this.timers.push({ at: this.now + ms, callback, id });
    return id;
  }

  clearTimer(handle: unknown): void {
    this.timers = this.timers.filter((timer) => timer.id !== handle);
  }

  advance(ms: number): void {
    this.now += ms;
    const due = this.timers.filter((timer) => timer.at <= this.now);
    this.timers = this.timers.filter((timer) => timer.at > this.now);
    for (const timer of due) timer.callback();
  }

  get pending(): number {
    return this.timers.length;
  }
}

function setup(throttleMs = 400) {
  const clock = new FakeClock();
  const runs: { key: string; generation: number; at: number }[] = [];
  const scheduler = new AnalysisScheduler((key, generation) =>
    runs.push({ key, generation, at: clock.now }), clock, throttleMs);
  return { clock, runs, scheduler };
}

void describe('AnalysisScheduler', () => {
  void it('runs at once on open', () => {
    const { runs, scheduler } = setup();

    scheduler.now('a');

    assert.equal(runs.length, 1);
    assert.equal(runs[0].at, 0);
    assert.ok(scheduler.isCurrent('a', runs[0].generation));
  });

  void it('runs once per throttle window however many edits arrive', () => {
    const { clock, runs, scheduler } = setup(400);

    for (let t = 0; t < 390; t += 30) {
      scheduler.later('a');
      clock.advance(30);
    }
    clock.advance(10);

    assert.deepEqual(runs.map((r) => r.at), [400]);
  });

  void it('keeps producing results while typing goes on (a throttle, not a debounce)', () => {
    const { clock, runs, scheduler } = setup(400);

    // an edit every 50 ms, from 0 to 1150 ms
    for (let t = 0; t < 1200; t += 50) {
      scheduler.later('a');
      clock.advance(50);
    }

    assert.deepEqual(runs.map((r) => r.at), [400, 800, 1200]);
    assert.equal(scheduler.isPending('a'), false);
  });

  void it('marks a run stale as soon as the document is edited again', () => {
    const { runs, scheduler } = setup();
    scheduler.now('a');
    const started = runs[0].generation;

    scheduler.later('a');

    assert.equal(scheduler.isCurrent('a', started), false);
  });

  void it('replaces a pending throttled run by an immediate one', () => {
    const { clock, runs, scheduler } = setup(400);
    scheduler.later('a');

    scheduler.now('a');
    clock.advance(1000);

    assert.equal(runs.length, 1);
    assert.equal(clock.pending, 0);
  });

  void it('forgets a closed document: no pending run, and older runs stay stale on reopen', () => {
    const { clock, runs, scheduler } = setup(400);
    scheduler.now('a');
    const beforeClose = runs[0].generation;
    scheduler.later('a');

    scheduler.cancel('a');
    clock.advance(1000);
    scheduler.now('a');

    assert.equal(runs.length, 2);
    assert.equal(scheduler.isCurrent('a', beforeClose), false);
    assert.ok(scheduler.isCurrent('a', runs[1].generation));
  });

  void it('keeps documents apart', () => {
    const { clock, runs, scheduler } = setup(400);

    scheduler.later('a');
    clock.advance(200);
    scheduler.later('b');
    clock.advance(200);

    assert.deepEqual(runs.map((r) => [r.key, r.at]), [['a', 400]]);
    clock.advance(200);
    assert.deepEqual(runs.map((r) => [r.key, r.at]), [['a', 400], ['b', 600]]);
    assert.ok(scheduler.isCurrent('a', runs[0].generation));
  });

  void it('hands out a generation by hand for asynchronous work and invalidates it on edit', () => {
    const { scheduler } = setup();

    const generation = scheduler.begin('file');
    assert.ok(scheduler.isCurrent('file', generation));
    scheduler.begin('file');

    assert.equal(scheduler.isCurrent('file', generation), false);
  });

  void it('uses a changed throttle delay for the next window', () => {
    const { clock, runs, scheduler } = setup(400);

    scheduler.setThrottle(100);
    scheduler.later('a');
    clock.advance(100);

    assert.deepEqual(runs.map((r) => r.at), [100]);
  });

  void it('clears every timer on dispose', () => {
    const { clock, runs, scheduler } = setup();
    scheduler.later('a');
    scheduler.later('b');

    scheduler.dispose();
    clock.advance(5000);

    assert.equal(runs.length, 0);
    assert.equal(clock.pending, 0);
  });
});
