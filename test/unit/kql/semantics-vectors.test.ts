// The 52 test vectors of kql-semantics.md, section 7, one table row each. The expected column
// is Elasticsearch's answer; where it is "query error", the compiled query must report an
// error problem (and the engine must not claim a match).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compileKql, KqlSyntaxError, parseKql } from '../../../src/core/kql';
import type { DocOptions, TestValue } from './doc-helper';
import { CLOUDTRAIL_CONSTANTS, fieldTypeFor, makeDoc, rawNumber } from './doc-helper';

type Source = { [key: string]: TestValue };

interface Case {
  doc: Source;
  expected: boolean;
}

interface Vector {
  n: number;
  query: string;
  cases?: Case[];
  options?: DocOptions;
  syntaxError?: boolean;
  /** A static problem the query must report. */
  problem?: 'error' | 'warning';
}

const RP = 'aws.cloudtrail.flattened.request_parameters';

// Wrap leaves of the flattened request_parameters object.
function rp(object: Source): Source {
  return { aws: { cloudtrail: { flattened: { request_parameters: object } } } };
}

const OWNERS: Source = { ownersSet: { items: [{ owner: 'self' }] } };
const ELEMENTS: Source = { a: [{ b: 'x', c: 'z' }, { b: 'q', c: 'y' }] };
const LONG_STRING = `{${'k'.repeat(4500)}=owner=self, ${'v'.repeat(4490)}}`;

