// The parser against Kibana's grammar: whole trees with offsets, precedence, keyword case and
// whitespace, values and their escapes, and where syntax errors are reported.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { KqlField, KqlLiteral, KqlNode } from '../../../src/core/kql';
import { KqlSyntaxError, MAX_KQL_DEPTH, parseKql } from '../../../src/core/kql';

// Small builders for expected trees; every offset is still written out.
const span = (start: number, end: number): { start: number; end: number } => ({ start, end });
const field = (name: string, start: number, end: number, quoted = false): KqlField =>
  ({ name, quoted, span: span(start, end) });
const str = (value: string, start: number, end: number, quoted = false): KqlLiteral =>
  ({ kind: 'string', value, quoted, span: span(start, end) });

// The tree without offsets, for tests about structure only.
function shape(node: KqlNode): unknown {
  switch (node.kind) {
    case 'or':
    case 'and':
      return { [node.kind]: node.children.map(shape) };
    case 'not':
      return { not: shape(node.child) };
    case 'nested':
      return { nested: node.field.name, query: shape(node.query) };
    case 'match':
      return { [node.field.name]: valueShape(node.value) };
    case 'exists':
      return { exists: node.field.name };
    case 'range':
      return { range: node.field.name, op: node.operator, value: valueShape(node.value) };
    case 'text':
      return { text: valueShape(node.value) };
    case 'all':
      return 'all';
  }
}

function valueShape(value: KqlLiteral): unknown {
  switch (value.kind) {
    case 'string':
      return value.quoted ? `"${value.value}"` : value.value;
    case 'wildcard':
      return { wildcard: value.parts };
    case 'boolean':
      return value.value;
    case 'null':
      return null;
  }
}

function valueOf(query: string): KqlLiteral {
  const tree = parseKql(query);
  assert.equal(tree.kind, 'match');
  assert.ok(tree.kind === 'match');
  return tree.value;
}

function syntaxError(query: string): KqlSyntaxError {
  try {
    parseKql(query);
  } catch (error) {
    assert.ok(error instanceof KqlSyntaxError, String(error));
    return error;
  }
  assert.fail(`expected a syntax error for ${JSON.stringify(query)}`);
}

