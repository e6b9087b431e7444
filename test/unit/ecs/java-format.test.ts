import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { javaDoubleToString, javaNumberText } from '../../../src/core/ecs/java-number';
import {
  javaHashMapOrder, javaStringHash, spreadHash,
} from '../../../src/core/ecs/java-hash-order';

void describe('javaDoubleToString', () => {
  const cases: [number, string][] = [
    [1e7, '1.0E7'], [1e-4, '1.0E-4'], [100, '100.0'], [0.5, '0.5'], [1.5, '1.5'],
    [0.001, '0.001'], [9.99e-4, '9.99E-4'], [9999999, '9999999.0'], [12345678.9, '1.23456789E7'],
    [1e23, '1.0E23'], [2e-323, '2.0E-323'], [5e-324, '4.9E-324'], [-0, '-0.0'], [0, '0.0'],
    [-2.5, '-2.5'], [Infinity, 'Infinity'], [-Infinity, '-Infinity'], [NaN, 'NaN'],
    [Number.MAX_VALUE, '1.7976931348623157E308'], [0.1 + 0.2, '0.30000000000000004'],
  ];
  for (const [value, expected] of cases) {
    void it(`prints ${String(value)} as ${expected}`, () => {
      assert.equal(javaDoubleToString(value), expected);
    });
  }
});

void describe('javaNumberText', () => {
  void it('prints integer tokens as written and decimal tokens as Java doubles', () => {
    const huge = '123456789012345678901234567890';
    assert.equal(javaNumberText(huge), huge);
    assert.equal(javaNumberText('-0'), '0');
    assert.equal(javaNumberText('1E2'), '100.0');
    assert.equal(javaNumberText('1.50'), '1.5');
    assert.equal(javaNumberText('-0.0'), '-0.0');
    assert.equal(javaNumberText('1e400'), 'Infinity');
  });
});

void describe('Java HashMap order', () => {
  void it('computes String.hashCode over UTF-16 code units', () => {
    assert.equal(javaStringHash(''), 0);
    assert.equal(javaStringHash('a'), 97);
    assert.equal(javaStringHash('hello') | 0, 99162322);
    assert.equal(javaStringHash('Aa'), 2112);
    assert.equal(javaStringHash('BB'), 2112);
    // A supplementary character hashes as its two surrogates.
    assert.equal(javaStringHash('😀'), javaStringHash('\ud83d\ude00'));
    assert.equal(javaStringHash('😀'), (31 * 0xd83d + 0xde00) >>> 0);
  });

  void it('spreads the high half of the hash into the low half', () => {
    assert.equal(spreadHash(0x12345678), (0x12345678 ^ 0x1234) >>> 0);
  });

  void it('orders by bucket, then by insertion inside a bucket', () => {
    const order = javaHashMapOrder(['b', '10', '2', 'a']);
    assert.deepEqual(order.order.map((i) => ['b', '10', '2', 'a'][i]), ['a', 'b', '2', '10']);
    assert.equal(order.capacity, 16);
    assert.equal(order.treeBin, false);
  });

  void it('grows the table with the 13th, 25th and 49th key', () => {
    const keys = (n: number): string[] => Array.from({ length: n }, (_, i) => `key${i}`);
    assert.equal(javaHashMapOrder(keys(12)).capacity, 16);
    assert.equal(javaHashMapOrder(keys(13)).capacity, 32);
    assert.equal(javaHashMapOrder(keys(25)).capacity, 64);
    assert.equal(javaHashMapOrder(keys(49)).capacity, 128);
  });

  void it('doubles a small table instead of making a tree bin, then makes one at 64', () => {
    // Eleven keys whose spread hashes share their low six bits (vector C12).
    const keys = ['aad', 'abE', 'acf', 'adG', 'aeh', 'afI', 'agj', 'ahK', 'ail', 'ajM', 'akn'];
    const low = new Set(keys.map((key) => spreadHash(javaStringHash(key)) & 63));
    assert.equal(low.size, 1);
    assert.deepEqual(javaHashMapOrder(keys.slice(0, 8)), {
      order: [0, 1, 2, 3, 4, 5, 6, 7], capacity: 16, treeBin: false });
    assert.equal(javaHashMapOrder(keys.slice(0, 9)).capacity, 32);
    assert.equal(javaHashMapOrder(keys.slice(0, 10)).capacity, 64);
    assert.equal(javaHashMapOrder(keys.slice(0, 10)).treeBin, false);
    assert.equal(javaHashMapOrder(keys).treeBin, true);
  });
});
