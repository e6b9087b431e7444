// The CNF of required terms: what it extracts, what it must leave out to stay sound, and the
// encoding of wildcard terms.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FieldType } from '../../../src/core/types';
import type { RequiredTerm } from '../../../src/core/kql';
import {
  compileKql, requiredTermLiterals, termSatisfiedBy, wildcardTermParts,
} from '../../../src/core/kql';
import { makeDoc } from './doc-helper';

const keyword = (): FieldType => 'keyword';

// Terms written compactly: `field=value` for exact, `field~pattern` for wildcard.
function cnf(query: string,
  fieldType: (field: string) => FieldType | undefined = keyword): string[][] {
  return compileKql(query, { fieldType }).requiredClauses()
    .map((group) => group.map((t) => `${t.field}${t.kind === 'exact' ? '=' : '~'}${t.value}`));
}

void describe('requiredClauses', () => {
  void it('requires every conjunct and one value of a list', () => {
    assert.deepEqual(cnf('a: x and b: (y or "z")'), [['a=x'], ['b=y', 'b=z']]);
  });

  void it('distributes an `or` over conjunctions', () => {
    assert.deepEqual(cnf('(a: x and b: y) or c: z'), [['a=x', 'c=z'], ['b=y', 'c=z']]);
    assert.deepEqual(cnf('a: x or b: y'), [['a=x', 'b=y']]);
  });

  void it('requires nothing under `not`, nor from an `or` with a branch that has no term', () => {
    assert.deepEqual(cnf('not a: x'), []);
    assert.deepEqual(cnf('a: x and not b: y'), [['a=x']]);
    assert.deepEqual(cnf('a: x or not b: y'), []);
    assert.deepEqual(cnf('a: x or b < 5'), []);
    assert.deepEqual(cnf('a: x or b: *'), []);
    assert.deepEqual(cnf('a: x or free'), []);
    assert.deepEqual(cnf('a: (x or **)'), []);
    assert.deepEqual(cnf('not (not a: x)'), []);
  });

  void it('takes nothing from existence, ranges, free text, patterns, null or nested', () => {
    for (const query of ['a: *', 'a < x', 'hello', 'a.*: x', 'a: null', 'a:{ b: x }', '', '**']) {
      assert.deepEqual(cnf(query), [], query);
    }
  });

  void it('turns unquoted booleans and numbers into their text', () => {
    assert.deepEqual(cnf('a: true and b: 22'), [['a=true'], ['b=22']]);
  });

  void it('encodes wildcard patterns, escaping literal stars and backslashes', () => {
    const [[term]] = compileKql('a: x\\*y*\\\\z', { fieldType: keyword }).requiredClauses();

    assert.deepEqual(term, { field: 'a', value: 'x\\*y*\\\\z', kind: 'wildcard' });
    assert.deepEqual(wildcardTermParts(term.value), ['x*y', '\\z']);
    assert.deepEqual(requiredTermLiterals(term), ['x*y', '\\z']);
    assert.deepEqual(requiredTermLiterals({ field: 'a', value: 'v', kind: 'exact' }), ['v']);
  });

  void it('uses only fields compared as exact text when the field types are known', () => {
    const types: Record<string, FieldType> = {
      k: 'keyword', c: 'constant_keyword', i: 'ip', r: 'flattened_root', l: 'flattened_keyed',
      b: 'boolean', n: 'long', t: 'text',
    };
    const typeOf = (field: string): FieldType | undefined => types[field];

    assert.deepEqual(
      cnf('k: x and c: x and i: 10.0.0.1 and r: x and l: x* and b: true and n: 1 and t: x and u: x',
        typeOf),
      [['k=x'], ['r=x'], ['l~x*']]);
  });

  void it('drops repeated terms and groups implied by smaller ones', () => {
    assert.deepEqual(cnf('a: x and a: x and (a: x or b: y)'), [['a=x']]);
    assert.deepEqual(cnf('a: (x or x)'), [['a=x']]);
  });

  void it('summarises a large `or` of conjunctions into one coarser group', () => {
    const branches = Array.from({ length: 10 }, (_, i) => `(a: x${i} and b: y${i})`);
    const groups = cnf(branches.join(' or '));

    assert.equal(groups.length, 1);
    assert.equal(groups[0].length, 10);
  });

  void it('claims nothing without field types, since a type may compare other than as text', () => {
    assert.deepEqual(compileKql('a: x and b: 10.0.0.0/8').requiredClauses(), []);
  });

  void it('returns copies that callers may change freely', () => {
    const compiled = compileKql('a: x', { fieldType: keyword });
    const first = compiled.requiredClauses();
    first[0][0].value = 'changed';

    assert.equal(compiled.requiredClauses()[0][0].value, 'x');
  });

  void it('checks terms against documents the way queries match', () => {
    const doc = makeDoc({ a: ['one', 'two*'], long: 'x'.repeat(20) }, { ignoreAbove: { long: 5 } });
    const term = (field: string, value: string, kind: RequiredTerm['kind']): RequiredTerm =>
      ({ field, value, kind });

    assert.equal(termSatisfiedBy(term('a', 'two*', 'exact'), doc), true);
    assert.equal(termSatisfiedBy(term('a', 'two', 'exact'), doc), false);
    assert.equal(termSatisfiedBy(term('a', 't*', 'wildcard'), doc), true);
    assert.equal(termSatisfiedBy(term('a', 'two\\*', 'wildcard'), doc), true);
    assert.equal(termSatisfiedBy(term('long', '*x*', 'wildcard'), doc), false);
    assert.equal(termSatisfiedBy(term('missing', '*', 'wildcard'), doc), false);
  });
});
