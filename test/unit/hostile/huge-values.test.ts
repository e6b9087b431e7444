// One huge value in one record: a string, a key, a number, millions of escapes, a deep nest,
// whitespace runs between tokens. A 40 MB string once took 26 s in the CLI (the streaming
// reader read an unfinished record again for every piece: 10 MB 2.4 s, 20 MB 9 s), and 20 MB
// of escapes 360 MB of heap to parse (a rope node per escape). Each shape is held linear on
// every path by its doubling ratio: the CPU time of a text twice as long, over the time of the
// text, measured in the same process (best of three, in turns), never a wall-clock threshold.
// Linear work gives about 2; quadratic work about 4.
import { describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { StreamScanner } from '../../../src/core/fast';
import { scanText } from '../../../src/core/scan';
import { allRules } from './helpers';

/** Below quadratic (4) with room for a busy machine and the collector; linear is near 2. */
const MAX_RATIO = 3;

/** One shape: the requestParameters of a record, about `n` characters long. */
interface Shape {
  name: string;
  /** Characters of the smaller text: enough for the size-dependent work to dominate. */
  n: number;
  value: (n: number) => string;
}

const MB = 1024 * 1024;

const SHAPES: Shape[] = [
  { name: 'a long string', n: 2 * MB, value: (n) => `{"x":"${'A'.repeat(n)}"}` },
  { name: 'a long key', n: 2 * MB, value: (n) => `{"${'K'.repeat(n)}":1}` },
  { name: 'a long number', n: 2 * MB, value: (n) => `{"x":${'7'.repeat(n)}}` },
  { name: 'a string of \\n escapes', n: 2 * MB,
    value: (n) => `{"x":"${'\\n'.repeat(n / 2)}"}` },
  { name: 'a string of \\u0041 escapes', n: 2 * MB,
    value: (n) => `{"x":"${'\\u0041'.repeat(n / 6)}"}` },
  { name: 'a long string 15 containers deep (within Elasticsearch\'s limit)', n: 2 * MB,
    value: (n) => `{"x":${'[{"a":'.repeat(15)}"${'A'.repeat(n)}"${'}]'.repeat(15)}}` },
  { name: 'objects nested 50,000 levels deep and more', n: MB / 4,
    value: (n) => `${'{"a":'.repeat(n / 5)}1${'}'.repeat(n / 5)}` },
  { name: 'whitespace runs between tokens', n: 2 * MB,
    value: (n) => `{${' '.repeat(n / 4)}"x"${'\n'.repeat(n / 4)}:${'\t'.repeat(n / 4)}1`
      + `${'\r\n'.repeat(n / 8)}}` },
];

/** A record the built-in rule must parse, whose requestParameters are `value`. */
function recordText(value: string): string {
  return '{"eventVersion":"1.08","eventSource":"ec2.amazonaws.com","eventName":"DescribeImages",'
    + `"requestParameters":${value}}`;
}

/** A Records file of that one record. */
function recordsText(value: string): string {
  return `{"Records":[${recordText(value)}]}`;
}

/** The same record as aws cloudtrail lookup-events prints it: escaped inside a string. */
function lookupText(value: string): string {
  return `{"Events":[{"EventId":"1","CloudTrailEvent":${JSON.stringify(recordText(value))}}]}`;
}

/** Ways of reading a text, each as the front ends call it. */
const PATHS: { name: string; run: (text: string) => void }[] = [
  { name: 'scanText', run: (text) => scanText(text, allRules()) },
  { name: 'reference', run: (text) => scanText(text, allRules(), { reference: true }) },
  { name: 'stream', run: (text) => {
    // The CLI's pieces: 32 K characters each.
    const scanner = new StreamScanner(allRules());
    for (let at = 0; at < text.length; at += 32 * 1024) {
      if (!scanner.push(text.slice(at, at + 32 * 1024))) return;
    }
    assert.ok(scanner.end(), 'the text was not streamed');
  } },
];

/** CPU milliseconds of one call. */
function cpuMs(run: () => void): number {
  const started = process.cpuUsage();
  run();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

/** Best-of-three CPU times of `run` on two texts, taken in turns so that drift hits both. */
function doubling(run: (text: string) => void, small: string, large: string):
  { small: number; large: number; ratio: number } {
  run(small);
  let best = { small: Infinity, large: Infinity };
  for (let i = 0; i < 3; i++) {
    best = { small: Math.min(best.small, cpuMs(() => run(small))),
      large: Math.min(best.large, cpuMs(() => run(large))) };
  }
  return { ...best, ratio: best.large / best.small };
}

void describe('one huge value in a record', () => {
  for (const shape of SHAPES) {
    void it(`costs linear time on every path: ${shape.name}`, (t: TestContext) => {
      const texts = [
        { layout: 'records', make: recordsText, paths: PATHS },
        { layout: 'lookup-events', make: lookupText, paths: PATHS.slice(0, 2) },
      ];
      for (const { layout, make, paths } of texts) {
        const small = make(shape.value(shape.n));
        const large = make(shape.value(2 * shape.n));
        assert.deepEqual(scanText(large, allRules()),
          scanText(large, allRules(), { reference: true }));

        for (const path of paths) {
          const measured = doubling(path.run, small, large);
          const where = `${layout}, ${path.name}: ${Math.round(measured.small)} ms, then `
            + `${Math.round(measured.large)} ms (x${measured.ratio.toFixed(2)})`;
          t.diagnostic(where);
          assert.ok(measured.ratio < MAX_RATIO, where);
        }
      }
    });
  }
});