const VECTORS: Vector[] = [
  { n: 1, query: 'a:1 or b:2 and not c:3',
    cases: [{ doc: { a: '0', b: '2', c: '4' }, expected: true }] },
  { n: 2, query: 'not a:1 and b:2', cases: [{ doc: { a: '1', b: '2' }, expected: false }] },
  { n: 3, query: 'a:x AND b:y', cases: [{ doc: { a: 'x', b: 'y' }, expected: true }] },
  { n: 4, query: 'a:1 and(b:2)', syntaxError: true },
  { n: 5, query: 'not not a:1', syntaxError: true },
  { n: 6, query: 'f: hello world', cases: [{ doc: { f: 'hello world' }, expected: true }] },
  { n: 7, query: 'f: x y or z', problem: 'warning',
    cases: [{ doc: { f: 'x y' }, expected: true }] },
  { n: 8, query: 'f: cannot login', syntaxError: true },
  { n: 9, query: 'f: or', cases: [{ doc: { f: 'or' }, expected: true }] },
  { n: 10, query: 'f: \\or', cases: [{ doc: { f: 'or' }, expected: true }] },
  { n: 11, query: 'f: \\u0041', cases: [{ doc: { f: 'A' }, expected: true }] },
  { n: 12, query: 'f: "a*c"', cases: [
    { doc: { f: 'abc' }, expected: false }, { doc: { f: 'a*c' }, expected: true }] },
  { n: 13, query: 'f: a\\*c', cases: [
    { doc: { f: 'a*c' }, expected: true }, { doc: { f: 'abc' }, expected: false }] },
  { n: 14, query: 'f: "a\\*c"', cases: [
    { doc: { f: 'a*c' }, expected: false }, { doc: { f: 'a\\*c' }, expected: true }] },
  { n: 15, query: 'f: a?c', cases: [
    { doc: { f: 'abc' }, expected: false }, { doc: { f: 'a?c' }, expected: true }] },
  { n: 16, query: 'f: abc', cases: [{ doc: { f: 'ABC' }, expected: false }] },
  { n: 17, query: 'f: ab*', cases: [
    { doc: { f: 'ABC' }, expected: false }, { doc: { f: 'abcd' }, expected: true }] },
  { n: 18, query: 'f: *owner=*', cases: [{
    doc: { f: '{includeDeprecated=true, ownersSet={items=[{owner=self}]}}' }, expected: true }] },
  { n: 19, query: 'f: *owner=*', cases: [{ doc: { f: '{imageOwner=x}' }, expected: false }] },
  { n: 20, query: 'f: *a*', cases: [{ doc: { f: 'x\nay' }, expected: true }] },
  { n: 21, query: 'f: *', cases: [
    { doc: { f: '' }, expected: true }, { doc: {}, expected: false },
    { doc: { f: [] }, expected: false }] },
  { n: 22, query: 'f: **', cases: [{ doc: { f: '' }, expected: true }] },
  { n: 23, query: 'f: true', cases: [{ doc: { f: 'true' }, expected: true }] },
  { n: 24, query: 'f: TRUE', options: { types: { f: 'flattened_keyed' } },
    cases: [{ doc: { f: true }, expected: false }] },
  { n: 25, query: `${RP}.includeDeprecated: "true"`,
    cases: [{ doc: rp({ includeDeprecated: true }), expected: true }] },
  { n: 26, query: `${RP}.includeDeprecated: "true"`,
    cases: [{ doc: rp({ includeDeprecated: 'True' }), expected: false }] },
  { n: 27, query: `${RP}.includeDeprecated: true`,
    cases: [{ doc: rp({ includeDeprecated: 'true' }), expected: true }] },
  { n: 28, query: `${RP}.fromPort: 22`, cases: [
    { doc: rp({ fromPort: 22 }), expected: true },
    { doc: rp({ fromPort: '022' }), expected: false }] },
  { n: 29, query: `${RP}.ratio: 22`,
    cases: [{ doc: rp({ ratio: rawNumber('22.0') }), expected: false }] },
  { n: 30, query: `${RP}.fromPort: 2*`, problem: 'warning',
    cases: [{ doc: rp({ fromPort: 22 }), expected: true }] },
  { n: 31, query: `${RP}.ipPermissions.items.fromPort: (21 or 22)`, cases: [{
    doc: rp({ ipPermissions: { items: [{ fromPort: 443 }, { fromPort: 22 }] } }),
    expected: true }] },
  { n: 32, query: `${RP}.ownersSet: *`, cases: [{ doc: rp(OWNERS), expected: false }] },
  { n: 33, query: `${RP}.ownersSet.items.owner: *`, cases: [{ doc: rp(OWNERS), expected: true }] },
  { n: 34, query: `${RP}: self`, cases: [{ doc: rp(OWNERS), expected: true }] },
  { n: 35, query: 'a.b: x and a.c: y', cases: [{ doc: ELEMENTS, expected: true }] },
  { n: 36, query: 'a:{ b: x and c: y }', problem: 'error',
    cases: [{ doc: ELEMENTS, expected: false }] },
  { n: 37, query: 'a.b.c: x', cases: [{ doc: { 'a.b.c': 'x' }, expected: true }] },
  { n: 38, query: 'a.b: x', cases: [{ doc: { a: { b: { c: 'x' } } }, expected: false }] },
  { n: 39, query: 'not f: x', cases: [
    { doc: { f: ['x', 'y'] }, expected: false }, { doc: {}, expected: true }] },
  { n: 40, query: 'f:(x and y)', cases: [{ doc: { f: ['y', 'x'] }, expected: true }] },
  { n: 41, query: 'aws.cloudtrail.user_identity.*: Root',
    cases: [{ doc: { aws: { cloudtrail: { user_identity: { type: 'Root' } } } },
      expected: true }] },
  { n: 42, query: 'data_stream.dataset: aws.cloud*', options: { constants: CLOUDTRAIL_CONSTANTS },
    cases: [{ doc: { event: { action: 'DescribeImages' } }, expected: true }] },
  { n: 43, query: 'event.dataset: "AWS.cloudtrail"', options: { constants: CLOUDTRAIL_CONSTANTS },
    cases: [{ doc: { event: { action: 'DescribeImages' } }, expected: false }] },
  { n: 44, query: 'source.ip: 10.0.0.0/8', options: { types: { 'source.ip': 'ip' } },
    cases: [{ doc: { source: { ip: '10.1.2.3' } }, expected: true }] },
  { n: 45, query: 'source.address: 10.0.0.0/8',
    cases: [{ doc: { source: { address: '10.1.2.3' } }, expected: false }] },
  { n: 46, query: 'f < 100', cases: [
    { doc: { f: '22' }, expected: false }, { doc: { f: '099' }, expected: true }] },
  { n: 47, query: `${RP}.maxResults < 100`, problem: 'error',
    cases: [{ doc: rp({ maxResults: '5' }), expected: false }] },
  { n: 48, query: 'event.action: (PublishLayerVersion* or UpdateFunctionConfiguration*)',
    cases: [{ doc: { event: { action: 'UpdateFunctionConfiguration20150331v2' } },
      expected: true }] },
  { n: 49, query: 'aws.cloudtrail.request_parameters: *owner=*',
    options: { ignoreAbove: { 'aws.cloudtrail.request_parameters': 8191 } },
    cases: [{ doc: { aws: { cloudtrail: { request_parameters: LONG_STRING } } },
      expected: false }] },
  { n: 50, query: `${RP}.key: */.aws/credentials`, problem: 'warning',
    cases: [{ doc: rp({ key: 'home/u/.aws/credentials' }), expected: true }] },
  { n: 51, query: '',
    cases: [{ doc: { f: 'anything' }, expected: true }, { doc: {}, expected: true }] },
  { n: 52, query: 'f:x or', cases: [{ doc: { f: 'x or' }, expected: true }] },
];

