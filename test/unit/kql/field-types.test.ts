// Matching by field type (kql-semantics.md section 4): keyword text, constants, flattened
// roots, IP addresses and CIDR blocks, booleans, numbers, dates, analysed text, limits, null,
// free text and field patterns.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FieldType } from '../../../src/core/types';
import { compileKql } from '../../../src/core/kql';
import type { DocOptions, TestValue } from './doc-helper';
import { CLOUDTRAIL_CONSTANTS, fieldTypeFor, makeDoc, rawNumber } from './doc-helper';

// Whether `query` matches a document holding `value` in field `f` of type `type`.
function matchesTyped(query: string, type: FieldType, value: TestValue): boolean {
  const options: DocOptions = { types: { f: type } };
  return compileKql(query).matches(makeDoc({ f: value }, options));
}

// The static problems of `query` when `f` has type `type`.
function problemsTyped(query: string, type: FieldType): string[] {
  return compileKql(query, { fieldType: fieldTypeFor({ types: { f: type } }) }).problems
    .map((p) => `${p.severity}@${p.offset}`);
}

void describe('keyword and constant_keyword fields', () => {
  void it('compare the whole text, case-sensitively, quoted or not', () => {
    assert.equal(matchesTyped('f: abc', 'keyword', 'abc'), true);
    assert.equal(matchesTyped('f: "abc"', 'keyword', 'abc'), true);
    assert.equal(matchesTyped('f: ab', 'keyword', 'abc'), false);
    assert.equal(matchesTyped('f: ABC', 'keyword', 'abc'), false);
  });

  void it('compare numbers and booleans as their text', () => {
    assert.equal(matchesTyped('f: 22', 'keyword', '22'), true);
    assert.equal(matchesTyped('f: 22', 'keyword', '22.0'), false);
    assert.equal(matchesTyped('f: false', 'keyword', 'false'), true);
    assert.equal(matchesTyped('f: "false"', 'keyword', false), true);
  });

  void it('match any element of an array, and `not` looks at all of them', () => {
    assert.equal(matchesTyped('f: b', 'keyword', ['a', 'b']), true);
    assert.equal(matchesTyped('not f: b', 'keyword', ['a', 'b']), false);
    assert.equal(matchesTyped('not f: c', 'keyword', ['a', 'b']), true);
  });

  void it('order ranges by code point, as Elasticsearch orders UTF-8 terms', () => {
    assert.equal(matchesTyped('f < 100', 'keyword', '22'), false);
    assert.equal(matchesTyped('f < 100', 'keyword', '099'), true);
    // U+1F600 sorts after U+FFFD by code point, though its first UTF-16 unit is smaller.
    assert.equal(matchesTyped('f < "\uFFFD"', 'keyword', '\u{1F600}'), false);
    assert.equal(matchesTyped('f > "\uFFFD"', 'keyword', '\u{1F600}'), true);
    assert.equal(matchesTyped('f >= abc', 'keyword', 'abc'), true);
    assert.equal(matchesTyped('f > abc', 'keyword', 'abc'), false);
  });

  void it('give constants to every document, whatever its source', () => {
    const doc = makeDoc({}, { constants: CLOUDTRAIL_CONSTANTS });

    assert.equal(compileKql('event.module: aws and data_stream.dataset: *').matches(doc), true);
    assert.equal(compileKql('event.dataset: aws').matches(doc), false);
  });
});

void describe('flattened fields', () => {
  const doc = makeDoc({ aws: { cloudtrail: { flattened: { request_parameters: {
    bucketName: 'logs', tags: [{ key: 'env', value: 'prod' }], maxKeys: 5,
  } } } } });

  void it('search every leaf from the root, and only exact paths from a keyed field', () => {
    const root = 'aws.cloudtrail.flattened.request_parameters';

    assert.equal(compileKql(`${root}: prod`).matches(doc), true);
    assert.equal(compileKql(`${root}: tags`).matches(doc), false);
    assert.equal(compileKql(`${root}.tags.value: prod`).matches(doc), true);
    assert.equal(compileKql(`${root}.tags: *`).matches(doc), false);
    assert.equal(compileKql(`${root}: *`).matches(doc), true);
    assert.equal(compileKql(`${root}.maxKeys: 5`).matches(doc), true);
  });

  void it('compare ranges on the root in string order, and refuse them on keyed fields', () => {
    const root = 'aws.cloudtrail.flattened.request_parameters';
    const typed = { fieldType: fieldTypeFor() };

    assert.equal(compileKql(`${root} > prod`, typed).matches(doc), false);
    assert.equal(compileKql(`${root} >= prod`, typed).matches(doc), true);
    assert.deepEqual(compileKql(`${root} >= prod`, typed).problems, []);
    assert.equal(compileKql(`${root}.maxKeys > 1`, typed).matches(doc), false);
    assert.equal(compileKql(`${root}.maxKeys > 1`, typed).problems[0].severity, 'error');
  });
});

