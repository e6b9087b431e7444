import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseJson } from '../../../src/core/json/parse-json';
import { getMember } from '../../../src/core/json/json-access';
import { renderJavaMap } from '../../../src/core/ecs/java-map-string';
import { javaStringHash, spreadHash } from '../../../src/core/ecs/java-hash-order';
import { SHARED, loadFixtures } from './fixtures';
import { oracleRender } from './oracle';

interface Vector {
  id: string;
  raw: string;
  newest: string;
  /** The 2024 rendering when the table gives one (C8), or the JDK's answer for C12. */
  other?: string;
}

// The computed vectors C1-C12 of ecs-mapping.md, section 10.2, read from the document.
function specVectors(): Vector[] {
  const text = fs.readFileSync(path.join(SHARED, 'reference', 'ecs-mapping.md'), 'utf8');
  const vectors: Vector[] = [];
  for (const line of text.split('\n')) {
    const row = /^\| (C\d+) \|(.*)$/.exec(line);
    if (row === null) continue;
    const quoted = [...row[2].matchAll(/`([^`]*)`/g)].map((match) => match[1]);
    vectors.push({ id: row[1], raw: quoted[0], newest: quoted[1], other: quoted[2] });
  }
  // C10 is described in words: C9's object plus "xaa":{} as a 13th key.
  const c9 = vectors.find((vector) => vector.id === 'C9') as Vector;
  const c10 = vectors.find((vector) => vector.id === 'C10') as Vector;
  assert.equal(c10.raw, '"xaa":{}');
  c10.raw = c9.raw.replace(/}$/, ',"xaa":{}}');
  // C12's first quoted text is the raw object and the second the JDK's output.
  const c12 = vectors.find((vector) => vector.id === 'C12') as Vector;
  c12.other = c12.newest;
  return vectors;
}

void describe('renderJavaMap on the computed vectors of ecs-mapping.md 10.2', () => {
  const vectors = specVectors();

  void it('finds the twelve vectors in the document', () => {
    assert.deepEqual(vectors.map((vector) => vector.id),
      ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8', 'C9', 'C10', 'C11', 'C12']);
  });

  for (const vector of vectors.filter((v) => v.id !== 'C12')) {
    void it(`renders ${vector.id} exactly, with newest pruning`, () => {
      const rendered = renderJavaMap(parseJson(vector.raw), 'newest');
      assert.deepEqual(rendered, { text: vector.newest, approximate: false });
    });
  }

  void it('renders C8 with 2024 pruning keeping "-" and "none"', () => {
    const c8 = vectors.find((vector) => vector.id === 'C8') as Vector;
    assert.equal(renderJavaMap(parseJson(c8.raw), '2024')?.text, c8.other);
  });

  void it('flags C12 (a tree bin) as approximate and keeps every key', () => {
    const c12 = vectors.find((vector) => vector.id === 'C12') as Vector;
    const rendered = renderJavaMap(parseJson(c12.raw), 'newest');
    assert.equal(rendered?.approximate, true);
    const keys = (text: string): string[] =>
      text.slice(1, -1).split(', ').map((entry) => entry.split('=')[0]);
    assert.deepEqual(keys(rendered?.text ?? '').sort(), keys(c12.other ?? '').sort());
  });

  void it('agrees with the oracle on every vector, in both pruning modes', () => {
    const cases = vectors.flatMap((vector) => [[vector.raw, true], [vector.raw, false]] as const);
    const answers = oracleRender(cases);
    cases.forEach(([raw, newest], i) => {
      const rendered = renderJavaMap(parseJson(raw), newest ? 'newest' : '2024');
      const answer = answers[i];
      if (answer.status === 3) assert.equal(rendered?.approximate, true, raw);
      else if (answer.status === 4) assert.equal(rendered, undefined, raw);
      else assert.deepEqual(rendered, { text: answer.text, approximate: false }, raw);
    });
  });
});

void describe('renderJavaMap on the fixtures', () => {
  const objects: [string, string][] = [
    ['requestParameters', 'request_parameters'],
    ['responseElements', 'response_elements'],
    ['additionalEventData', 'additional_eventdata'],
    ['serviceEventDetails', 'service_event_details'],
  ];
  for (const fixture of loadFixtures()) {
    fixture.events.forEach((event, index) => {
      if (event.expected_newest === null) return;
      const expected = (event.expected_newest.aws as { cloudtrail: Record<string, unknown> })
        .cloudtrail;
      void it(`reproduces every rendered string of ${fixture.file} record ${index + 1}`, () => {
        const record = parseJson(event.raw_line);
        for (const [raw, name] of objects) {
          const node = getMember(record, raw);
          const rendered = node === undefined ? undefined : renderJavaMap(node, 'newest');
          assert.equal(rendered?.text, expected[name], `${name}`);
        }
      });
    });
  }
});

void describe('renderJavaMap values and pruning', () => {
  const render = (text: string, pruning: 'newest' | '2024' = 'newest'): string | undefined =>
    renderJavaMap(parseJson(text), pruning)?.text;

  void it('prints doubles the way Java does', () => {
    assert.equal(render('[1.0, 0.001, 0.0009, 9999999.0, 10000000, 1e7, 1e23, 4.9e-324, ' +
      '-0.0, 1e400, -1e400, 123.456, 1.7976931348623157e308, 0.1e1]'),
    '[1.0, 0.001, 9.0E-4, 9999999.0, 10000000, 1.0E7, 1.0E23, 4.9E-324, -0.0, Infinity, ' +
      '-Infinity, 123.456, 1.7976931348623157E308, 1.0]');
  });

  void it('prints integers as written, -0 as 0', () => {
    assert.equal(render('[-0, 5, -12, 98765432109876543210]'), '[0, 5, -12, 98765432109876543210]');
  });

  void it('removes empty values recursively and reports nothing left as undefined', () => {
    assert.equal(render('{"a":{"b":[{},[],null,""]},"c":[[]]}'), undefined);
    assert.equal(render('{"a":{"b":[{},1]}}'), '{a={b=[1]}}');
    assert.equal(render('null'), undefined);
    assert.equal(render('"-"'), undefined);
    assert.equal(render('"-"', '2024'), '-');
  });

  void it('renders strings unquoted and unescaped, newlines included', () => {
    assert.equal(render('{"a":"x\\ny, z=\\"q\\""}'), '{a=x\ny, z="q"}');
  });

  void it('keeps counting pruned keys for the table size', () => {
    const twelve = Array.from({ length: 12 }, (_, i) => `"k${String(i).padStart(2, '0')}":${i}`);
    const without = render(`{${twelve.join(',')}}`);
    const withPruned = render(`{${twelve.join(',')},"zz":null}`);
    assert.notEqual(without, withPruned);
    assert.equal(withPruned?.split(', ').length, 12);
  });

  void it('renders a map whose only survivors were moved away as {}', () => {
    const node = parseJson('{"UserName":"bob","x":null}');
    assert.deepEqual(renderJavaMap(node, 'newest', { omitKeys: ['UserName'] }),
      { text: '{}', approximate: false });
    assert.equal(renderJavaMap(parseJson('{"x":null}'), 'newest', { omitKeys: ['x'] }), undefined);
    assert.equal(renderJavaMap(parseJson('{"a":1,"UserName":"b"}'), 'newest',
      { omitKeys: ['UserName'] })?.text, '{a=1}');
  });

  void it('renders 100,000 nested objects without exhausting the stack', () => {
    const depth = 100_000;
    const rendered = render('{"a":'.repeat(depth) + '1' + '}'.repeat(depth));
    assert.equal(rendered, '{a='.repeat(depth) + '1' + '}'.repeat(depth));
  });
});

// ---- property test against the Python oracle ---------------------------------------------------

// Keys sharing the low bits of their spread hash, to drive collision growth and tree bins.
function collidingKeyPools(bits: number): string[][] {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  const pools = new Map<number, string[]>();
  for (const a of letters) {
    for (const b of letters) {
      for (const c of 'aeiouXYZ') {
        const key = a + b + c;
        const bucket = spreadHash(javaStringHash(key)) & ((1 << bits) - 1);
        const pool = pools.get(bucket) ?? [];
        pool.push(key);
        pools.set(bucket, pool);
      }
    }
  }
  return [...pools.values()].filter((pool) => pool.length >= 12).slice(0, 8);
}

const POOLS = [...collidingKeyPools(4), ...collidingKeyPools(6)];

const numberText = fc.oneof(
  fc.integer().map(String),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => JSON.stringify(x)),
  fc.tuple(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 0, max: 16 }))
    .map(([x, digits]) => x.toExponential(digits)),
  fc.tuple(fc.integer({ min: -99999, max: 99999 }), fc.integer({ min: 1, max: 4 }))
    .map(([n, zeros]) => `${n}.${'0'.repeat(zeros)}`),
  fc.constantFrom('-0', '-0.0', '1E2', '1.50', '1e400', '-1e400', '1e-400', '0.001', '0.00099',
    '9999999.999', '10000000.0', '4.9e-324', '2.2250738585072014E-308', '1e23', '5e-324'),
);

const stringValue = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  { weight: 2, arbitrary: fc.constantFrom('', '-', 'none', 'None', ' ', 'a=b, c={d}', '[x]') },
);

const key = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  { weight: 2, arbitrary: fc.nat({ max: 200 }).map(String) },
  { weight: 2, arbitrary: fc.constantFrom(...POOLS.flat()) },
);

const leaf = fc.oneof(
  { weight: 3, arbitrary: stringValue.map((s) => JSON.stringify(s)) },
  { weight: 3, arbitrary: numberText },
  { weight: 1, arbitrary: fc.constantFrom('true', 'false', 'null', '{}', '[]') },
);

function objectText(entries: readonly (readonly [string, string])[]): string {
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;
}

const jsonText = fc.letrec<{ value: string; object: string }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true },
    leaf, tie('object'),
    fc.array(tie('value'), { maxLength: 3 }).map((items) => `[${items.join(',')}]`)),
  object: fc.oneof(
    { weight: 5, arbitrary: fc.uniqueArray(fc.tuple(key, tie('value')),
      { maxLength: 14, selector: ([k]) => k }).map(objectText) },
    // Many keys from one colliding pool: collision growth, tree bins, splits.
    { weight: 1, arbitrary: fc.tuple(fc.nat({ max: POOLS.length - 1 }),
      fc.integer({ min: 8, max: 12 }),
      fc.uniqueArray(fc.tuple(key, leaf), { maxLength: 16, selector: ([k]) => k }))
      .map(([pool, count, extra]) => {
        const colliding = POOLS[pool].slice(0, count);
        const others = extra.filter(([k]) => !colliding.includes(k));
        return objectText([...colliding.map((k, i) => [k, String(i)] as const), ...others]);
      }) },
  ),
})).object;

void describe('renderJavaMap against the Python oracle', () => {
  void it('agrees with the oracle on thousands of random objects, in both pruning modes', () => {
    const samples = fc.sample(fc.tuple(jsonText, fc.boolean()), { numRuns: 3000, seed: 20240611 });
    const answers = oracleRender(samples);
    let rendered = 0;
    let treeBins = 0;
    let empty = 0;
    samples.forEach(([text, newest], i) => {
      const answer = answers[i];
      const ours = renderJavaMap(parseJson(text), newest ? 'newest' : '2024');
      const context = `${newest ? 'newest' : '2024'} ${text}`;
      if (answer.status === 3) {
        treeBins++;
        assert.equal(ours?.approximate, true, context);
      } else if (answer.status === 4) {
        empty++;
        assert.equal(ours, undefined, context);
      } else {
        rendered++;
        assert.equal(answer.status, 0, context);
        assert.deepEqual(ours, { text: answer.text, approximate: false }, context);
      }
    });
    // The generator must exercise all three outcomes for the comparison to mean something.
    assert.ok(rendered > 1500, `rendered ${rendered}`);
    assert.ok(treeBins > 20, `tree bins ${treeBins}`);
    assert.ok(empty > 20, `empty ${empty}`);
  });

  void it('agrees with the oracle on a fresh random sample each run', () => {
    const samples = fc.sample(fc.tuple(jsonText, fc.boolean()), 1000);
    const answers = oracleRender(samples);
    samples.forEach(([text, newest], i) => {
      const answer = answers[i];
      const ours = renderJavaMap(parseJson(text), newest ? 'newest' : '2024');
      if (answer.status === 3) assert.equal(ours?.approximate, true, text);
      else if (answer.status === 4) assert.equal(ours, undefined, text);
      else assert.deepEqual(ours, { text: answer.text, approximate: false }, text);
    });
  });

  void it('agrees with the oracle on the Java format of random doubles', () => {
    const doubles = fc.sample(fc.double({ noNaN: true, noDefaultInfinity: true }), 3000)
      .map((x) => [`[${JSON.stringify(x)}]`, true] as const);
    const answers = oracleRender(doubles);
    doubles.forEach(([text], i) => {
      assert.equal(renderJavaMap(parseJson(text), 'newest')?.text, answers[i].text, text);
    });
  });
});
