// Benchmark (not a test): records parsed and mapped per second, on the reference fixtures.
// Run with: node --import tsx test/unit/ecs/map-record.bench.ts
import { parseJson } from '../../../src/core/json/parse-json';
import { mapRecord } from '../../../src/core/ecs/map-record';
import { loadFixtures } from './fixtures';

const lines = loadFixtures().flatMap((fixture) => fixture.events)
  .map((event) => event.raw_line).filter((line) => line.trim() !== '');
const rounds = 20_000;

// CPU time of fn in milliseconds (less disturbed by other processes than wall time).
function cpu(fn: () => void): number {
  const started = process.cpuUsage();
  fn();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1e3;
}

const parseOnly = cpu(() => {
  for (let i = 0; i < rounds; i++) parseJson(lines[i % lines.length]);
});
const parseAndMap = cpu(() => {
  for (let i = 0; i < rounds; i++) mapRecord(parseJson(lines[i % lines.length]));
});
const native = cpu(() => {
  for (let i = 0; i < rounds; i++) JSON.parse(lines[i % lines.length]);
});
const perSecond = (ms: number): string => Math.round(rounds / ms * 1000).toLocaleString('en');
console.log(`JSON.parse:          ${perSecond(native)} records/s`);
console.log(`parseJson:           ${perSecond(parseOnly)} records/s`);
console.log(`parseJson+mapRecord: ${perSecond(parseAndMap)} records/s`);
