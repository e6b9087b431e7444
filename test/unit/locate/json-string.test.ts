// Decoding a string token and mapping decoded indexes back to text offsets, the way positions
// inside a lookup-events record are mapped back into the file.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeJsonStringToken, JsonStringError, locateEvents } from '../../../src/core/locate';
import { fixture } from './helpers';

/** Serialises a string with some characters escaped the long way (\uXXXX) and '/' as '\/'. */
function tokenOf(value: string, longEscapes: boolean[]): string {
  let k = 0;
  const content = JSON.stringify(value).slice(1, -1).replace(/\\u[0-9a-f]{4}|\\.|[^]/g, (piece) => {
    const long = longEscapes[k++ % Math.max(1, longEscapes.length)] ?? false;
    if (piece === '/') return long ? '\\/' : '/';
    if (!long) return piece;
    const unit = (JSON.parse(`"${piece}"`) as string).charCodeAt(0);
    return `\\u${unit.toString(16).padStart(4, '0')}`;
  });
  return `"${content}"`;
}

void describe('decodeJsonStringToken', () => {
  void it('decodes like JSON.parse and maps every decoded unit to where it comes from', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), fc.array(fc.boolean()), fc.string(),
      (value, longEscapes, before) => {
        const token = tokenOf(value, longEscapes);
        const text = `${JSON.stringify(before)}:${token},`;
        const start = JSON.stringify(before).length + 1;
        const decoded = decodeJsonStringToken(text, { start, end: start + token.length });

        assert.equal(decoded.value, JSON.parse(token));
        for (let i = 0; i < decoded.value.length; i++) {
          const at = decoded.toTextOffset(i);
          const escape = /^\\(?:u[0-9a-fA-F]{4}|.)/s.exec(text.slice(at))?.[0];
          const unit = escape === undefined ? text[at] : JSON.parse(`"${escape}"`) as string;
          assert.equal(unit, decoded.value[i]);
        }
        assert.equal(decoded.toTextOffset(decoded.value.length), start + token.length - 1);
      }), { numRuns: 2000 });
  });

  void it('decodes and maps a string of 100,000 escapes of both lengths, runs between them',
    () => {
      const pieces = Array.from({ length: 100_000 }, (_, i) => (i % 3 === 0 ? '\\u0041'
        : i % 3 === 1 ? 'xy\\n' : '\\"'));
      const text = `["${pieces.join('')}"]`;
      const decoded = decodeJsonStringToken(text, { start: 1, end: text.length - 1 });

      assert.equal(decoded.value, (JSON.parse(text) as string[])[0]);
      for (let i = 0; i < decoded.value.length; i++) {
        const at = decoded.toTextOffset(i);
        const escape = /^\\(?:u[0-9a-fA-F]{4}|.)/s.exec(text.slice(at, at + 6))?.[0];
        const unit = escape === undefined ? text[at] : JSON.parse(`"${escape}"`) as string;
        assert.equal(unit, decoded.value[i], `index ${i}`);
      }
    });

  void it('maps an emoji written as two \\u escapes to each escape in turn', () => {
    const text = '"a\\ud83d\\ude00b"';
    const decoded = decodeJsonStringToken(text, { start: 0, end: text.length });

    assert.equal(decoded.value, 'a😀b');
    assert.deepEqual([0, 1, 2, 3, 4].map((i) => decoded.toTextOffset(i)), [1, 2, 8, 14, 15]);
  });

  void it('throws a positioned error on an invalid escape or a raw control character', () => {
    const cases: [string, number][] = [['"ab\\x"', 3], ['"\\u12"', 1], ['"a\nb"', 2], ['"a\\"', 2]];
    for (const [text, offset] of cases) {
      assert.throws(() => decodeJsonStringToken(`  ${text}`, { start: 2, end: text.length + 2 }),
        (error: unknown) => error instanceof JsonStringError && error.offset === offset + 2, text);
    }
  });

  void it('maps a value inside a lookup-events record back onto the file', () => {
    const text = fixture('lookup-events.json');
    const [, second] = locateEvents(text).events;
    const decoded = decodeJsonStringToken(text, second.span);
    const inRecord = decoded.value.indexOf('"eventVersion"');
    const alice = decoded.value.indexOf('user/alice');

    // The second record spells its quotes \u0022 and its slash \/ (see the fixture).
    assert.equal(text.slice(decoded.toTextOffset(inRecord), decoded.toTextOffset(inRecord + 14)),
      '\\u0022eventVersion\\u0022');
    assert.equal(text.slice(decoded.toTextOffset(alice), decoded.toTextOffset(alice + 10)),
      'user\\/alice');
  });
});
