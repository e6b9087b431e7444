// Benchmark (not a test): parseJson against JSON.parse on a large CloudTrail-like file built
// from the reference fixtures. Run with
//   node --import tsx test/unit/json/parse-json.bench.ts [megabytes]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseJson } from '../../../src/core/json/parse-json';

const FIXTURES = path.resolve(__dirname, '../../../../shared/reference/fixtures');

// Builds a {"Records":[...]} text of about `megabytes` MB from the fixture records.
function buildRecordsText(megabytes: number): string {
  const lines: string[] = [];
  for (const file of fs.readdirSync(FIXTURES)) {
    const fixture = JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8')) as
      { events: { raw_line: string }[] };
    for (const event of fixture.events) {
      if (event.raw_line.trim() !== '') lines.push(event.raw_line);
    }
  }
  const records: string[] = [];
  let size = 0;
  for (let i = 0; size < megabytes * 1e6; i++) {
    const record = lines[i % lines.length].replace(/"eventID":"[^"]*"/, `"eventID":"id-${i}"`);
    records.push(record);
    size += record.length + 1;
  }
  return `{"Records":[\n${records.join(',\n')}\n]}`;
}

// The [start, end) offsets of every record line in the text built above.
function recordSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  let start = text.indexOf('\n') + 1;
  while (start > 0 && start < text.length - 3) {
    const end = text.indexOf('\n', start);
    if (end < 0) break;
    const stop = text.charCodeAt(end - 1) === 0x2c ? end - 1 : end;
    spans.push([start, stop]);
    start = end + 1;
  }
  return spans;
}

// Median CPU time (user + system) of `runs` calls of fn, in milliseconds: CPU time rather than
// wall time, so that other processes on a busy machine disturb the figures less.
function time(fn: () => unknown, runs: number): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.cpuUsage();
    fn();
    const used = process.cpuUsage(started);
    samples.push((used.user + used.system) / 1e3);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

const megabytes = Number(process.argv[2] ?? '50');
const text = buildRecordsText(megabytes);
time(() => JSON.parse(text), 2);
time(() => parseJson(text), 2);
const native = time(() => JSON.parse(text), 5);
const ours = time(() => parseJson(text), 5);
console.log(`text: ${(text.length / 1e6).toFixed(1)} M UTF-16 units`);
const rate = (ms: number): string => (text.length / 1e3 / ms).toFixed(0);
console.log(`JSON.parse: ${native.toFixed(0)} ms (${rate(native)} M units/s)`);
console.log(`parseJson:  ${ours.toFixed(0)} ms (${rate(ours)} M units/s)`);
console.log(`ratio parseJson / JSON.parse: ${(ours / native).toFixed(2)}`);

// The scan parses one record at a time and drops its tree: measure that too.
const spans = recordSpans(text);
const nativeEach = time(() => {
  for (const [start, end] of spans) JSON.parse(text.slice(start, end));
}, 5);
const oursEach = time(() => {
  for (const [start, end] of spans) parseJson(text, start, end);
}, 5);
console.log(`per record (${spans.length}): JSON.parse ${nativeEach.toFixed(0)} ms, ` +
  `parseJson ${oursEach.toFixed(0)} ms, ratio ${(oursEach / nativeEach).toFixed(2)}`);