void describe('parseKql builds whole trees with offsets', () => {
  void it('gives `not` precedence over `and`, and `and` over `or`', () => {
    const expected: KqlNode = {
      kind: 'or',
      span: span(0, 22),
      children: [
        { kind: 'match', field: field('a', 0, 1), value: str('1', 2, 3), span: span(0, 3) },
        {
          kind: 'and',
          span: span(7, 22),
          children: [
            { kind: 'match', field: field('b', 7, 8), value: str('2', 9, 10), span: span(7, 10) },
            {
              kind: 'not',
              span: span(15, 22),
              child: { kind: 'match', field: field('c', 19, 20), value: str('3', 21, 22),
                span: span(19, 22) },
            },
          ],
        },
      ],
    };

    const actual = parseKql('a:1 or b:2 and not c:3');

    assert.deepEqual(actual, expected);
  });

  void it('applies `not` to the first sub-query only', () => {
    const expected: KqlNode = {
      kind: 'and',
      span: span(0, 15),
      children: [
        { kind: 'not', span: span(0, 7),
          child: { kind: 'match', field: field('a', 4, 5), value: str('1', 6, 7),
            span: span(4, 7) } },
        { kind: 'match', field: field('b', 12, 13), value: str('2', 14, 15), span: span(12, 15) },
      ],
    };

    assert.deepEqual(parseKql('not a:1 and b:2'), expected);
  });

  void it('distributes the field over a value list, each value keeping its own span', () => {
    const expected: KqlNode = {
      kind: 'or',
      span: span(3, 19),
      children: [
        { kind: 'match', field: field('f', 0, 1), value: str('a', 3, 4), span: span(3, 4) },
        {
          kind: 'and',
          span: span(8, 19),
          children: [
            { kind: 'match', field: field('f', 0, 1), value: str('b', 8, 9), span: span(8, 9) },
            { kind: 'not', span: span(14, 19),
              child: { kind: 'match', field: field('f', 0, 1), value: str('c', 18, 19),
                span: span(18, 19) } },
          ],
        },
      ],
    };

    assert.deepEqual(parseKql('f:(a or b and not c)'), expected);
  });

  void it('keeps parentheses out of a group\'s span but inside its parent\'s', () => {
    const actual = parseKql('not (a:1 or b:2)');

    assert.equal(actual.kind, 'not');
    assert.deepEqual(actual.span, span(0, 16));
    assert.ok(actual.kind === 'not');
    assert.deepEqual(actual.child.span, span(5, 15));
  });

  void it('reads spaces around the colon, quoted values and dotted field names', () => {
    const expected: KqlNode = {
      kind: 'match', field: field('a.b', 0, 3), value: str('x', 6, 9, true), span: span(0, 9),
    };

    assert.deepEqual(parseKql('a.b : "x"'), expected);
  });

  void it('makes a lone star an existence query and keeps the star\'s span', () => {
    const expected: KqlNode = {
      kind: 'exists', field: field('source.ip', 0, 9), star: span(11, 12), span: span(0, 12),
    };

    assert.deepEqual(parseKql('source.ip: *'), expected);
  });

  void it('builds ranges with each operator', () => {
    for (const op of ['<', '<=', '>', '>='] as const) {
      const query = `f ${op} 5`;
      const valueStart = query.length - 1;
      const expected: KqlNode = {
        kind: 'range', field: field('f', 0, 1), operator: op, value: str('5', valueStart,
          valueStart + 1), span: span(0, valueStart + 1),
      };

      assert.deepEqual(parseKql(query), expected, query);
    }
    assert.deepEqual(shape(parseKql('f<=5')), { range: 'f', op: '<=', value: '5' });
  });

  void it('builds nested queries with the path as field', () => {
    const expected: KqlNode = {
      kind: 'nested',
      field: field('a', 0, 1),
      span: span(0, 19),
      query: {
        kind: 'and',
        span: span(4, 17),
        children: [
          { kind: 'match', field: field('b', 4, 5), value: str('x', 7, 8), span: span(4, 8) },
          { kind: 'match', field: field('c', 13, 14), value: str('y', 16, 17), span: span(13, 17) },
        ],
      },
    };

    assert.deepEqual(parseKql('a:{ b: x and c: y }'), expected);
    assert.deepEqual(shape(parseKql('a:{ b:{ c: x } }')),
      { nested: 'a', query: { nested: 'b', query: { c: 'x' } } });
  });

  void it('treats a value without a field as free text', () => {
    const expected: KqlNode = { kind: 'text', value: str('hello world', 0, 11), span: span(0, 11) };

    assert.deepEqual(parseKql('hello world'), expected);
    assert.deepEqual(shape(parseKql('"quoted phrase"')), { text: '"quoted phrase"' });
  });

  void it('returns the match-all node for an empty or blank query', () => {
    assert.deepEqual(parseKql(''), { kind: 'all', span: span(0, 0) });
    assert.deepEqual(parseKql(' \t\n'), { kind: 'all', span: span(0, 3) });
  });

  void it('reads field patterns, but not quoted or escaped stars, as patterns', () => {
    const tree = parseKql('a.*: x');
    assert.ok(tree.kind === 'match');
    assert.deepEqual(tree.field, { name: 'a.*', quoted: false, pattern: ['a.', ''],
      span: span(0, 3) });

    const quoted = parseKql('"a.*": x');
    assert.ok(quoted.kind === 'match');
    assert.deepEqual(quoted.field, field('a.*', 0, 5, true));

    const escaped = parseKql('a.\\*: x');
    assert.ok(escaped.kind === 'match');
    assert.deepEqual(escaped.field, field('a.*', 0, 4));
  });
});