void describe('the test vectors of kql-semantics.md section 7', () => {
  void it('cover all 52 rows', () => {
    assert.deepEqual(VECTORS.map((v) => v.n), Array.from({ length: 52 }, (_, i) => i + 1));
  });

  for (const vector of VECTORS) {
    const { n, query, options = {} } = vector;

    if (vector.syntaxError) {
      void it(`row ${n}: \`${query}\` is a syntax error`, () => {
        assert.throws(() => parseKql(query), KqlSyntaxError);
      });
      continue;
    }

    const expectations = (vector.cases ?? [])
      .map((c) => (c.expected ? 'matches' : 'does not match')).join(' / ');
    void it(`row ${n}: \`${query}\` ${expectations} as Elasticsearch would`, () => {
      const compiled = compileKql(query, { fieldType: fieldTypeFor(options) });

      for (const { doc, expected } of vector.cases ?? []) {
        const document = makeDoc(doc, options);
        assert.equal(compiled.matches(document), expected, JSON.stringify(doc).slice(0, 200));

        // The explaining evaluation must reach the same verdict, leaf by leaf.
        const explained = compiled.explain(document);
        assert.ok(query.trim() === '' || explained.length > 0);
      }

      const severities = compiled.problems.map((p) => p.severity);
      if (vector.problem) assert.ok(severities.includes(vector.problem), severities.join());
      else assert.deepEqual(compiled.problems, []);
    });
  }

  void it('row 7 reads `z` as free text, not as a value of f', () => {
    const tree = parseKql('f: x y or z');

    assert.equal(tree.kind, 'or');
    assert.ok(tree.kind === 'or');
    assert.equal(tree.children[1].kind, 'text');
    const doc = makeDoc({ f: 'other', g: 'z' });
    assert.equal(compileKql('f: x y or z').matches(doc), true);
  });

  void it('row 36 matches per element once the elements agree, as a nested mapping would', () => {
    const compiled = compileKql('a:{ b: x and c: y }');

    assert.equal(compiled.matches(makeDoc({ a: [{ b: 'x', c: 'y' }] })), true);
    assert.equal(compiled.matches(makeDoc(ELEMENTS)), false);
  });

  void it('row 47 reports the one-bound range at the start of the clause', () => {
    const query = `${RP}.maxResults < 100`;
    const compiled = compileKql(query, { fieldType: fieldTypeFor() });

    assert.equal(compiled.problems.length, 1);
    assert.equal(compiled.problems[0].offset, 0);
    assert.match(compiled.problems[0].message, /both bounds/);
  });
});
