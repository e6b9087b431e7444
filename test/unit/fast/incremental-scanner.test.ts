import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildRecordsText, generateRecordTexts, wrapRecords } from '../../../bench/records-text';
import { IncrementalScanner, mergeEdits, scanTextFast } from '../../../src/core/fast';
import { locateEvents } from '../../../src/core/locate';
import { scanText } from '../../../src/core/scan';
import { allRules, builtinRules, recordArbitrary, recordText } from './fixtures';

const builtin = builtinRules();
const all = allRules();

/** A text after replacing `removed` characters at `offset` with `inserted`. */
function edited(text: string, offset: number, removed: number, inserted: string): string {
  return text.slice(0, offset) + inserted + text.slice(offset + removed);
}

/** One edit of a text, chosen from random numbers: [offset, removed, inserted text]. */
type EditChoice = (text: string, where: number) => [number, number, string];

/** The offsets at which `pattern` occurs (its end when `after`), or [0] when it does not. */
function places(text: string, pattern: string, after: boolean): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(pattern); at !== -1; at = text.indexOf(pattern, at + 1)) {
    found.push(after ? at + pattern.length : at);
  }
  return found.length > 0 ? found : [0];
}

function pick(list: readonly number[], where: number): number {
  return list[Math.min(list.length - 1, Math.floor(where * list.length))];
}

/**
 * Edits an editor would make: typing inside a string value, flipping the flag, adding or
 * removing whole records, and now and then a keystroke that breaks the JSON.
 */
const editChoices: fc.Arbitrary<EditChoice> = fc.oneof(
  fc.constantFrom('x', 'é', '\\u0044', '\\"', 'owner=').map((typed): EditChoice =>
    (text, where) => [pick(places(text, '":"', true), where), 0, typed]),
  fc.constant<EditChoice>((text, where) =>
    [pick(places(text, '"eventName":"', true), where), 0, 'X']),
  fc.constant<EditChoice>((text, where) =>
    [pick(places(text, '"ownersSet":', false), where), 0, '"includeDeprecated":true,']),
  fc.constant<EditChoice>((text, where) => [pick(places(text, 'true', false), where), 4,
    'false']),
  recordArbitrary.map((r): EditChoice => (text, where) =>
    [pick(places(text, '},{', true), where), 0, `${recordText(r)},`]),
  recordArbitrary.map((r): EditChoice => (text, where) =>
    [pick(places(text, '}\n', true), where), 0, `${recordText(r)}\n`]),
  fc.constant<EditChoice>((text, where) => {
    const start = pick(places(text, '},{', true), where);
    const end = text.indexOf('},{', start);
    return end < 0 ? [start, 0, ''] : [start, end + 2 - start, ''];
  }),
  fc.tuple(fc.constantFrom('"', '{', '}', ',', ']', ':', '\\', '\u0001', ''), fc.nat({ max: 3 }))
    .map(([typed, removed]): EditChoice => (text, where) =>
      [Math.floor(where * text.length), Math.min(removed, text.length - Math.floor(where
        * text.length)), typed]),
);

