import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseJson } from '../../../src/core/json/parse-json';
import { JsonSyntaxError } from '../../../src/core/json/json-syntax-error';
import type { JsonNode } from '../../../src/core/json/json-node';

// Parses text and returns the JsonSyntaxError it throws (fails when it does not throw).
function syntaxError(text: string, start?: number, end?: number): JsonSyntaxError {
  try {
    parseJson(text, start, end);
  } catch (error) {
    assert.ok(error instanceof JsonSyntaxError, `not a JsonSyntaxError: ${String(error)}`);
    return error;
  }
  assert.fail(`parsed without error: ${JSON.stringify(text)}`);
}

// True when a parsed node holds exactly the value JSON.parse produced (key order aside).
function sameAsNative(node: JsonNode, value: unknown): boolean {
  switch (node.kind) {
    case 'null': return value === null;
    case 'boolean': return node.value === value;
    case 'string': return node.value === value;
    case 'number': return Object.is(Number(node.text), value);
    case 'array':
      return Array.isArray(value) && value.length === node.items.length &&
        node.items.every((item, i) => sameAsNative(item, value[i]));
    case 'object': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
      const record = value as Record<string, unknown>;
      return Object.keys(record).length === node.members.length &&
        node.members.every((member) => Object.prototype.hasOwnProperty.call(record, member.key) &&
          sameAsNative(member.value, record[member.key]));
    }
  }
}

void describe('parseJson strictness', () => {
  const rejected: [string, string, string, number][] = [
    ['a trailing comma in an object', '{"a":1,}', 'Trailing comma in object', 7],
    ['a trailing comma in an array', '[1,2,]', 'Trailing comma in array', 5],
    ['a leading zero', '{"n":012}', 'Leading zeros are not allowed in numbers', 5],
    ['a negative leading zero', '-01', 'Leading zeros are not allowed in numbers', 0],
    ['NaN', '[NaN]', 'Invalid literal NaN', 1],
    ['Infinity', '{"x":Infinity}', 'Invalid literal Infinity', 5],
    ['a capitalised literal', 'True', 'Invalid literal True', 0],
    ['a raw newline in a string', '{"a":"x\ny"}', 'Invalid control character in string', 7],
    ['a raw tab in a string', '"\t"', 'Invalid control character in string', 1],
    ['a single-quoted string', "{'a':1}", "Expected a string key, found '''", 1],
    ['an unquoted key', '{a:1}', "Expected a string key, found 'a'", 1],
    ['a missing colon', '{"a" 1}', "Expected ':' after object key, found '1'", 5],
    ['a missing comma between members', '{"a":1 "b":2}',
      "Expected ',' or '}' after object member, found '\"'", 7],
    ['a missing comma between elements', '[1 2]',
      "Expected ',' or ']' after array element, found '2'", 3],
    ['an invalid escape', '"\\x41"', 'Invalid escape sequence', 1],
    ['a short unicode escape', '"\\u12G4"', 'Invalid unicode escape', 1],
    ['a bare decimal point', '1.', 'Expected a digit after the decimal point', 2],
    ['a leading decimal point', '.5', "Unexpected character '.'", 0],
    ['a plus sign', '+1', "Unexpected character '+'", 0],
    ['an exponent without digits', '1e+', 'Expected a digit in the exponent', 3],
    ['a minus without digits', '-x', "Expected a digit, found 'x'", 1],
    ['an empty text', '   ', 'Unexpected end of input', 3],
    ['a truncated object', '{"a":', 'Unexpected end of input', 5],
    ['a truncated array', '[1,', 'Unexpected end of input', 3],
    ['an unterminated string', '{"a":"abc', 'Unterminated string', 5],
    ['a second value', '{} {}', "Unexpected '{' after the JSON value", 3],
    ['a comment', '{} // x', "Unexpected '/' after the JSON value", 3],
    ['a byte-order mark', '\uFEFF{}', "Unexpected character '\uFEFF'", 0],
    ['a comma where a value should be', '[,1]', "Expected a value, found ','", 1],
    ['a vertical tab as whitespace', '\u000b1', 'Unexpected character U+000B', 0],
  ];
  for (const [what, text, message, offset] of rejected) {
    void it(`rejects ${what} with a message and its offset`, () => {
      const error = syntaxError(text);
      assert.equal(error.message, message);
      assert.equal(error.offset, offset);
    });
  }

  const accepted: [string, string, unknown][] = [
    ['a scalar at top level', ' 42 ', 42],
    ['a top-level string', '"x"', 'x'],
    ['negative zero', '-0', -0],
    ['an exponent with a sign', '1E-2', 0.01],
    ['all simple escapes', '"\\"\\\\\\/\\b\\f\\n\\r\\t"', '"\\/\b\f\n\r\t'],
    ['a surrogate pair written as escapes', '"\\ud83d\\ude00"', '😀'],
    ['a lone escaped surrogate (as JSON.parse does)', '"\\ud800"', '\ud800'],
    ['raw non-ASCII characters', '"é😀"', 'é😀'],
    ['DEL and other characters above U+001F', '"\u007f\u0080"', '\u007f\u0080'],
    ['an empty key', '{"":1}', { '': 1 }],
    ['all four whitespace characters', '\t\n\r {\t"a"\n:\r1 }', { a: 1 }],
  ];
  for (const [what, text, expected] of accepted) {
    void it(`accepts ${what}`, () => {
      const node = parseJson(text);
      assert.ok(sameAsNative(node, expected), JSON.stringify(node));
    });
  }
});

