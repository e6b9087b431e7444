import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MUST_PARSE } from '../../../src/core/fast/event-flags';
import { RecordReader, type KeyHash } from '../../../src/core/fast/record-reader';
import { scanText } from '../../../src/core/scan';
import { allRules, assertAboutAsFastAsReference, positiveRecord } from '../hostile/helpers';
import { collidingKeys } from '../hostile/inputs';

/** `count` distinct keys like key0, key1… */
function plainKeys(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `key${i}`);
}

/**
 * `count` distinct keys of nine characters that all have the reader's signature of "QxxxMxxxQ"
 * (the same length, first, middle and last character).
 */
function sameSignatureKeys(count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const digits = String(i).padStart(6, '0');
    return `Q${digits.slice(0, 3)}M${digits.slice(3)}Q`;
  });
}

/** The JSON text of an object with these keys (and small numbers as values). */
function objectText(keys: readonly string[], value = (i: number): string => String(i)): string {
  return `{${keys.map((key, i) => `${JSON.stringify(key)}:${value(i)}`).join(',')}}`;
}

/** The object wrapped in `depth` objects, each with a key or two of its own. */
function nestedIn(object: string, depth: number): string {
  let text = object;
  for (let d = 0; d < depth; d++) text = `{"before${d}":1,"inner":${text},"after":2}`;
  return text;
}

/** The keys with keys[second] replaced by keys[first]. */
function repeating(keys: readonly string[], first: number, second: number): string[] {
  const copy = [...keys];
  copy[second] = copy[first];
  return copy;
}

/** The reader's own hash, and poor ones that make distinct keys collide. */
const HASHES: [string, KeyHash | undefined][] = [['the seeded hash', undefined],
  ['one hash for every key', () => 0], ['three hashes', (_text, _start, length) => length % 3]];

/** Reads one record, which must be sound; returns the reader. */
function read(text: string, hash?: KeyHash): RecordReader {
  const reader = new RecordReader(text, hash);
  assert.equal(reader.read(0), text.length);
  return reader;
}

function mustParse(text: string, hash?: KeyHash): boolean {
  return (read(text, hash).flags & MUST_PARSE) !== 0;
}

/** `count` keys of each kind: plain, of one signature, of one String.hashCode. */
function manyKeys(count: number): [string, string[]][] {
  return [['plain', plainKeys(count)], ['same signature', sameSignatureKeys(count)],
    ['same String.hashCode', collidingKeys(count)]];
}

/** Total length of the keys, plus one per key: what a linear check would at least read. */
function keyText(keys: readonly string[]): number {
  return keys.reduce((sum, key) => sum + key.length + 1, 0);
}

