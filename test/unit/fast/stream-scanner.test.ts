import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildRecordsText, generateRecordTexts, wrapRecords } from '../../../bench/records-text';
import { StreamScanner } from '../../../src/core/fast';
import { locateClean } from '../../../src/core/fast/clean-locate';
import { LineIndex } from '../../../src/core/positions';
import { scanText, type LoadedRule } from '../../../src/core/scan';
import { builtinRules, recordText, textArbitrary, recordArbitrary } from './fixtures';

const builtin = builtinRules();

/** Feeds the text in pieces of the given sizes (cycled); the outcome, or undefined. */
function streamed(text: string, rules: readonly LoadedRule[], sizes: readonly number[],
  step?: number) {
  const scanner = new StreamScanner(rules, {}, step);
  let at = 0;
  for (let i = 0; at < text.length; i++) {
    const size = Math.max(1, sizes[i % sizes.length]);
    if (!scanner.push(text.slice(at, at + size))) return undefined;
    at += size;
  }
  return scanner.end();
}

/** Checks a streamed outcome against a whole-text scan, positions included. */
function assertSameAsWhole(text: string, rules: readonly LoadedRule[],
  outcome: ReturnType<typeof streamed>): void {
  assert.ok(outcome);
  assert.equal(outcome.characters, text.length);
  assert.deepEqual(outcome.result, scanText(text, rules, { reference: true }));

  const lines = new LineIndex(text);
  for (const finding of outcome.result.findings) {
    assert.deepEqual(outcome.positionAt(finding.span.start), lines.positionAt(finding.span.start));
    assert.deepEqual(outcome.positionAt(finding.span.end), lines.positionAt(finding.span.end));
  }
  for (const problem of outcome.result.problems) {
    assert.deepEqual(outcome.positionAt(problem.offset), lines.positionAt(problem.offset));
  }
}

void describe('StreamScanner', () => {
  void it('gives the whole-text result for a large one-line file read in many passes', () => {
    const { text, matching } = buildRecordsText({ seed: 21, targetBytes: 1_600_000,
      matchEvery: 60 });
    const outcome = streamed(text, builtin, [65_536, 1, 100_003], 200_000);

    assert.equal(outcome?.result.findings.length, matching.length);
    assertSameAsWhole(text, builtin, outcome);
  });

  void it('gives the whole-text result and positions for a pretty-printed file', () => {
    const { text } = buildRecordsText({ seed: 22, targetBytes: 1_400_000, matchEvery: 40,
      indent: 2 });
    assertSameAsWhole(text, builtin, streamed(text, builtin, [77_777], 150_000));
  });

  void it('gives the whole-text result for JSON Lines', () => {
    const { records } = generateRecordTexts({ seed: 23, targetBytes: 1_200_000,
      matchEvery: 50 });
    const text = wrapRecords(records, 'lines');
    assertSameAsWhole(text, builtin, streamed(text, builtin, [50_000], 100_000));
  });

  void it('declines what it cannot stream, and streams nothing but exact results', () => {
    fc.assert(fc.property(textArbitrary, fc.array(fc.integer({ min: 1, max: 400 }),
      { minLength: 1, maxLength: 4 }), (text, sizes) => {
      const outcome = streamed(text, builtin, sizes, 256);
      if (outcome !== undefined) assertSameAsWhole(text, builtin, outcome);
    }), { numRuns: 200, seed: 77 });
  });

  void it('streams random records with their problems and notes whenever they are clean', () => {
    fc.assert(fc.property(fc.array(recordArbitrary, { minLength: 1, maxLength: 15 }),
      fc.integer({ min: 1, max: 300 }), (records, size) => {
        const text = wrapRecords(records.map((r) => recordText(r)), 'records');
        const outcome = streamed(text, builtin, [size], 200);

        assert.equal(outcome === undefined, locateClean(text, 'records') === undefined);
        if (outcome !== undefined) assertSameAsWhole(text, builtin, outcome);
      }), { numRuns: 150 });
  });

  void it('declines a layout it does not stream and a damaged list', () => {
    const { records } = generateRecordTexts({ seed: 24, targetBytes: 5_000 });
    assert.equal(streamed(wrapRecords(records, 'lookup-events'), builtin, [100]), undefined);
    assert.equal(streamed(wrapRecords(records, 'records').replace('},{', '},,{'), builtin,
      [100]), undefined);
    assert.equal(streamed(wrapRecords(records, 'records').slice(0, -2), builtin, [100]),
      undefined);
  });
});