void describe('parseJson duplicate keys', () => {
  void it('rejects a key repeated in a small object at the second occurrence', () => {
    const error = syntaxError('{"a":1,"b":2,"a":3}');
    assert.equal(error.message, 'Duplicate key "a"');
    assert.equal(error.offset, 13);
  });

  void it('rejects a key repeated in an object with more than eight members', () => {
    const members = Array.from({ length: 20 }, (_, i) => `"k${i}":${i}`);
    const text = `{${members.join(',')},"k3":0}`;
    const error = syntaxError(text);
    assert.equal(error.message, 'Duplicate key "k3"');
    assert.equal(error.offset, text.lastIndexOf('"k3"'));
  });

  void it('compares decoded keys, so an escaped spelling is the same key', () => {
    assert.equal(syntaxError('{"a":1,"\\u0061":2}').message, 'Duplicate key "a"');
  });

  void it('accepts the same key in different objects', () => {
    const node = parseJson('{"a":{"a":1},"b":[{"a":1},{"a":2}]}');
    assert.equal(node.kind, 'object');
  });
});

void describe('parseJson tree', () => {
  void it('keeps keys in text order, integer-like keys included', () => {
    const node = parseJson('{"b":1,"10":2,"2":3,"a":4}');
    assert.equal(node.kind, 'object');
    if (node.kind !== 'object') return;
    assert.deepEqual(node.members.map((member) => member.key), ['b', '10', '2', 'a']);
  });

  void it('keeps the source text of numbers, including integers above 2^53', () => {
    const node = parseJson('[123456789012345678901234567890, 1.50, 1E2, -0.0]');
    assert.equal(node.kind, 'array');
    if (node.kind !== 'array') return;
    assert.deepEqual(node.items.map((item) => (item.kind === 'number' ? item.text : '')),
      ['123456789012345678901234567890', '1.50', '1E2', '-0.0']);
  });

  void it('records the [start, end) offsets of values and keys', () => {
    const text = ' {"key" : ["v", 12, true, null, {}]} ';
    const node = parseJson(text);
    assert.deepEqual(node.span, { start: 1, end: text.length - 1 });
    if (node.kind !== 'object') return assert.fail('not an object');
    const member = node.members[0];
    assert.equal(text.slice(member.keySpan.start, member.keySpan.end), '"key"');
    const list = member.value;
    if (list.kind !== 'array') return assert.fail('not an array');
    assert.deepEqual(list.items.map((item) => text.slice(item.span.start, item.span.end)),
      ['"v"', '12', 'true', 'null', '{}']);
  });

  void it('gives string spans that include the quotes and escapes as written', () => {
    const text = '{"a":"x\\n\\u00e9y"}';
    const node = parseJson(text);
    if (node.kind !== 'object') return assert.fail('not an object');
    const value = node.members[0].value;
    assert.equal(value.kind === 'string' ? value.value : '', 'x\néy');
    assert.equal(text.slice(value.span.start, value.span.end), '"x\\n\\u00e9y"');
  });

  void it('parses only the [start, end) slice and reports offsets in the whole text', () => {
    const text = 'garbage {"a":[1,2]} more garbage';
    const node = parseJson(text, 8, 19);
    assert.deepEqual(node.span, { start: 8, end: 19 });
    if (node.kind !== 'object') return assert.fail('not an object');
    assert.deepEqual(node.members[0].keySpan, { start: 9, end: 12 });
  });

  void it('treats the end of the slice as the end of input', () => {
    const error = syntaxError('{"a":"bc"}', 0, 7);
    assert.equal(error.message, 'Unterminated string');
    assert.equal(error.offset, 5);
    assert.equal(syntaxError('[1,2]', 0, 3).message, 'Unexpected end of input');
    const number = parseJson('12345', 0, 2);
    assert.equal(number.kind === 'number' ? number.text : '', '12');
  });

  void it('refuses a range outside the text', () => {
    assert.throws(() => parseJson('{}', 0, 5), RangeError);
    assert.throws(() => parseJson('{}', 2, 1), RangeError);
  });

  void it('parses 100,000 nested arrays without exhausting the stack', () => {
    const depth = 100_000;
    const node = parseJson('['.repeat(depth) + ']'.repeat(depth));
    let current = node;
    let levels = 1;
    while (current.kind === 'array' && current.items.length > 0) {
      current = current.items[0];
      levels++;
    }
    assert.equal(levels, depth);
    assert.deepEqual(node.span, { start: 0, end: 2 * depth });
  });

  void it('parses 100,000 nested objects without exhausting the stack', () => {
    const depth = 100_000;
    const node = parseJson('{"a":'.repeat(depth) + '1' + '}'.repeat(depth));
    let current = node;
    let levels = 0;
    while (current.kind === 'object') {
      current = current.members[0].value;
      levels++;
    }
    assert.equal(levels, depth);
    assert.equal(current.kind === 'number' ? current.text : '', '1');
  });

  void it('reports an unclosed array 100,000 levels deep at the end of input', () => {
    const text = '['.repeat(100_000);
    const error = syntaxError(text);
    assert.equal(error.message, 'Unexpected end of input');
    assert.equal(error.offset, text.length);
  });
});

