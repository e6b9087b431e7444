// Properties over random small queries and documents: the required terms are sound, the
// explaining evaluation agrees with the fast one, and printing a tree gives it back.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ClauseExplanation } from '../../../src/core/types';
import type { KqlLiteral, KqlNode } from '../../../src/core/kql';
import { compileKql, parseKql, printKql, termSatisfiedBy } from '../../../src/core/kql';
import type { TestValue } from './doc-helper';
import { makeDoc } from './doc-helper';

const VALUES = ['x', 'y', 'xy', '"x"', '"x y"', 'x*', '*y', '*x*', '*', '**', 'true', '"true"',
  'X', '""', 'x\\*', 'a b', '\\u0078', 'y \\or'];
const FIELDS = ['f', 'g', 'a.b', 'a.*', '"f"'];

const value = fc.constantFrom(...VALUES);
const field = fc.constantFrom(...FIELDS);

const leaf = fc.oneof(
  fc.tuple(field, value).map(([f, v]) => `${f}: ${v}`),
  fc.tuple(field, value, value).map(([f, v, w]) => `${f}: (${v} or ${w})`),
  fc.tuple(field, value, value).map(([f, v, w]) => `${f}: (${v} and not ${w})`),
  fc.tuple(field, fc.constantFrom('<', '<=', '>', '>='), fc.constantFrom('x', 'y', '"a b"'))
    .map(([f, op, v]) => `${f} ${op} ${v}`),
  fc.constantFrom('x', '"x y"', 'y*'),
);

const query: fc.Arbitrary<string> = fc.letrec<{ q: string }>((tie) => ({
  q: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    tie('q').map((q) => `not (${q})`),
    fc.tuple(tie('q'), tie('q')).map(([a, b]) => `${a} and ${b}`),
    fc.tuple(tie('q'), tie('q')).map(([a, b]) => `${a} OR ${b}`),
    tie('q').map((q) => `(${q})`),
  ),
})).q;

const scalar = fc.constantFrom<TestValue>('x', 'y', 'xy', '', 'true', 'X', 'x*', 'a b', 'x y',
  'xay', 'y or');
const slot = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }));
const documents = fc.record({
  f: slot,
  g: slot,
  a: fc.oneof(fc.record({ b: slot }), fc.array(fc.record({ b: slot }), { maxLength: 2 })),
}, { requiredKeys: [] }) as fc.Arbitrary<{ [key: string]: TestValue }>;

// Recompute the verdict from the explained leaves, walking the tree in query order.
function verdictFromLeaves(node: KqlNode, leaves: ClauseExplanation[]): boolean {
  let next = 0;
  const visit = (n: KqlNode): boolean => {
    switch (n.kind) {
      case 'or':
        return n.children.map(visit).some(Boolean);
      case 'and':
        return n.children.map(visit).every(Boolean);
      case 'not':
        return !visit(n.child);
      case 'all':
        return true;
      case 'nested':
        throw new Error('not generated');
      default:
        return leaves[next++].matched;
    }
  };
  const verdict = visit(node);
  assert.equal(next, leaves.length);
  return verdict;
}

// The tree without offsets.
function strip(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strip);
  if (node === null || typeof node !== 'object') return node;
  const out: { [key: string]: unknown } = {};
  for (const [key, v] of Object.entries(node)) {
    if (key !== 'span' && key !== 'star') out[key] = strip(v);
  }
  return out;
}

void describe('properties of compiled queries', () => {
  void it('required terms are sound: a matching document satisfies a term of every group', () => {
    fc.assert(fc.property(query, documents, (text, source) => {
      const doc = makeDoc(source);
      const compiled = compileKql(text, { fieldType: () => 'keyword' });
      if (!compiled.matches(doc)) return true;
      return compiled.requiredClauses()
        .every((group) => group.some((term) => termSatisfiedBy(term, doc)));
    }), { numRuns: 4000 });
  });

  void it('the explaining evaluation reaches the same verdict as the fast one', () => {
    fc.assert(fc.property(query, documents, (text, source) => {
      const doc = makeDoc(source);
      const compiled = compileKql(text);
      const leaves = compiled.explain(doc);
      return verdictFromLeaves(parseKql(text), leaves) === compiled.matches(doc);
    }), { numRuns: 3000 });
  });

  void it('printing a tree gives text that parses back to the same tree and verdicts', () => {
    fc.assert(fc.property(query, documents, (text, source) => {
      const doc = makeDoc(source);
      const tree = parseKql(text);
      const printed = printKql(tree);
      assert.deepEqual(strip(parseKql(printed)), strip(tree), printed);
      return compileKql(printed).matches(doc) === compileKql(text).matches(doc);
    }), { numRuns: 3000 });
  });

  void it('printing keeps awkward values: keywords, specials, whitespace and literal words', () => {
    const awkward = ['x or y', 'a and b', 'not b', 'cannot x', 'NOT y', 'a:b', '(x)', 'a*b',
      '\\', '"', ' padded ', 'true', 'null', '', 'tab\there', 'a\u00a0or\u00a0b', 'a\u0000b'];
    for (const text of awkward) {
      for (const quoted of [false, true]) {
        const literal: KqlLiteral = { kind: 'string', value: text, quoted,
          span: { start: 0, end: 0 } };
        const tree: KqlNode = { kind: 'match', value: literal, span: { start: 0, end: 0 },
          field: { name: 'f', quoted: false, span: { start: 0, end: 0 } } };
        const reparsed = parseKql(printKql(tree));

        assert.ok(reparsed.kind === 'match', printKql(tree));
        assert.equal(reparsed.value.kind, 'string', printKql(tree));
        assert.ok(reparsed.value.kind === 'string');
        assert.equal(reparsed.value.value, text, printKql(tree));
      }
    }
  });
});
