// The scanner against JSON.parse: it must end values exactly where they end, accept what
// JSON.parse accepts and reject what it rejects (raw C0 controls other than tab, line feed and
// carriage return are the one documented exception, left to the strict per-event parser).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { JsonScanner } from '../../../src/core/locate';

/** Where the scanner says the value at the start of `text` ends (-1: rejected). */
function scanEnd(text: string): number {
  return new JsonScanner(text).scanValue(0);
}

/** Whether the whole text is one JSON value per the scanner, like JSON.parse decides. */
function scannerAccepts(text: string): boolean {
  const scanner = new JsonScanner(text);
  const start = scanner.skipWhitespace(0);
  const end = scanner.scanValue(start);
  return end >= 0 && scanner.skipWhitespace(end) === text.length;
}

function parseAccepts(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

void describe('JsonScanner', () => {
  void it('ends strings at the right quote through escaped quotes and backslashes', () => {
    const cases: [string, number][] = [
      ['"a\\\\"x', 5],
      ['"a\\""x', 5],
      ['"a\\\\\\""x', 7],
      ['"\\\\\\\\"x', 6],
      ['"\\u0022"x', 8],
      ['"}]{["x', 6],
    ];
    for (const [text, end] of cases) assert.equal(scanEnd(text), end, text);
  });

  void it('ends every JSON value exactly where its serialisation ends', () => {
    const indents = fc.constantFrom(undefined, 1, 2, '\t');
    fc.assert(fc.property(fc.jsonValue(), indents, (value, indent) => {
      const text = JSON.stringify(value, null, indent);
      assert.equal(scanEnd(`${text} ,"after"`), text.length);
    }), { numRuns: 3000 });
  });

  void it('accepts exactly what JSON.parse accepts on mutated JSON', () => {
    const unit = fc.constantFrom('{', '}', '[', ']', '"', '\\', ':', ',', ' ', '\n', '\t', '\r',
      '0', '1', '-', '+', 'e', 'E', '.', 't', 'r', 'u', 'f', 'a', 'l', 's', 'n', 'x', '/', 'b');
    const mutation = fc.record({ at: fc.nat(), remove: fc.nat({ max: 2 }),
      insert: fc.string({ unit, maxLength: 3 }) });
    fc.assert(fc.property(fc.jsonValue(), fc.array(mutation, { maxLength: 3 }), (value, edits) => {
      let text = JSON.stringify(value, null, 1);
      for (const { at, remove, insert } of edits) {
        const pos = at % (text.length + 1);
        text = text.slice(0, pos) + insert + text.slice(pos + remove);
      }
      assert.equal(scannerAccepts(text), parseAccepts(text), JSON.stringify(text));
    }), { numRuns: 5000 });
  });

  void it('accepts exactly what JSON.parse accepts on short random texts', () => {
    const unit = fc.constantFrom('{', '}', '[', ']', '"', '\\', ':', ',', ' ', '0', '1', '-', 'e',
      '.', 'u', 'n', 'l', 'a', '\n');
    fc.assert(fc.property(fc.string({ unit, maxLength: 12 }), (text) => {
      assert.equal(scannerAccepts(text), parseAccepts(text), JSON.stringify(text));
    }), { numRuns: 20000 });
  });

  void it('rejects raw tabs and line breaks inside strings at the character', () => {
    for (const raw of ['\t', '\n', '\r']) {
      const scanner = new JsonScanner(`{"a":"x${raw}y"}`);

      assert.equal(scanner.scanValue(0), -1);
      assert.equal(scanner.errorOffset, 7);
    }
  });

  void it('leaves other raw control characters to the strict parser (a documented gap)', () => {
    assert.equal(scanEnd('"a\u0001b"'), 5);
    assert.equal(parseAccepts('"a\u0001b"'), false);
  });

  void it('treats the end of a slice as the end of the text', () => {
    const scanner = new JsonScanner('{"a":[1,2]}'.slice(0, 6));

    assert.equal(scanner.scanValue(0), -1);
    assert.equal(scanner.errorOffset, 6);
  });

  void it('names what it expected and where', () => {
    const cases: [string, number, RegExp][] = [
      ['{"a" 1}', 5, /expected ':'/],
      ['{"a":1 "b":2}', 7, /expected ',' or '}'/],
      ['[1,]', 3, /trailing comma/],
      ['{"a":1,}', 7, /trailing comma/],
      ['{"a":01}', 6, /expected ',' or '}'/],
      ['{"a":-}', 5, /digit must follow the minus/],
      ['{"a":1.}', 7, /decimal point/],
      ['{"a":1e}', 7, /exponent/],
      ['{"a":"\\x"}', 6, /escape sequence '\\x'/],
      ['{"a":"\\u12G4"}', 6, /four hexadecimal digits/],
      ['{"a":nul}', 5, /expected a JSON value/],
      ['{a:1}', 1, /property name in double quotes/],
      ['{"a":"x\n\\q"}', 7, /line break/],
    ];
    for (const [text, offset, message] of cases) {
      const scanner = new JsonScanner(text);

      assert.equal(scanner.scanValue(0), -1, text);
      assert.equal(scanner.errorOffset, offset, text);
      assert.match(scanner.errorMessage, message, text);
    }
  });
});