void describe('RecordReader with objects of many keys', () => {
  void it('flags a key repeated anywhere in an object of thousands of keys, at any depth', () => {
    const keys = plainKeys(5000);
    const pairs = [[0, 1], [0, 4999], [30, 31], [31, 32], [32, 33], [0, 40], [100, 4000],
      [4998, 4999], [2500, 2501]];

    for (const [name, hash] of HASHES) {
      for (const depth of [0, 1, 5]) {
        assert.equal(mustParse(nestedIn(objectText(keys), depth), hash), false, name);
        for (const [first, second] of pairs) {
          const text = nestedIn(objectText(repeating(keys, first, second)), depth);
          assert.equal(mustParse(text, hash), true, `${name}, depth ${depth}, ${first}`);
        }
      }
    }
  });

  void it('tells apart distinct keys whose signatures are all the same', () => {
    for (const [name, hash] of HASHES) {
      for (const keys of [sameSignatureKeys(3000), collidingKeys(4096)]) {
        assert.equal(mustParse(objectText(keys), hash), false, name);
        assert.equal(mustParse(objectText(repeating(keys, 5, 2999)), hash), true, name);
        assert.equal(mustParse(objectText(repeating(keys, 2998, 2999)), hash), true, name);
        assert.equal(mustParse(objectText(repeating(keys, 0, 20)), hash), true, name);
      }
    }
  });

  void it('checks each of several nested objects of many keys on its own', () => {
    const keys = plainKeys(2000);
    const inner = objectText(keys);
    const withInner = (innerText: string, outerKeys = keys): string =>
      objectText(outerKeys, (i) => (i === 1000 ? innerText : String(i)));

    for (const [name, hash] of HASHES) {
      // The same names in an object and the objects inside it, or in siblings, are fine.
      assert.equal(mustParse(withInner(inner), hash), false, name);
      assert.equal(mustParse(withInner(withInner(inner)), hash), false, name);
      assert.equal(mustParse(`{"a":${inner},"b":${inner},"c":${withInner(inner)}}`, hash), false,
        name);

      // A repeat inside the inner object, in the outer one around it, or two levels down.
      assert.equal(mustParse(withInner(objectText(repeating(keys, 10, 1500))), hash), true, name);
      assert.equal(mustParse(withInner(inner, repeating(keys, 999, 1999)), hash), true, name);
      assert.equal(mustParse(withInner(inner, repeating(keys, 1001, 1002)), hash), true, name);
      assert.equal(mustParse(withInner(withInner(objectText(repeating(keys, 7, 8)))), hash), true,
        name);
    }
  });

  void it('flags exactly the records whose objects repeat a key, whatever their sizes', () => {
    // Objects of up to 90 distinct keys, half of them with one key written twice. The keys are
    // made of few names, so that distinct keys often share a signature ("aab5aab" and "abb5abb").
    const name = fc.constantFrom('a', 'b', 'ab', 'bb', 'aab', 'abb', 'aaab', 'abab');
    const key = fc.tuple(name, fc.nat(60)).map(([n, i]) => `${n}${i}${n}`);
    interface Shape { keys: string[]; children: readonly Shape[] }
    const shape: fc.Arbitrary<Shape> = fc.letrec<{ node: Shape }>((tie) => ({
      node: fc.record({
        keys: fc.uniqueArray(key, { maxLength: 90, size: 'max' }),
        repeat: fc.option(fc.tuple(fc.nat(), fc.nat()), { freq: 2 }),
        children: fc.oneof({ depthSize: 'small', withCrossShrink: true },
          fc.constant<Shape[]>([]), fc.array(tie('node'), { maxLength: 3 })),
      }).map(({ keys, repeat, children }) => {
        // A repeat of one key at another place, when the object has two keys to pick from.
        if (repeat !== null && keys.length > 1) {
          const [first, second] = repeat.map((n) => n % keys.length);
          if (first !== second) keys[second] = keys[first];
        }
        return { keys, children };
      }),
    })).node;

    const textOf = (node: Shape): string => objectText(node.keys, (i) => {
      const child = node.children[i % 7];
      return i % 7 < node.children.length && child !== undefined ? textOf(child) : String(i);
    });
    const repeats = (node: Shape): boolean => new Set(node.keys).size < node.keys.length
      || node.keys.some((_, i) => i % 7 < node.children.length
        && repeats(node.children[i % 7]));

    for (const [, hash] of HASHES) {
      fc.assert(fc.property(shape, (node) => {
        assert.equal(mustParse(textOf(node), hash), repeats(node));
      }), { numRuns: 200, endOnFailure: true });
    }
  });

  void it('does work linear in the keys\' text for 65,536 keys of any kind', () => {
    for (const [kind, keys] of manyKeys(65_536)) {
      for (const repeat of [false, true]) {
        const reader = read(objectText(repeat ? repeating(keys, 123, keys.length - 1) : keys));

        assert.equal((reader.flags & MUST_PARSE) !== 0, repeat, kind);
        const bound = 3 * keyText(keys);
        assert.ok(reader.keyWork <= bound, `${kind}: ${reader.keyWork} > ${bound}`);
      }
    }
  });

  void it('does work near-linear in the keys\' text even when every key hashes alike', () => {
    for (const [kind, keys] of manyKeys(65_536)) {
      const reader = read(objectText(keys), () => 0);

      assert.equal(reader.flags & MUST_PARSE, 0, kind);
      const bound = 2 * keyText(keys) * Math.log2(keys.length);
      assert.ok(reader.keyWork <= bound, `${kind}: ${reader.keyWork} > ${bound}`);
    }
  });

  void it('does work near-linear in the keys\' text for long keys that differ at their end',
    () => {
      const keys = Array.from({ length: 1000 }, (_, i) => `${'k'.repeat(4000)}${i}`);
      const text = nestedIn(objectText(repeating(keys, 0, 999)), 2);
      const seeded = read(text);
      const alike = read(text, () => 0);

      assert.equal(seeded.flags & MUST_PARSE, MUST_PARSE);
      assert.equal(alike.flags & MUST_PARSE, MUST_PARSE);
      assert.ok(seeded.keyWork <= 3 * keyText(keys), `${seeded.keyWork}`);
      const bound = 2 * keyText(keys) * Math.log2(keys.length);
      assert.ok(alike.keyWork <= bound, `${alike.keyWork} > ${bound}`);
    });

  void it('does work linear in the keys\' text for many nested objects of many keys', () => {
    const keys = sameSignatureKeys(4096);
    const inner = objectText(keys);
    const reader = read(objectText(keys, (i) => (i % 256 === 0 ? inner : String(i))));

    assert.equal(reader.flags & MUST_PARSE, 0);
    const bound = 3 * 17 * keyText(keys);
    assert.ok(reader.keyWork <= bound, `${reader.keyWork} > ${bound}`);
  });

  void it('scans records whose 16,384 keys share a signature about as fast as the reference path',
    () => {
      const keys = sameSignatureKeys(16_384);
      const record = JSON.stringify(positiveRecord());
      const text = `{"Records":[${[keys, repeating(keys, 1, 16_383)].map((k) =>
        record.replace('"requestParameters":{', `"requestParameters":{"many":${objectText(k)},`))
        .join(',')}]}`;
      const rules = allRules();

      assertAboutAsFastAsReference(text, rules);
    });

  void it('keeps the scan\'s results those of the reference path on records of many keys', () => {
    // Records that no rule needs (so that only a repeated key can make the scan parse them),
    // small enough to be judged by the prefilter, and the positive record of the built-in rule.
    const quiet = { ...positiveRecord(), eventSource: 'quiet.amazonaws.com', eventName: 'Quiet' };
    const records: string[] = [];
    for (const count of [20, 31, 32, 33, 40, 100, 400]) {
      for (const [first, second] of [[-1, -1], [0, 1], [0, count - 1], [count - 2, count - 1],
        [Math.min(32, count - 2), count - 1]]) {
        const keys = plainKeys(count);
        const object = objectText(first < 0 ? keys : repeating(keys, first, second));
        for (const base of [quiet, positiveRecord()]) {
          const text = JSON.stringify(base);
          records.push(text.replace('"requestParameters":{', `"requestParameters":{"many":${
            object},`));
          records.push(text.replace('{', `{"extra":${nestedIn(object, 3)},`));
          records.push(`${text.slice(0, -1)},${object.slice(1, -1)}}`);
        }
      }
    }
    const text = `{"Records":[${records.join(',')}]}`;
    const rules = allRules();
    const expected = scanText(text, rules, { reference: true });

    assert.ok(expected.problems.length > 0 && expected.findings.length > 0);
    assert.deepEqual(scanText(text, rules), expected);
  });
});