void describe('parseJson against JSON.parse', () => {
  void it('produces the same values as JSON.parse for random valid JSON', () => {
    fc.assert(fc.property(fc.json({ depthSize: 'medium' }), fc.boolean(), (text, pretty) => {
      const input = pretty ? JSON.stringify(JSON.parse(text), null, 2) : text;
      return sameAsNative(parseJson(input), JSON.parse(input));
    }), { numRuns: 2000 });
  });

  void it('produces the same values for random unicode strings and keys', () => {
    const unicode = fc.string({ unit: 'binary', maxLength: 12 });
    const object = fc.dictionary(unicode, fc.oneof(unicode, fc.double(), fc.boolean()));
    fc.assert(fc.property(object, (value) => {
      const text = JSON.stringify(value);
      return sameAsNative(parseJson(text), JSON.parse(text));
    }), { numRuns: 1000 });
  });

  void it('decodes strings of many escapes and runs like JSON.parse, lone surrogates kept', () => {
    const piece = fc.constantFrom('\\n', '\\u0041', '\\ud800', '\\"', 'ab', '\\\\', 'é');
    fc.assert(fc.property(fc.array(piece, { minLength: 5_000, maxLength: 20_000 }), (pieces) => {
      const text = `{"k${pieces.slice(0, 50).join('')}":"${pieces.join('')}"}`;
      return sameAsNative(parseJson(text), JSON.parse(text));
    }), { numRuns: 30 });
  });

  void it('accepts and rejects the same damaged texts as JSON.parse, except duplicate keys', () => {
    const damaged = fc.json({ depthSize: 'small' })
      .chain((text) => fc.tuple(fc.constant(text), fc.nat({ max: Math.max(0, text.length - 1) }),
        fc.constantFrom('', ',', '}', ']', '"', '0', '-', 'e', ' ', '\n', '\\', '\u0001')));
    fc.assert(fc.property(damaged, ([text, at, insert]) => {
      const input = text.slice(0, at) + insert + text.slice(at + 1);
      let nativeOk = true;
      try {
        JSON.parse(input);
      } catch {
        nativeOk = false;
      }
      try {
        parseJson(input);
        return nativeOk;
      } catch (error) {
        assert.ok(error instanceof JsonSyntaxError);
        assert.ok(error.offset >= 0 && error.offset <= input.length);
        return !nativeOk || error.message.startsWith('Duplicate key');
      }
    }), { numRuns: 3000 });
  });
});
