// Keys and numbers chosen to break a JavaScript engine: duplicate keys, keys named like
// Object.prototype's members (and prototype pollution through them), tens of thousands of keys
// with one Java String.hashCode (HashMap tree bins), and numbers no double holds.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mapRecord } from '../../../src/core/ecs';
import { parseExceptionsFile } from '../../../src/core/exceptions';
import { javaHashMapOrder, javaStringHash } from '../../../src/core/ecs';
import { parseJson, toPlain } from '../../../src/core/json';
import { scanText } from '../../../src/core/scan';
import { allRules, assertPrototypeClean, assertScanContract, positiveRecord } from './helpers';
import { collidingKeys, manyKeyTexts, withParameters } from './inputs';

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty',
  'valueOf', '__defineGetter__', 'isPrototypeOf'];

void describe('duplicate and prototype-named keys', () => {
  void it('report a duplicate key at its offset and skip only that event', () => {
    const first = withParameters('', '"copied":"x","copied":"y",');
    const text = `${first}\n${JSON.stringify({ Records: [positiveRecord()] })}`;
    const result = scanText(text, allRules());

    assertScanContract(text, result);
    assert.equal(result.findings.length, 1);
    const [problem] = result.problems;
    assert.match(problem.message, /event 1 is not valid JSON: Duplicate key "copied"/);
    assert.equal(problem.offset, text.indexOf('"copied":"y"'));
  });

  void it('keep keys like __proto__ and constructor as data, polluting nothing', () => {
    const inner = '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"isAdmin":true}},'
      + '"toString":"x","hasOwnProperty":1}';
    const members = PROTO_KEYS.map((key) => `"${key}":${inner}`).join(',');
    const text = withParameters(`${members},`, `${members},`);
    const result = scanText(text, allRules());

    assertScanContract(text, result);
    assert.equal(result.findings.length, 1);
    const rendered = result.findings[0].fields['aws.cloudtrail.request_parameters'];
    assert.equal(typeof rendered, 'string');
    assert.match(rendered as string, /__proto__=\{polluted=yes\}/);
    const plain = toPlain(parseJson(text)) as { Records: { [key: string]: unknown }[] };
    assert.deepEqual(Object.keys(plain.Records[0]).filter((k) => PROTO_KEYS.includes(k)),
      PROTO_KEYS);
    assert.equal(Object.getPrototypeOf(plain.Records[0]), Object.prototype);
    assertPrototypeClean();
  });

  void it('map records whose keys are all prototype names, at every level', () => {
    const node = parseJson(JSON.stringify(Object.fromEntries(PROTO_KEYS.map((key) =>
      [key, Object.fromEntries(PROTO_KEYS.map((k) => [k, [k, { [k]: k }]]))]))));
    const doc = mapRecord(node, {});

    assert.doesNotThrow(() => JSON.stringify(doc.source));
    assert.ok([...doc.fieldNames()].length >= 0);
    assertPrototypeClean();
  });
});

void describe('keys with one String.hashCode', () => {
  void it('are all built from "Aa" and "BB"', () => {
    const hashes = new Set(collidingKeys(1024).map(javaStringHash));

    assert.equal(hashes.size, 1);
  });

  void it('order a map of 65,536 of them quickly, saying the order is approximate', () => {
    const keys = collidingKeys(65_536);
    const started = performance.now();
    const order = javaHashMapOrder(keys);

    assert.equal(order.treeBin, true);
    assert.equal(new Set(order.order).size, keys.length);
    assert.ok(performance.now() - started < 1000);
  });

  void it('scan a record with tens of thousands of them in time linear in the keys', () => {
    // The reference path; the default one is held to it in linear-time.test.ts.
    for (const text of manyKeyTexts()) {
      const started = performance.now();
      const reference = scanText(text, allRules(), { reference: true });

      assert.ok(performance.now() - started < 2000);
      assertScanContract(text, reference);
      assert.equal(reference.events, 1);
    }
  });

  void it('note that a small map with a tree bin has an approximate order', () => {
    const members = collidingKeys(11).map((key, i) => `"${key}":${i}`).join(',');
    const doc = mapRecord(parseJson(JSON.stringify(positiveRecord())
      .replace('"requestParameters":{', `"requestParameters":{${members},`)), {});

    assert.ok(doc.notes.some((note) => /approximate/.test(note)), doc.notes.join('\n'));
  });
});

void describe('numbers no double holds', () => {
  const numbers = ['1e400', '-1e400', '1E-400', '-0', '-0.0', '0e0', `1${'0'.repeat(300)}`,
    `-${'9'.repeat(300)}`, `0.${'0'.repeat(400)}1`, '123456789012345678901234567890.5e-5',
    `1${'0'.repeat(100_000)}`, '4.9e-324', '1.7976931348623157e308', '9007199254740993'];

  void it('scan and map them without throwing, keeping integers digit for digit', () => {
    for (const number of numbers) {
      const text = withParameters(`"n":${number},"m":[${number}],`,
        `"readOnly":${number},"apiVersion":${number},`);
      const result = scanText(text, allRules());

      assertScanContract(text, result);
      assert.equal(result.events, 1, number);
      const rendered = result.findings[0]?.fields['aws.cloudtrail.request_parameters'] ?? '';
      assert.equal(typeof rendered, 'string');
      if (!/[.eE]/.test(number) && number !== '-0' && number.length < 1000) {
        assert.ok((rendered as string).includes(`n=${number}`), number);
      }
    }
  });

  void it('name an out-of-range exceptions file version as written, not as null', () => {
    const parsed = parseExceptionsFile('{"version":1e400,"exceptions":{}}', 'exceptions.json');

    assert.equal(parsed.file, undefined);
    assert.deepEqual(parsed.problems.map((p) => p.message),
      ['Unsupported version Infinity: this file format has version 1.']);
  });

  void it('keep out-of-range numbers as text in plain output, never as null', () => {
    for (const number of ['1e400', '-1e400', `1${'0'.repeat(300)}`]) {
      const plain = toPlain(parseJson(`{"n":${number}}`)) as { n: unknown };
      assert.equal(plain.n, number);
      assert.equal(JSON.parse(JSON.stringify(plain)).n, number);
    }
  });
});
