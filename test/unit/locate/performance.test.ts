// Locating must cost well under parsing: a generated one-line Records file (real Permiso events
// with fresh eventIDs) is located and parsed a few times; the best times are compared.
import { describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { detectLayout } from '../../../src/core/layout';
import { locateEvents } from '../../../src/core/locate';
import { CORPUS } from './helpers';

const TARGET_SIZE = 20_000_000;

/** A one-line {"Records":[...]} text of about `size` characters, and its event count. */
function generate(size: number): { text: string; count: number } {
  const source = readFileSync(path.join(CORPUS, 'permiso_session-1c719693_InputEvents.json'),
    'utf8');
  const events = JSON.parse(source) as { [key: string]: unknown }[];
  const parts: string[] = [];
  let length = 0;
  while (length < size) {
    const event = { ...events[parts.length % events.length], eventID: `id-${parts.length}` };
    parts.push(JSON.stringify(event));
    length += parts[parts.length - 1].length + 1;
  }
  return { text: `{"Records":[${parts.join(',')}]}`, count: parts.length };
}

/** The best CPU time of a few runs, in milliseconds. */
function bestTime(run: () => void, runs: number): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const started = process.cpuUsage();
    run();
    const used = process.cpuUsage(started);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

void describe('locate performance', () => {
  void it('locates a 20 MB one-line Records file in well under the time JSON.parse takes',
    (t: TestContext) => {
      const { text, count } = generate(TARGET_SIZE);

      let located = 0;
      const locate = bestTime(() => { located = locateEvents(text).events.length; }, 5);
      const parse = bestTime(() => { JSON.parse(text); }, 3);
      const detect = bestTime(() => detectLayout(text), 20);
      t.diagnostic(`${(text.length / 1e6).toFixed(1)} MB, ${count} events: locate `
        + `${locate.toFixed(1)} ms, JSON.parse ${parse.toFixed(1)} ms, ratio `
        + `${(locate / parse).toFixed(2)}; detectLayout ${(detect * 1000).toFixed(0)} µs`);

      assert.equal(located, count);
      assert.ok(locate < parse * 0.75, `locate ${locate} ms, parse ${parse} ms`);
    });
});