void describe('ip fields', () => {
  void it('compare IPv4 addresses as addresses, not text', () => {
    assert.equal(matchesTyped('f: 10.1.2.3', 'ip', '10.1.2.3'), true);
    assert.equal(matchesTyped('f: "10.1.2.3"', 'ip', '10.1.2.3'), true);
    assert.equal(matchesTyped('f: 10.1.2.4', 'ip', '10.1.2.3'), false);
    assert.equal(matchesTyped('f: "::ffff:10.1.2.3"', 'ip', '10.1.2.3'), true);
  });

  void it('match CIDR blocks for IPv4 and IPv6', () => {
    assert.equal(matchesTyped('f: 10.0.0.0/8', 'ip', '10.1.2.3'), true);
    assert.equal(matchesTyped('f: 10.0.0.0/8', 'ip', '11.1.2.3'), false);
    assert.equal(matchesTyped('f: 192.168.1.0/25', 'ip', '192.168.1.127'), true);
    assert.equal(matchesTyped('f: 192.168.1.0/25', 'ip', '192.168.1.128'), false);
    assert.equal(matchesTyped('f: 0.0.0.0/0', 'ip', '203.0.113.9'), true);
    assert.equal(matchesTyped('f: "2001:db8::/32"', 'ip', '2001:db8:0:1::5'), true);
    assert.equal(matchesTyped('f: "2001:db8::/32"', 'ip', '2001:db9::5'), false);
    assert.equal(matchesTyped('f: "::/0"', 'ip', '10.0.0.1'), true);
  });

  void it('compare IPv6 in any spelling and IPv4-mapped forms', () => {
    assert.equal(matchesTyped('f: "2001:DB8:0:0:0:0:0:1"', 'ip', '2001:db8::1'), true);
    assert.equal(matchesTyped('f: "::1"', 'ip', '0:0:0:0:0:0:0:1'), true);
    assert.equal(matchesTyped('f: "::ffff:0:0/96"', 'ip', '198.51.100.7'), true);
    assert.equal(matchesTyped('f: "64:ff9b::192.0.2.33"', 'ip', '64:ff9b::c000:221'), true);
  });

  void it('order addresses in ranges', () => {
    assert.equal(matchesTyped('f < 10.0.0.10', 'ip', '10.0.0.9'), true);
    assert.equal(matchesTyped('f < 10.0.0.10', 'ip', '10.0.0.10'), false);
    assert.equal(matchesTyped('f >= "::1"', 'ip', '10.0.0.1'), true);
  });

  void it('refuse values that are not addresses, and wildcards', () => {
    assert.equal(matchesTyped('f: 10.0.0.256', 'ip', '10.0.0.1'), false);
    assert.equal(matchesTyped('f: 010.0.0.1', 'ip', '10.0.0.1'), false);
    assert.equal(matchesTyped('f: 10.*', 'ip', '10.0.0.1'), false);
    assert.deepEqual(problemsTyped('f: 10.0.0.256', 'ip'), ['error@3']);
    assert.deepEqual(problemsTyped('f: 10.0.0.0/33', 'ip'), ['error@3']);
    assert.deepEqual(problemsTyped('f: 10.*', 'ip'), ['error@3']);
    assert.deepEqual(problemsTyped('f: *', 'ip'), []);
  });

  void it('ignore stored values that are not addresses', () => {
    assert.equal(matchesTyped('f: 10.0.0.0/8', 'ip', 'cloudformation.amazonaws.com'), false);
  });
});

