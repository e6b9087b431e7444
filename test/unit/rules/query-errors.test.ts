// A rule whose KQL query cannot run (it does not parse, or Elasticsearch would refuse it) is a
// load problem of its file, placed at the offending character of the query as the file writes
// it, in all four TOML string forms; the rule is kept, marked unsupported with the reason.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'smol-toml';
import {
  checkRuleQuery, locateTomlKeys, parseRuleToml, stringValuePosition,
} from '../../../src/core/rules';
import { prepareRules } from '../../../src/core/scan';
import type { Position } from '../../../src/core/types';

const HEADER = [
  '[rule]', 'rule_id = "00000000-0000-4000-8000-0000000000e1"', 'name = "Broken query"',
  'type = "query"', 'severity = "low"', 'risk_score = 21', 'description = "d"',
].join('\n');

/** A rule file whose query is written as `query = <written>`, from line 7 on. */
function ruleWithQuery(written: string, newline = '\n'): string {
  return `${HEADER}\nquery = ${written}\n`.replaceAll('\n', newline);
}

/** The position `after` characters into the first occurrence of `needle`, zero-based. */
function positionOf(text: string, needle: string, after = 0): Position {
  const offset = text.replaceAll('\r\n', '\n').indexOf(needle) + after;
  return positionIn(text.replaceAll('\r\n', '\n'), offset);
}

/** Zero-based line and character of an offset of an LF-only text. */
function positionIn(text: string, offset: number): Position {
  const before = text.slice(0, offset).split(/\r\n|\n/);
  return { line: before.length - 1, character: before[before.length - 1].length };
}

/** Where stringValuePosition places `offset` of the value of key `q` in `text`. */
function placed(text: string, offset: number): Position {
  const value = (parse(text) as { q: string }).q;
  return stringValuePosition(text, locateTomlKeys(text).keys.get('q')!, value, offset);
}

void describe('stringValuePosition', () => {
  void it('maps literal strings one to one, after the newline a multi-line opener drops', () => {
    const multi = "q = '''\nab\ncd'''\n";
    const single = "q = 'abcd'\n";

    assert.deepEqual(placed(multi, 0), { line: 1, character: 0 });
    assert.deepEqual(placed(multi, 4), { line: 2, character: 1 });
    assert.deepEqual(placed(single, 2), { line: 0, character: 7 });
  });

  void it('keeps CRLF inside a multi-line string as two characters, as smol-toml does', () => {
    const text = "q = '''\r\nab\r\ncd'''\r\n";

    assert.deepEqual(placed(text, 5), { line: 2, character: 1 });
  });

  void it('maps each escape of a basic string to its backslash', () => {
    // value: a"b é 😀 c  (the emoji is two UTF-16 units from one \U escape)
    const text = 'q = "a\\"b \\u00e9 \\U0001F600 c"\n';

    assert.deepEqual(placed(text, 1), { line: 0, character: 6 });
    assert.deepEqual(placed(text, 2), { line: 0, character: 8 });
    assert.deepEqual(placed(text, 4), { line: 0, character: 10 });
    assert.deepEqual(placed(text, 6), { line: 0, character: 17 });
    assert.deepEqual(placed(text, 7), { line: 0, character: 17 });
    assert.deepEqual(placed(text, 9), { line: 0, character: 28 });
  });

  void it('skips what a line-ending backslash trims in a multi-line basic string', () => {
    const text = 'q = """\nab \\  \n\n    cd"""\n';

    assert.deepEqual(placed(text, 2), { line: 1, character: 2 });
    assert.deepEqual(placed(text, 3), { line: 3, character: 4 });
    assert.deepEqual(placed(text, 5), { line: 3, character: 6 });
  });

  void it('points at the start of the value when its decoding does not give the value', () => {
    const text = 'q = "abc"\n';
    const location = locateTomlKeys(text).keys.get('q')!;

    assert.deepEqual(stringValuePosition(text, location, 'xyz', 1), { line: 0, character: 4 });
  });
});

