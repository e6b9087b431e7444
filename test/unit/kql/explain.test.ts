// Explanations: one entry per leaf clause in query order, with the satisfying value and where
// it came from, negation counted, and the notes that qualify an answer.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ClauseExplanation } from '../../../src/core/types';
import { compileKql, parseKql } from '../../../src/core/kql';
import { fieldTypeFor, makeDoc } from './doc-helper';

void describe('explain', () => {
  const doc = makeDoc(
    { event: { action: 'DeleteTrail', provider: 'cloudtrail.amazonaws.com' }, f: ['x', 'y'] },
    { spans: { 'event.action': { start: 40, end: 53 }, 'f[1]': { start: 70, end: 73 } } },
  );

  void it('reports every leaf in query order, with the value that satisfied it', () => {
    const expected: ClauseExplanation[] = [
      { clause: 'event.action: DeleteTrail', field: 'event.action', matched: true,
        negated: false, value: 'DeleteTrail', rawPath: 'event.action',
        span: { start: 40, end: 53 } },
      { clause: 'f: y', field: 'f', matched: true, negated: false, value: 'y', rawPath: 'f[1]',
        span: { start: 70, end: 73 } },
      { clause: 'g: *', field: 'g', matched: false, negated: false },
    ];

    const actual = compileKql('event.action: DeleteTrail and f: y or g: *').explain(doc);

    assert.deepEqual(actual, expected);
  });

  void it('counts negation per leaf and reports the match before negation', () => {
    const explained = compileKql('not f: x and not (g: 1 or not f: y)').explain(doc);

    assert.deepEqual(explained.map((e) => [e.clause, e.matched, e.negated]), [
      ['f: x', true, true],
      ['g: 1', false, true],
      ['f: y', true, false],
    ]);
  });

  void it('shows the first value seen when a clause does not match', () => {
    const [entry] = compileKql('f: z').explain(doc);

    assert.equal(entry.matched, false);
    assert.equal(entry.value, 'x');
    assert.equal(entry.rawPath, 'f[0]');
  });

  void it('names list values as `field: value`', () => {
    const explained = compileKql('event.action: (StopLogging or "DeleteTrail")').explain(doc);

    assert.deepEqual(explained.map((e) => [e.clause, e.matched]), [
      ['event.action: StopLogging', false],
      ['event.action: "DeleteTrail"', true],
    ]);
  });

  void it('keeps the clause text as written, across lines', () => {
    const query = 'event.provider:\n    "cloudtrail.amazonaws.com"\n  and f < a';

    assert.deepEqual(compileKql(query).explain(doc).map((e) => e.clause),
      ['event.provider:\n    "cloudtrail.amazonaws.com"', 'f < a']);
  });

  void it('prints clauses when the query is given as a tree', () => {
    const tree = parseKql('event.action: (StopLogging or DeleteTrail) and not f: "a b"');
    const compiled = compileKql(tree);

    assert.equal(compiled.source,
      '(event.action: StopLogging or event.action: DeleteTrail) and not f: "a b"');
    assert.deepEqual(compiled.explain(doc).map((e) => e.clause),
      ['event.action: StopLogging', 'event.action: DeleteTrail', 'f: "a b"']);
  });

  void it('explains why an unsearchable field cannot match', () => {
    const long = makeDoc({ r: 'x'.repeat(20) }, { ignoreAbove: { r: 10 } });
    const [entry] = compileKql('r: *').explain(long);

    assert.equal(entry.matched, false);
    assert.match(entry.note ?? '', /Not searchable.*ignore_above \(10\)/);
  });

  void it('notes the keyed flattened wildcard caveat and free text', () => {
    const rp = makeDoc({ aws: { cloudtrail: { flattened: { request_parameters: {
      key: 'home/u/.aws/credentials' } } } }, f: 'x' });
    const [keyed, free] = compileKql(
      'aws.cloudtrail.flattened.request_parameters.key: */.aws/credentials and x',
      { fieldType: fieldTypeFor() },
    ).explain(rp);

    assert.equal(keyed.matched, true);
    assert.match(keyed.note ?? '', /keyed flattened/);
    assert.equal(free.field, 'f');
    assert.equal(free.value, 'x');
    assert.match(free.note ?? '', /default_field/);
  });

  void it('names the concrete field a pattern matched', () => {
    const user = makeDoc({ user: { id: '1', name: 'root' } });
    const [entry] = compileKql('user.*: root').explain(user);

    assert.equal(entry.field, 'user.name');
    assert.equal(entry.matched, true);
  });

  void it('explains nested clauses against the element that satisfied them', () => {
    const elements = makeDoc({ a: [{ b: 'x', c: 'z' }, { b: 'x', c: 'y' }] });
    const explained = compileKql('a:{ b: x and c: y }').explain(elements);

    assert.deepEqual(explained.map((e) => [e.field, e.matched, e.value]),
      [['a.b', true, 'x'], ['a.c', true, 'y']]);
  });

  void it('reports nothing for the empty query, which matches', () => {
    const compiled = compileKql('');

    assert.deepEqual(compiled.explain(doc), []);
    assert.equal(compiled.matches(doc), true);
  });
});