void describe('parseKql keywords', () => {
  void it('accepts keywords in any case', () => {
    const expected = { or: [{ and: [{ a: 'x' }, { not: { b: 'y' } }] }, { c: 'z' }] };

    const spellings = ['a:x AND NOT b:y OR c:z', 'a:x And nOt b:y oR c:z',
      'a:x and not b:y or c:z'];
    for (const query of spellings) {
      assert.deepEqual(shape(parseKql(query)), expected, query);
    }
  });

  void it('accepts tab, CR, LF and no-break space around keywords', () => {
    const expected = { or: [{ and: [{ a: '1' }, { b: '2' }] }, { c: '3' }] };

    assert.deepEqual(shape(parseKql('a:1\tand\r\nb:2\u00a0or\u00a0c:3')), expected);
  });

  void it('needs whitespace on both sides of `and` and `or`, and after `not`', () => {
    assert.equal(syntaxError('a:1 and(b:2)').offset, 7);
    assert.equal(syntaxError('a:1and b:2').offset, 8);
    assert.deepEqual(shape(parseKql('nota:1')), { nota: '1' });
    assert.equal(syntaxError('not(a:1)').offset, 3);
  });

  void it('refuses `not not` without parentheses, and accepts it with them', () => {
    assert.equal(syntaxError('not not a:1').offset, 4);
    assert.deepEqual(shape(parseKql('not (not a:1)')), { not: { not: { a: '1' } } });
  });

  void it('ends an unquoted value where ` or `, ` and ` or `not ` begins, even in a word', () => {
    assert.deepEqual(shape(parseKql('f: x y or z')), { or: [{ f: 'x y' }, { text: 'z' }] });
    assert.equal(syntaxError('f: cannot login').offset, 6);
    assert.equal(syntaxError('f: a not b').offset, 5);
    assert.equal(syntaxError('f: Not found').offset, 3);
  });

  void it('keeps keywords that lack their whitespace inside the value', () => {
    assert.deepEqual(shape(parseKql('f: or')), { f: 'or' });
    assert.deepEqual(shape(parseKql('f: not')), { f: 'not' });
    assert.deepEqual(shape(parseKql('f:x or')), { f: 'x or' });
    assert.deepEqual(shape(parseKql('f: x not')), { f: 'x not' });
    assert.deepEqual(shape(parseKql('f: order and more')),
      { and: [{ f: 'order' }, { text: 'more' }] });
  });
});

void describe('parseKql values', () => {
  void it('decodes quoted escapes and keeps other backslashes', () => {
    assert.deepEqual(valueOf('f: "a\\"b"'), str('a"b', 3, 9, true));
    assert.equal(valueShape(valueOf('f: "a\\\\b"')), '"a\\b"');
    assert.equal(valueShape(valueOf('f: "\\t\\r\\n"')), '"\t\r\n"');
    assert.equal(valueShape(valueOf('f: "\\u0041\\u00e9"')), '"Aé"');
    assert.equal(valueShape(valueOf('f: "a\\*c"')), '"a\\*c"');
    assert.equal(valueShape(valueOf('f: "\\U0041"')), '"\\U0041"');
    assert.equal(valueShape(valueOf('f: ""')), '""');
  });

  void it('never makes a quoted value a wildcard or a literal', () => {
    assert.deepEqual(valueOf('f: "a*c"'), str('a*c', 3, 8, true));
    assert.deepEqual(valueOf('f: "true"'), str('true', 3, 9, true));
    assert.deepEqual(valueOf('f: "null"'), str('null', 3, 9, true));
  });

  void it('decodes unquoted escapes of specials, whitespace, code units and keywords', () => {
    assert.equal(valueShape(valueOf('f: a\\:b')), 'a:b');
    assert.equal(valueShape(valueOf('f: \\(x\\) \\{y\\} \\<\\> \\"\\\\')), '(x) {y} <> "\\');
    assert.equal(valueShape(valueOf('f: a\\tb\\rc\\nd')), 'a\tb\rc\nd');
    assert.equal(valueShape(valueOf('f: \\u0041')), 'A');
    assert.equal(valueShape(valueOf('f: \\or')), 'or');
    assert.equal(valueShape(valueOf('f: \\OR \\And')), 'OR And');
    assert.equal(valueShape(valueOf('f: x \\or y')), 'x or y');
  });

  void it('reads `\\not` as a line feed and `ot`, as the grammar orders its escapes', () => {
    // The line-feed escape comes before the escaped keyword in Kibana's grammar, and the
    // leading line feed is then trimmed away.
    assert.equal(valueShape(valueOf('f: \\not')), 'ot');
    assert.equal(valueShape(valueOf('f: a\\not')), 'a\not');
    assert.equal(valueShape(valueOf('f: \\NOT')), 'NOT');
  });

  void it('refuses unknown escapes in unquoted values at the backslash', () => {
    const error = syntaxError('f: a\\b');

    assert.equal(error.offset, 4);
    assert.match(error.message, /escape/);
    assert.equal(syntaxError('f: \\u00zz').offset, 3);
    assert.equal(syntaxError('f: a:b').offset, 4);
  });

  void it('trims unquoted values, including a list value before its parenthesis', () => {
    assert.deepEqual(valueOf('f:   hello world   '), str('hello world', 5, 16));
    assert.deepEqual(shape(parseKql('f: (a b )')), { f: 'a b' });
  });

  void it('turns exactly true, false and null (lower case) into literals', () => {
    assert.deepEqual(valueOf('f: true'), { kind: 'boolean', value: true, span: span(3, 7) });
    assert.deepEqual(valueOf('f: false'), { kind: 'boolean', value: false, span: span(3, 8) });
    assert.deepEqual(valueOf('f: null'), { kind: 'null', span: span(3, 7) });
    assert.deepEqual(valueOf('f: TRUE'), str('TRUE', 3, 7));
    assert.deepEqual(valueOf('f: \\u0074rue'), { kind: 'boolean', value: true, span: span(3, 12) });
  });

  void it('keeps numbers as text', () => {
    assert.deepEqual(valueOf('f: 22'), str('22', 3, 5));
    assert.deepEqual(valueOf('f: 1.0E7'), str('1.0E7', 3, 8));
  });

  void it('splits wildcards into literal parts, with escaped stars and `?` literal', () => {
    assert.deepEqual(valueOf('f: *owner=*'), { kind: 'wildcard', parts: ['', 'owner=', ''],
      span: span(3, 11) });
    assert.deepEqual(valueShape(valueOf('f: **')), { wildcard: ['', '', ''] });
    assert.deepEqual(valueShape(valueOf('f: a\\**')), { wildcard: ['a*', ''] });
    assert.deepEqual(valueOf('f: a?c'), str('a?c', 3, 6));
    assert.deepEqual(valueShape(valueOf('f: *S3 Browser*')), { wildcard: ['', 'S3 Browser', ''] });
  });

  void it('nests value lists', () => {
    assert.deepEqual(shape(parseKql('f:(a or (b and c))')),
      { or: [{ f: 'a' }, { and: [{ f: 'b' }, { f: 'c' }] }] });
    assert.deepEqual(shape(parseKql('f:(not a)')), { not: { f: 'a' } });
    assert.deepEqual(shape(parseKql('f: (* or x)')), { or: [{ exists: 'f' }, { f: 'x' }] });
  });
});

