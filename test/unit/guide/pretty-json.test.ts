import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { prettyJson } from '../../../src/extension/guide/pretty-json';

void describe('prettyJson', () => {
  void it('indents objects and arrays two spaces per level and keeps empty ones compact', () => {
    const actual = prettyJson('{"a":{"b":[1,{}],"c":[]},"d":null}');
    const expected = '{\n  "a": {\n    "b": [\n      1,\n      {}\n    ],\n    "c": []\n  },\n'
      + '  "d": null\n}';
    assert.equal(actual, expected);
  });

  void it('keeps number text, key order and duplicate keys exactly as written', () => {
    const actual = prettyJson('{"z":12345678901234567890,"a":1.0,"z":-0e+5}');
    assert.equal(actual, '{\n  "z": 12345678901234567890,\n  "a": 1.0,\n  "z": -0e+5\n}');
  });

  void it('leaves strings alone, brackets, commas and escaped quotes included', () => {
    const actual = prettyJson('["{a,b}: [c]","say \\"hi\\", \\\\"]');
    assert.equal(actual, '[\n  "{a,b}: [c]",\n  "say \\"hi\\", \\\\"\n]');
  });

  void it('does not change what the JSON means and is stable when applied twice', () => {
    fc.assert(fc.property(fc.json(), (text) => {
      const pretty = prettyJson(text);
      assert.deepEqual(JSON.parse(pretty), JSON.parse(text));
      assert.equal(prettyJson(pretty), pretty);
    }));
  });

  void it('still returns readable text for input that is not JSON', () => {
    assert.equal(prettyJson('{"a": "unterminated'), '{\n  "a": "unterminated');
  });
});