void describe('checkRuleQuery', () => {
  void it('compiles a query that can run, and words the failures of one that cannot', () => {
    const good = checkRuleQuery('event.action: "DescribeImages"');
    const syntax = checkRuleQuery('event.action: (DescribeImages or');
    const nested = checkRuleQuery('a: { b: c }');

    assert.equal(good.ok, true);
    assert.ok(!syntax.ok);
    assert.match(syntax.reason, /^query does not parse at offset 32: /);
    assert.deepEqual(syntax.errors.map((e) => e.offset), [32]);
    assert.ok(!nested.ok);
    assert.match(nested.reason, /^query cannot run as Elasticsearch would: Nested queries/);
  });
});

void describe('parseRuleToml: queries that cannot run', () => {
  const cases: { form: string; written: string; at: (text: string) => Position }[] = [
    // the query ends with the line break before the closing delimiter: the end is there
    { form: "'''", written: "'''\nevent.action: (DescribeImages or\n'''",
      at: (text) => positionOf(text, "\n'''\n", 1) },
    { form: "'", written: "'event.action: (DescribeImages or'",
      at: (text) => positionOf(text, 'or\'', 2) },
    { form: '"""', written: '"""\nevent.action: \\"x\\" and \\\n    (b: c or"""',
      at: (text) => positionOf(text, 'or"""', 2) },
    { form: '"', written: '"event.action: \\u0078 and (b: c or"',
      at: (text) => positionOf(text, 'or"', 2) },
  ];

  for (const { form, written, at } of cases) {
    void it(`places a syntax error inside a ${form} query and keeps the rule unsupported`, () => {
      for (const newline of ['\n', '\r\n']) {
        const text = ruleWithQuery(written, newline);
        const { rule, problems } = parseRuleToml(text, 'broken.toml');

        assert.equal(problems.length, 1, newline);
        assert.equal(problems[0].severity, 'error');
        assert.match(problems[0].message, /^query does not parse: .*end of the query/);
        assert.deepEqual({ line: problems[0].line, character: problems[0].character },
          at(text), JSON.stringify(newline));
        assert.equal(rule?.support.supported, false);
        assert.match(rule?.support.reason ?? '', /^query does not parse at offset \d+: /);
      }
    });
  }

  void it('places the error at the offending character, not only at the end', () => {
    const text = ruleWithQuery("'''\nevent.action: DescribeImages\n  and ) x\n'''");
    const { problems } = parseRuleToml(text, 'broken.toml');

    assert.deepEqual([problems[0].line, problems[0].character], [9, 6]);
  });

  void it('reports an error Elasticsearch would give at its clause, as an error', () => {
    const text = ruleWithQuery("'''\nevent.action: x and\n  user: { name: y }\n'''");
    const { rule, problems } = parseRuleToml(text, 'nested.toml');

    assert.equal(problems.length, 1);
    assert.equal(problems[0].severity, 'error');
    assert.match(problems[0].message, /^query cannot run as Elasticsearch would: Nested/);
    assert.equal(problems[0].line, 9);
    assert.equal(rule?.support.supported, false);
  });

  void it('leaves a query that runs without a problem, and prepareRules agrees', () => {
    const text = ruleWithQuery("'event.action: \"DescribeImages\"'");
    const { rule, problems } = parseRuleToml(text, 'good.toml');

    assert.deepEqual(problems, []);
    assert.ok(rule);
    assert.equal(rule.support.supported, true);
    assert.ok(prepareRules([rule])[0].query);
  });

  void it('gives prepareRules the same reason for a rule that was not loaded from a file', () => {
    const text = ruleWithQuery("'event.action: (DescribeImages or'");
    const rule = parseRuleToml(text, 'broken.toml').rule!;
    const asIfSupported = { ...rule, support: { supported: true, warnings: [] } };

    const [prepared] = prepareRules([asIfSupported]);

    assert.equal(prepared.query, undefined);
    assert.equal(prepared.rule.support.reason, rule.support.reason);
  });
});
