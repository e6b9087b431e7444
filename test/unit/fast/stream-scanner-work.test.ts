// StreamScanner's cost stays linear in the text whatever arrives in what pieces: long records,
// long strings and long runs of whitespace are not read again for every piece. The scanner
// counts the characters it reads and copies, so these tests hold the work to a small multiple
// of the text's length instead of timing it; each case would take tens of times the text on
// a scanner that re-read an unfinished record (or the whitespace before it) for every piece.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  generateRecordTexts, wrapRecords, type GeneratedLayout,
} from '../../../bench/records-text';
import { builtinRules } from './fixtures';
import { assertSameAsWhole, streamText, type Streamed } from './stream-helpers';

const builtin = builtinRules();
const MB = 1024 * 1024;
/** The scanner's default step: text gathered between two reading passes. */
const STEP = 32 * 1024;
/** The scanner gathers this much before it decides the layout. */
const HEAD = MB + 1;

/** A few generated records, one in three of them flagged by the built-in pack. */
function someRecords(seed: number, count = 12): string[] {
  return generateRecordTexts({ seed, targetBytes: 0, count, matchEvery: 3 }).records;
}

/** A record flagged by the built-in pack whose userAgent is `length` characters long. */
function longRecord(seed: number, length: number, fill = 'x'): string {
  const [, flagged] = someRecords(seed, 3);
  const record = JSON.parse(flagged) as { [key: string]: unknown };
  return JSON.stringify({ ...record, userAgent: fill.repeat(length) });
}

/** Asserts that the work took at most `times` the text's length, read and copied alike. */
function assertLinear(text: string, { work }: Streamed, times: number): void {
  assert.ok(work.read <= times * text.length,
    `read ${work.read} characters for a text of ${text.length}`);
  assert.ok(work.copied <= times * text.length,
    `copied ${work.copied} characters for a text of ${text.length}`);
}

void describe('StreamScanner work', () => {
  void it('reads a record with an 8 MB value a few times over at most, in small pieces', () => {
    const records = someRecords(41);
    records.splice(6, 0, longRecord(42, 8 * MB));
    const text = wrapRecords(records, 'records');
    const run = streamText(text, builtin, [32 * 1024]);

    assertLinear(text, run, 4);
    assertSameAsWhole(text, builtin, run.outcome);
    assert.equal(run.outcome?.result.findings.length, 5);
  });

  void it('reads long records in every streamed layout in linear work', () => {
    for (const layout of ['records', 'array', 'lines'] as GeneratedLayout[]) {
      const records = someRecords(43, 6);
      records.splice(2, 0, longRecord(44, 3 * MB, 'y'), longRecord(45, 2 * MB, 'é'));
      const text = wrapRecords(records, layout);
      const run = streamText(text, builtin, [4096, 70_001]);

      assertLinear(text, run, 4);
      assertSameAsWhole(text, builtin, run.outcome);
    }
  });

  void it('reads whitespace inside a record once, however long the run', () => {
    const records = someRecords(46, 4);
    records[1] = records[1].replace('{', `{${' \n'.repeat(3 * MB)}`);
    const text = wrapRecords(records, 'records');
    const run = streamText(text, builtin, [16 * 1024]);

    assertLinear(text, run, 4);
    assertSameAsWhole(text, builtin, run.outcome);
  });

  void it('skips 8 MB of whitespace between records once, and lets it go as it goes', () => {
    const records = someRecords(47, 6);
    const text = `{"Records":[\n${records.slice(0, 3).join(',')}${' '.repeat(8 * MB)},`
      + `${'\r\n'.repeat(MB)}${records.slice(3).join(`,${'\t'.repeat(MB)}`)}]}`;
    const run = streamText(text, builtin, [32 * 1024]);

    assertLinear(text, run, 2);
    assert.ok(run.work.held <= HEAD + 2 * STEP, `held ${run.work.held} characters at once`);
    assertSameAsWhole(text, builtin, run.outcome);
  });

  void it('skips whitespace after the list once, and lets it go as it goes', () => {
    const text = `${wrapRecords(someRecords(48), 'records')}${' \r\n'.repeat(3 * MB)}`;
    const run = streamText(text, builtin, [32 * 1024]);

    assertLinear(text, run, 2);
    assert.ok(run.work.held <= HEAD + 2 * STEP, `held ${run.work.held} characters at once`);
    assertSameAsWhole(text, builtin, run.outcome);
  });

  void it('stays linear on an unterminated list of whitespace, and declines it at the end', () => {
    const text = `{"Records":[\n${' '.repeat(16 * MB)}`;
    const run = streamText(text, builtin, [MB]);

    assertLinear(text, run, 2);
    assert.ok(run.work.held <= HEAD + 2 * MB, `held ${run.work.held} characters at once`);
    assert.equal(run.outcome, undefined);
  });

  void it('declines a text cut inside a long value or after whitespace', () => {
    const text = wrapRecords([...someRecords(49, 2), longRecord(50, 2 * MB)], 'records');
    for (const cut of [text.length - MB, text.length - 2]) {
      const run = streamText(text.slice(0, cut), builtin, [10_000]);
      assert.equal(run.outcome, undefined, `cut at ${cut}`);
      assertLinear(text, run, 4);
    }

    const padded = `${text.slice(0, -2)}${' '.repeat(MB)}`;
    assert.equal(streamText(padded, builtin, [10_000]).outcome, undefined);
    assert.equal(streamText(`${text}${' '.repeat(MB)}x`, builtin, [10_000]).outcome, undefined);
  });

  void it('gives the whole-text result for any pieces, padding and value lengths', () => {
    // Two records of 600 K characters fill the head (the first megabyte, read in one pass);
    // what follows arrives in small pieces, read every 64 characters.
    const filler = [longRecord(60, 600_000), longRecord(61, 600_000)];
    const padding = fc.string({ unit: fc.constantFrom(' ', '\n', '\r', '\r\n', '\t'),
      maxLength: 90 });
    fc.assert(fc.property(
      fc.array(fc.tuple(fc.nat({ max: 11 }), fc.nat({ max: 600 }), padding), { maxLength: 8 }),
      fc.constantFrom<GeneratedLayout>('records', 'array', 'lines'), padding,
      fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 3 }),
      (specs, layout, tail, sizes) => {
        const records = specs.map(([seed, length]) => longRecord(seed, length, 'ab\\n'));
        let text = wrapRecords([...filler, ...records], layout);
        const head = text.indexOf(filler[1]) + filler[1].length;
        // Padding after each record, where every layout allows whitespace.
        let at = head;
        for (const [i, [, , pad]] of specs.entries()) {
          at = text.indexOf(records[i], at) + records[i].length;
          text = text.slice(0, at) + pad + text.slice(at);
          at += pad.length;
        }
        text += tail;

        const run = streamText(text, builtin, sizes, 64, head);
        assertSameAsWhole(text, builtin, run.outcome);
        assert.ok(run.work.read <= 4 * text.length, `read ${run.work.read}`);
      }), { numRuns: 100, seed: 51 });
  });
});
