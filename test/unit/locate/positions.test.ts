// LineIndex against a slow split-based reference, with every kind of line break and with
// characters outside the BMP, which count as two UTF-16 units, as in VS Code.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LineIndex } from '../../../src/core/positions';
import { naivePosition } from './helpers';

const unit = fc.constantFrom('a', 'é', '😀', '\n', '\r', '\r\n', '\uFEFF', ' ');

void describe('LineIndex', () => {
  void it('agrees with splitting the text on \\r\\n, \\n and lone \\r', () => {
    fc.assert(fc.property(fc.array(unit, { maxLength: 60 }), (pieces) => {
      const text = pieces.join('');
      const index = new LineIndex(text);

      assert.equal(index.lineCount, text.split(/\r\n|\r|\n/).length);
      for (let offset = 0; offset <= text.length; offset++) {
        if (text[offset - 1] === '\r' && text[offset] === '\n') continue;
        const expected = naivePosition(text, offset);
        assert.deepEqual(index.positionAt(offset), expected);
        assert.equal(index.offsetAt(expected), offset);
      }
    }), { numRuns: 1000 });
  });

  void it('puts an offset between \\r and \\n at the end of the line, as VS Code does', () => {
    const index = new LineIndex('ab\r\ncd');

    assert.deepEqual(index.positionAt(3), { line: 0, character: 2 });
  });

  void it('clamps offsets and positions outside the text', () => {
    const index = new LineIndex('ab\ncd');

    assert.deepEqual(index.positionAt(-4), { line: 0, character: 0 });
    assert.deepEqual(index.positionAt(99), { line: 1, character: 2 });
    assert.equal(index.offsetAt({ line: 0, character: 99 }), 2);
    assert.equal(index.offsetAt({ line: 7, character: 0 }), 5);
    assert.equal(index.offsetAt({ line: -1, character: 3 }), 0);
  });

  void it('counts an emoji as two characters and a BOM as one', () => {
    const text = '\uFEFF{"a":"😀"}\n{"b":1}';
    const index = new LineIndex(text);

    assert.deepEqual(index.positionAt(text.indexOf('}')), { line: 0, character: 10 });
    assert.deepEqual(index.rangeOf({ start: text.indexOf('{"b"'), end: text.length }),
      { start: { line: 1, character: 0 }, end: { line: 1, character: 7 } });
  });

  void it('indexes a 50 MB text with a million lines quickly', () => {
    const text = `${'x'.repeat(49)}\n`.repeat(1_000_000);
    const started = performance.now();
    const index = new LineIndex(text);

    assert.equal(index.lineCount, 1_000_001);
    assert.deepEqual(index.positionAt(text.length - 1), { line: 999_999, character: 49 });
    assert.ok(performance.now() - started < 2000);
  });
});
