// Random damage to real files (fast-check, fixed seed, bounded runs): deleted and duplicated
// stretches, stray brackets, quotes, escapes, control characters, lone surrogates and CloudTrail
// fragments spliced in anywhere. locateEvents, parseJson, mapRecord and scanText must keep
// their contracts on every mutant.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mapEcsSource, mapRecord } from '../../../src/core/ecs';
import { JsonSyntaxError, parseJson } from '../../../src/core/json';
import { locateEvents } from '../../../src/core/locate';
import { scanText } from '../../../src/core/scan';
import {
  allRules, assertLocateContract, assertPrototypeClean, assertScanContract, assertSpan,
  corpusText, smallCorpusFiles,
} from './helpers';

const SEED = 20261203;

const SNIPPETS = ['{', '}', '[', ']', '"', '\\', ':', ',', '\n', '\r\n', '\t', ' ', '\u0000',
  '\u0001', '\u001f', '\ud800', '\udc00', '\u2028', '\ufeff', '\\u00', '\\ud800', '\\"', '1e400',
  '-0', `1${'0'.repeat(40)}`, 'null', 'true', '"Records":[', '"Events":[', '"detail":',
  '"CloudTrailEvent":"{\\"eventVersion\\":\\"1.08\\"}"', '{"eventVersion":"1.08",',
  '"eventName":"DescribeImages",', '"requestParameters":{', '"__proto__":{"polluted":1},',
  '"eventName":"x","eventName":"y",', '</script>', '[x](command:x)'];

type Mutation =
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; snippet: string }
  | { kind: 'duplicate'; at: number; length: number }
  | { kind: 'truncate'; at: number };

// Positions are drawn uniformly in ten-thousandths of the text (fc.double favours the ends).
const where = fc.nat(9999);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: where, length: fc.nat(64) }),
  fc.record({ kind: fc.constant('insert' as const), at: where,
    snippet: fc.oneof(fc.constantFrom(...SNIPPETS), fc.string({ unit: 'binary', maxLength: 8 })) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: where, length: fc.nat(400) }),
  fc.record({ kind: fc.constant('truncate' as const), at: where }),
);

/** Applies mutations in order; positions are fractions of the current length. */
function mutate(text: string, mutations: readonly Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    const at = Math.floor((m.at / 10_000) * out.length);
    switch (m.kind) {
      case 'delete': out = out.slice(0, at) + out.slice(at + m.length); break;
      case 'insert': out = out.slice(0, at) + m.snippet + out.slice(at); break;
      case 'duplicate': out = out.slice(0, at + m.length) + out.slice(at); break;
      case 'truncate': out = out.slice(0, at); break;
    }
  }
  return out;
}

// Real files up to 12 KB, and the head of a larger one (its first events).
const SOURCES = [...smallCorpusFiles(12_000).map(corpusText),
  corpusText('otrf_ec2_proxy_s3_exfiltration_2020-09-14011940.json').slice(0, 12_000)];

const mutant = fc.tuple(fc.nat(SOURCES.length - 1), fc.array(mutation, { maxLength: 6 }))
  .map(([source, mutations]) => mutate(SOURCES[source], mutations));

void describe('randomly damaged real files', () => {
  void it('keep the locator\'s contract', () => {
    fc.assert(fc.property(mutant, (text) => {
      assertLocateContract(text, locateEvents(text));
    }), { seed: SEED, numRuns: 500 });
  });

  void it('parse as JSON.parse does, or fail with an offset inside the text', () => {
    fc.assert(fc.property(mutant, (text) => {
      let standard = true;
      try {
        JSON.parse(text);
      } catch {
        standard = false;
      }

      try {
        parseJson(text);
        assert.ok(standard, 'parseJson accepted what JSON.parse refuses');
      } catch (error) {
        assert.ok(error instanceof JsonSyntaxError, String(error));
        assert.ok(error.offset >= 0 && error.offset <= text.length);
        assert.ok(!standard || /^Duplicate key/.test(error.message), error.message);
      }
    }), { seed: SEED, numRuns: 500 });
  });

  void it('map every located event that parses, with spans inside the text', () => {
    fc.assert(fc.property(mutant, (text) => {
      for (const event of locateEvents(text).events) {
        if (event.encoding === 'escaped' || event.encoding === 'lake-row') continue;
        let node;
        try {
          node = parseJson(text, event.span.start, event.span.end);
        } catch (error) {
          assert.ok(error instanceof JsonSyntaxError);
          continue;
        }

        const doc = event.encoding === 'ecs' ? mapEcsSource(node, {}) : mapRecord(node, {});
        assert.doesNotThrow(() => JSON.stringify(doc.source));
        for (const name of doc.fieldNames()) {
          for (const value of doc.field(name)?.values ?? []) {
            assert.equal(typeof value.text, 'string');
            assertSpan(value.span, text.length, name);
          }
        }
      }
    }), { seed: SEED, numRuns: 300 });
  });

  void it('scan with every rule, keeping the output contract', () => {
    const rules = allRules();
    fc.assert(fc.property(mutant, (text) => {
      assertScanContract(text, scanText(text, rules));
    }), { seed: SEED, numRuns: 300 });
    assertPrototypeClean();
  });
});