void describe('KqlSyntaxError', () => {
  void it('carries the offset and lists what was expected', () => {
    const error = syntaxError('f:');

    assert.equal(error.offset, 2);
    assert.equal(error.message,
      'Expected "(", "{", value or whitespace but found the end of the query');
  });

  void it('renders the query line with a caret under the offset', () => {
    const error = syntaxError('a:1 and(b:2)');

    assert.equal(error.caret(), 'a:1 and(b:2)\n       ^');
    assert.equal(error.format(), 'KQL syntax error at line 1, column 8: '
      + 'Expected AND, OR, end of query or whitespace but found "("\n'
      + 'a:1 and(b:2)\n       ^');
  });

  void it('points into the right line of a multi-line query, keeping tabs for alignment', () => {
    const error = syntaxError('a: x\n\tand b: cannot login\nand c: y');

    assert.deepEqual(error.location(), { line: 1, column: 11 });
    assert.equal(error.caret(), '\tand b: cannot login\n\t          ^');
  });

  void it('names an unclosed quote', () => {
    const error = syntaxError('f: "abc');

    assert.equal(error.offset, 3);
    assert.match(error.message, /never closed/);
  });

  void it('refuses nesting beyond the limit with a syntax error, not a stack overflow', () => {
    const deep = `${'('.repeat(MAX_KQL_DEPTH + 1)}a:1${')'.repeat(MAX_KQL_DEPTH + 1)}`;
    const fine = `${'('.repeat(MAX_KQL_DEPTH)}a:1${')'.repeat(MAX_KQL_DEPTH)}`;

    assert.match(syntaxError(deep).message, /nests more than/);
    assert.deepEqual(shape(parseKql(fine)), { a: '1' });
  });

  void it('is an Error with its own name', () => {
    const error = syntaxError('(');

    assert.ok(error instanceof Error);
    assert.equal(error.name, 'KqlSyntaxError');
    assert.equal(error.query, '(');
  });
});
