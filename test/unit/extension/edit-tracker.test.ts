import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { EditTracker, composeEdits, type ContentChange } from '../../../src/extension/edit-tracker';
import type { TextEdit } from '../../../src/core/fast/incremental-scanner';

/** Applies VS Code-style changes (offsets into the text before the event) to a text. */
function applyChanges(text: string, changes: readonly ContentChange[]): string {
  const sorted = [...changes].sort((a, b) => b.rangeOffset - a.rangeOffset);
  let out = text;
  for (const c of sorted) {
    out = out.slice(0, c.rangeOffset) + c.text + out.slice(c.rangeOffset + c.rangeLength);
  }
  return out;
}

/** Whether `edit` turns `before` into `after` (same prefix and suffix outside the edit). */
function explains(edit: TextEdit, before: string, after: string): boolean {
  const prefix = before.slice(0, edit.offset) === after.slice(0, edit.offset);
  const suffix = before.slice(edit.offset + edit.removed)
    === after.slice(edit.offset + edit.inserted);
  return prefix && suffix && after.length - before.length === edit.inserted - edit.removed;
}

const changeOf = (text: string) => fc.tuple(fc.nat(text.length), fc.nat(text.length),
  fc.string({ maxLength: 4 })).map(([a, b, insert]): ContentChange => {
  const start = Math.min(a, b);
  return { rangeOffset: start, rangeLength: Math.max(a, b) - start, text: insert };
});

void describe('EditTracker', () => {
  void it('covers a sequence of single changes with one edit of the analysed text', () => {
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 40 }),
      fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), (base, seeds) => {
        const tracker = new EditTracker(1, base.length);
        let text = base;
        let version = 1;

        for (const seed of seeds) {
          const change = fc.sample(changeOf(text), { seed, numRuns: 1 })[0];
          text = applyChanges(text, [change]);
          version += 1;
          tracker.record([change], version);
        }

        const edit = tracker.editTo(version, text.length);
        assert.ok(edit !== undefined);
        assert.ok(explains(edit, base, text), JSON.stringify({ base, text, edit }));
      }), { numRuns: 500, seed: 7 });
  });

  void it('refuses to guess when a version was skipped', () => {
    const tracker = new EditTracker(3, 10);
    tracker.record([{ rangeOffset: 1, rangeLength: 0, text: 'x' }], 5);

    assert.equal(tracker.editTo(5, 11), undefined);
  });

  void it('refuses when the text length does not match what the edits give', () => {
    const tracker = new EditTracker(1, 10);
    tracker.record([{ rangeOffset: 2, rangeLength: 1, text: 'abc' }], 2);

    assert.deepEqual(tracker.editTo(2, 12), { offset: 2, removed: 1, inserted: 3 });
    assert.equal(tracker.editTo(2, 13), undefined);
  });

  void it('merges several changes of one event, given against the text before it', () => {
    const base = 'abcdefghij';
    const changes = [{ rangeOffset: 7, rangeLength: 1, text: 'XY' },
      { rangeOffset: 1, rangeLength: 2, text: '' }];
    const tracker = new EditTracker(1, base.length);
    const after = applyChanges(base, changes);
    tracker.record(changes, 2);

    const edit = tracker.editTo(2, after.length);
    assert.ok(edit !== undefined && explains(edit, base, after));
  });
});

void describe('composeEdits', () => {
  void it('joins an insertion and a later deletion of what was inserted', () => {
    const actual = composeEdits({ offset: 5, removed: 0, inserted: 3 },
      { offset: 6, removed: 1, inserted: 0 });

    assert.deepEqual(actual, { offset: 5, removed: 0, inserted: 2 });
  });
});