void describe('IncrementalScanner', () => {
  void it('re-reads only the edited event after a one-character edit in the middle', () => {
    const { text } = buildRecordsText({ seed: 11, targetBytes: 500_000, matchEvery: 50 });
    const scanner = new IncrementalScanner(builtin);
    scanner.scanFull(text);

    const at = text.indexOf('"userAgent":"', text.length >> 1) + 13;
    const next = edited(text, at, 0, 'x');
    const result = scanner.applyEdit(next, { offset: at, removed: 0, inserted: 1 });

    assert.equal(scanner.lastStats.mode, 'incremental');
    assert.equal(scanner.lastStats.relocated, 1);
    assert.deepEqual(result, scanText(next, builtin, { reference: true }));
  });

  void it('finds a match that an edit creates, and loses it when the edit is undone', () => {
    const { text } = buildRecordsText({ seed: 12, targetBytes: 200_000, matchEvery: 1000 });
    const scanner = new IncrementalScanner(builtin);
    const before = scanner.scanFull(text);
    const at = text.indexOf('"ownersSet":{"items":[{"owner":"self"}]},"filterSet"');
    assert.ok(at > 0);

    const flag = '"includeDeprecated":true,';
    const withFlag = edited(text, at, 0, flag);
    const added = scanner.applyEdit(withFlag, { offset: at, removed: 0, inserted: flag.length });
    const undone = scanner.applyEdit(text, { offset: at, removed: flag.length, inserted: 0 });

    assert.equal(added.findings.length, before.findings.length + 1);
    assert.deepEqual(added, scanTextFast(withFlag, builtin));
    assert.deepEqual(undone, before);
  });

  void it('moves later findings (offsets and indexes) when a record is inserted before them',
    () => {
      const { text } = buildRecordsText({ seed: 14, targetBytes: 100_000, matchEvery: 20 });
      const scanner = new IncrementalScanner(builtin);
      const before = scanner.scanFull(text);
      const [first, second] = locateEvents(text).events;
      const at = second.span.start;
      const record = `${text.slice(first.span.start, first.span.end)},`;
      const next = edited(text, at, 0, record);
      const after = scanner.applyEdit(next, { offset: at, removed: 0, inserted: record.length });

      assert.equal(scanner.lastStats.mode, 'incremental');
      assert.equal(after.events, before.events + 1);
      assert.deepEqual(after.findings.map((f) => f.eventIndex),
        before.findings.map((f) => f.eventIndex + 1));
      assert.deepEqual(after, scanText(next, builtin, { reference: true }));
    });

  void it('falls back to a full scan when an edit breaks the JSON, and says why', () => {
    const { text } = buildRecordsText({ seed: 13, targetBytes: 50_000 });
    const scanner = new IncrementalScanner(builtin);
    scanner.scanFull(text);

    const at = text.indexOf('},{', text.length >> 1) + 1;
    const broken = edited(text, at, 1, '');
    const result = scanner.applyEdit(broken, { offset: at, removed: 1, inserted: 0 });

    assert.equal(scanner.lastStats.mode, 'full');
    assert.ok(scanner.lastStats.fallbackReason);
    assert.ok(result.problems.length > 0);
    assert.deepEqual(result, scanText(broken, builtin, { reference: true }));
  });

  void it('equals a full scan after every edit of a random sequence, in every plain layout', () => {
    const layouts = ['records', 'array', 'lines'] as const;
    fc.assert(fc.property(
      fc.constantFrom(...layouts),
      fc.integer({ min: 1, max: 1000 }),
      fc.array(fc.tuple(editChoices, fc.double({ min: 0, max: 0.999, noNaN: true })),
        { minLength: 1, maxLength: 6 }),
      (layout, seed, edits) => {
        const { records } = generateRecordTexts({ seed, targetBytes: 8_000, matchEvery: 4 });
        let text = wrapRecords(records, layout);
        const scanner = new IncrementalScanner(all);
        scanner.scanFull(text);

        for (const [choose, where] of edits) {
          const [offset, removed, inserted] = choose(text, where);
          const next = edited(text, offset, removed, inserted);
          const result = scanner.applyEdit(next, { offset, removed, inserted: inserted.length });
          assert.deepEqual(result, scanText(next, all, { reference: true }));
          text = next;
        }
      }), { numRuns: 200, seed: 4242 });
  });

  void it('merges the changes of one editor event into a single covering edit', () => {
    const before = 'abcdefghij';
    const after = 'aXcdefgYYj';
    const edit = mergeEdits(before.length, after.length,
      [{ offset: 7, removed: 2 }, { offset: 1, removed: 1 }]);

    assert.deepEqual(edit, { offset: 1, removed: 8, inserted: 8 });
    assert.equal(edited(before, edit.offset, edit.removed, after.slice(edit.offset,
      edit.offset + edit.inserted)), after);
  });
});