void describe('boolean fields', () => {
  void it('match true and "true" against a stored true, and the same for false', () => {
    assert.equal(matchesTyped('f: true', 'boolean', true), true);
    assert.equal(matchesTyped('f: "true"', 'boolean', true), true);
    assert.equal(matchesTyped('f: false', 'boolean', true), false);
    assert.equal(matchesTyped('f: "false"', 'boolean', false), true);
  });

  void it('refuse other spellings', () => {
    assert.equal(matchesTyped('f: True', 'boolean', true), false);
    assert.deepEqual(problemsTyped('f: True', 'boolean'), ['error@3']);
    assert.deepEqual(problemsTyped('f: true', 'boolean'), []);
  });

  void it('order false before true', () => {
    assert.equal(matchesTyped('f > false', 'boolean', true), true);
    assert.equal(matchesTyped('f < true', 'boolean', true), false);
  });
});

void describe('numeric fields', () => {
  void it('compare numbers by value', () => {
    assert.equal(matchesTyped('f: 22', 'double', rawNumber('22.0')), true);
    assert.equal(matchesTyped('f: 2.2e1', 'long', 22), true);
    assert.equal(matchesTyped('f: 22.5', 'long', 22), false);
    assert.equal(matchesTyped('f > 100', 'long', 22), false);
    assert.equal(matchesTyped('f < 100', 'long', 22), true);
    assert.equal(matchesTyped('f >= -1.5', 'double', rawNumber('-1.5')), true);
  });

  void it('compare large longs exactly', () => {
    assert.equal(matchesTyped('f: 9007199254740993', 'long', rawNumber('9007199254740992')), false);
    assert.equal(matchesTyped('f > 9007199254740992', 'long', rawNumber('9007199254740993')), true);
  });

  void it('refuse values that are not numbers', () => {
    assert.equal(matchesTyped('f: abc', 'long', 1), false);
    assert.deepEqual(problemsTyped('f: abc', 'long'), ['error@3']);
    assert.deepEqual(problemsTyped('f < abc', 'double'), ['error@4']);
    assert.deepEqual(problemsTyped('f: 1*', 'long'), ['error@3']);
  });
});

void describe('date fields', () => {
  void it('match a date as the whole period it names', () => {
    assert.equal(matchesTyped('f: 2024-09-11', 'date', '2024-09-11T23:59:59.999Z'), true);
    assert.equal(matchesTyped('f: 2024-09-11', 'date', '2024-09-11T00:00:00Z'), true);
    assert.equal(matchesTyped('f: 2024-09-11', 'date', '2024-09-12T00:00:00Z'), false);
    assert.equal(matchesTyped('f: "2024-09-11T09:28:28Z"', 'date', '2024-09-11T09:28:28Z'), true);
    assert.equal(matchesTyped('f: "2024-09-11T11:28:28+02:00"', 'date', '2024-09-11T09:28:28Z'),
      true);
  });

  void it('round range bounds the way Elasticsearch does', () => {
    const at = '2024-09-11T12:00:00Z';
    assert.equal(matchesTyped('f > 2024-09-11', 'date', at), false);
    assert.equal(matchesTyped('f >= 2024-09-11', 'date', at), true);
    assert.equal(matchesTyped('f < 2024-09-11', 'date', at), false);
    assert.equal(matchesTyped('f <= 2024-09-11', 'date', at), true);
    // A year alone rounds up to the first day of that year, not its end.
    assert.equal(matchesTyped('f <= 2024', 'date', '2024-01-01T23:00:00Z'), true);
    assert.equal(matchesTyped('f <= 2024', 'date', '2024-01-02T00:00:00Z'), false);
  });

  void it('read epoch milliseconds', () => {
    assert.equal(matchesTyped('f: 1726046908000', 'date', '2024-09-11T09:28:28Z'), true);
    assert.equal(matchesTyped('f > 1726046908000', 'date', rawNumber('1726046908001')), true);
  });

  void it('refuse what is not a date', () => {
    assert.equal(matchesTyped('f: 2024-02-30', 'date', '2024-02-29T00:00:00Z'), false);
    assert.deepEqual(problemsTyped('f: 2024-02-30', 'date'), ['error@3']);
    assert.deepEqual(problemsTyped('f < "now-1d"', 'date'), ['error@4']);
  });
});

