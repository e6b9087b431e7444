import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseJson } from '../../../src/core/json/parse-json';
import { plainNumber, toPlain } from '../../../src/core/json/json-plain';
import { getMember, getPath, getString, isObjectNode } from '../../../src/core/json/json-access';

void describe('toPlain', () => {
  void it('converts safe integers and finite decimals to numbers', () => {
    assert.deepEqual(toPlain(parseJson('[0, -5, 9007199254740991, 1.5, 1E2, -0]')),
      [0, -5, 9007199254740991, 1.5, 100, 0]);
  });

  void it('keeps integers beyond 2^53 and overflowing decimals as their source text', () => {
    const text = '[9007199254740993, 123456789012345678901234567890, 1e400]';
    assert.deepEqual(toPlain(parseJson(text)),
      ['9007199254740993', '123456789012345678901234567890', '1e400']);
    assert.equal(plainNumber('-1e400'), '-1e400');
  });

  void it('builds objects whose own key "__proto__" is data, not a prototype', () => {
    const plain = toPlain(parseJson('{"__proto__":{"polluted":true},"a":1}')) as
      Record<string, unknown>;
    assert.ok(Object.prototype.hasOwnProperty.call(plain, '__proto__'));
    assert.deepEqual(Object.keys(plain), ['__proto__', 'a']);
    assert.equal(Object.getPrototypeOf(plain), Object.prototype);
    assert.equal((plain as { polluted?: boolean }).polluted, undefined);
  });

  void it('matches JSON.parse on a nested document', () => {
    const text = '{"a":[{"b":null},true,"x"],"c":{"d":{"e":[]}},"10":1,"2":2}';
    assert.deepEqual(toPlain(parseJson(text)), JSON.parse(text));
  });

  void it('converts 100,000 nested arrays without exhausting the stack', () => {
    const depth = 100_000;
    let current = toPlain(parseJson('['.repeat(depth) + '7' + ']'.repeat(depth)));
    let levels = 0;
    while (Array.isArray(current)) {
      current = current[0];
      levels++;
    }
    assert.equal(levels, depth);
    assert.equal(current, 7);
  });
});

void describe('JSON accessors', () => {
  const node = parseJson('{"userIdentity":{"type":"IAMUser","n":1},"requestParameters":null}');

  void it('reads members and paths of objects', () => {
    assert.equal(getString(getMember(node, 'userIdentity'), 'type'), 'IAMUser');
    assert.equal(getPath(node, ['userIdentity', 'type'])?.kind, 'string');
    assert.ok(isObjectNode(getMember(node, 'userIdentity')));
  });

  void it('returns undefined for missing keys, non-objects and non-strings', () => {
    assert.equal(getMember(node, 'missing'), undefined);
    assert.equal(getPath(node, ['requestParameters', 'x']), undefined);
    assert.equal(getString(getMember(node, 'userIdentity'), 'n'), undefined);
    assert.equal(getMember(undefined, 'a'), undefined);
    assert.equal(isObjectNode(getMember(node, 'requestParameters')), false);
  });
});
