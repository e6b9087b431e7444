import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildRecordsText, generateRecordTexts, wrapRecords } from '../../../bench/records-text';
import { locateClean } from '../../../src/core/fast/clean-locate';
import { builtinRules, recordText, textArbitrary, recordArbitrary } from './fixtures';
import { assertSameAsWhole, streamed } from './stream-helpers';

const builtin = builtinRules();

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