void describe('text fields', () => {
  void it('match any word of an unquoted value, and the whole phrase of a quoted one', () => {
    const message = 'User Alice could not log in';
    assert.equal(matchesTyped('f: alice', 'text', message), true);
    assert.equal(matchesTyped('f: (bob or alice)', 'text', message), true);
    assert.equal(matchesTyped('f: "log in"', 'text', message), true);
    assert.equal(matchesTyped('f: "in log"', 'text', message), false);
    assert.equal(matchesTyped('f: ali*', 'text', message), true);
    assert.equal(matchesTyped('f: bob', 'text', message), false);
  });
});

void describe('limits and unsupported values', () => {
  const options: DocOptions = { ignoreAbove: { f: 5 } };
  const doc = makeDoc({ f: 'longer than five' }, options);

  void it('make an unsearchable field match no value, wildcard or existence query', () => {
    for (const query of ['f: "longer than five"', 'f: *five', 'f: *', 'f > a']) {
      assert.equal(compileKql(query).matches(doc), false, query);
    }
    assert.equal(compileKql('not f: *').matches(doc), true);
  });

  void it('report unquoted null as unsupported and never match it', () => {
    const compiled = compileKql('f: null or g < null or null');

    assert.deepEqual(compiled.problems.map((p) => `${p.severity}@${p.offset}`),
      ['error@3', 'error@15', 'error@23']);
    assert.equal(compiled.matches(makeDoc({ f: 'null', g: 'a' })), false);
    assert.equal(compileKql('f: "null"').matches(makeDoc({ f: 'null' })), true);
  });

  void it('report nested queries as errors, at the nested clause', () => {
    const compiled = compileKql('x: 1 and a:{ b: x }');

    assert.deepEqual(compiled.problems.map((p) => `${p.severity}@${p.offset}`), ['error@9']);
  });

  void it('report wildcards on keyed flattened fields as warnings at the value', () => {
    const query = 'aws.cloudtrail.flattened.request_parameters.key: (*.pem or x)';
    const compiled = compileKql(query, { fieldType: fieldTypeFor() });

    assert.deepEqual(compiled.problems.map((p) => `${p.severity}@${p.offset}`),
      [`warning@${query.indexOf('*')}`]);
  });
});

void describe('free text', () => {
  const doc = makeDoc({ f: 'alpha', g: { h: ['beta', 'gamma delta'] }, n: 7 },
    { types: { n: 'long' } });

  void it('searches every field of the document for the whole value', () => {
    assert.equal(compileKql('beta').matches(doc), true);
    assert.equal(compileKql('"gamma delta"').matches(doc), true);
    assert.equal(compileKql('gamma').matches(doc), false);
    assert.equal(compileKql('7').matches(doc), true);
    assert.equal(compileKql('gam*').matches(doc), true);
  });

  void it('treats a lone star as everything, and warns that Elasticsearch searches fewer', () => {
    const compiled = compileKql('*');

    assert.equal(compiled.matches(makeDoc({})), true);
    assert.equal(compiled.problems[0].severity, 'warning');
    assert.match(compiled.problems[0].message, /default_field/);
  });
});

void describe('field patterns', () => {
  const doc = makeDoc({ user: { name: 'root', id: '123' }, other: 'root' });

  void it('expand against the document\'s field names', () => {
    assert.equal(compileKql('user.*: root').matches(doc), true);
    assert.equal(compileKql('user.*: 123').matches(doc), true);
    assert.equal(compileKql('user.*: other').matches(doc), false);
    assert.equal(compileKql('*.id: 123').matches(doc), true);
    assert.equal(compileKql('nothing.*: root').matches(doc), false);
    assert.equal(compileKql('not user.*: root').matches(doc), false);
    assert.equal(compileKql('user.*: *').matches(doc), true);
    assert.equal(compileKql('user.*: (x or *2*)').matches(doc), true);
  });

  void it('make `*: *` match everything, even an empty document', () => {
    assert.equal(compileKql('*: *').matches(makeDoc({})), true);
    assert.equal(compileKql('*: root').matches(doc), true);
  });
});
