// Hostile rule files: queries with thousands of clauses, wildcard patterns built to make a
// backtracking matcher explode, huge strings, rule ids and investigation fields named like
// Object.prototype's members. Loading and evaluating such a rule must stay fast and must not
// break the scan of everybody else's rules.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseExceptionsFile, createExceptionMatcher } from '../../../src/core/exceptions';
import { compileKql, parseKql, type KqlLiteral, type KqlNode } from '../../../src/core/kql';
import { parseRuleToml } from '../../../src/core/rules';
import { prepareRules, scanText } from '../../../src/core/scan';
import { runBounded, summaryOf, type BoundedCase } from './bounded';
import { assertPrototypeClean, assertScanContract, positiveRecord } from './helpers';
import {
  aroundQuery, BACKTRACKING_PATTERNS, loadRule, LONG_VALUES, withQuery,
} from './inputs';

const clauses = (count: number, separator: string): string =>
  Array.from({ length: count }, (_, i) => `event.action: "Action${i}"`).join(separator);

void describe('queries with thousands of clauses', () => {
  const recipe = (name: string, op: BoundedCase['op'], query: string): BoundedCase =>
    ({ name, op, text: [query] });
  const cases: BoundedCase[] = [
    recipe('or', 'kql', clauses(20_000, ' or ')),
    recipe('and', 'kql', clauses(20_000, ' and ')),
    recipe('or of ands', 'kql', Array.from({ length: 5000 },
      (_, i) => `(event.action: "A${i}" and event.provider: "P${i}")`).join(' or ')),
    recipe('and of ors sharing a term', 'kql', Array.from({ length: 5000 },
      (_, i) => `(event.action: "A" or event.provider: "P${i}")`).join(' and ')),
    recipe('value list', 'kql', `event.action: (${Array.from({ length: 20_000 },
      (_, i) => `"A${i}"`).join(' or ')})`),
    recipe('rule file', 'rule', withQuery(clauses(20_000, ' or '))),
  ];
  const done = runBounded(cases, { timeoutMs: 20_000 });

  void it('compile and yield their required terms without a quadratic step', async () => {
    const results = await done;

    assert.deepEqual([summaryOf(results, 'or').events, summaryOf(results, 'or').findings],
      [1, 20_000]);
    assert.deepEqual([summaryOf(results, 'and').events, summaryOf(results, 'and').findings],
      [20_000, 20_000]);
    assert.equal(summaryOf(results, 'or of ands').events, 1);
    assert.deepEqual(summaryOf(results, 'and of ors sharing a term').events, 5000);
    assert.equal(summaryOf(results, 'value list').findings, 20_000);
    assert.equal(summaryOf(results, 'rule file').events, 1);
    for (const { name } of cases) {
      assert.ok((results.get(name)?.ms ?? Infinity) < 4000, `${name}: ${results.get(name)?.ms} ms`);
    }
  });

  void it('give the same required terms as the plain pairwise definition', () => {
    const leaf = fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.constantFrom('x', 'y', 'z', 'w*'))
      .map(([field, value]) => `${field}: ${value}`);
    const query = fc.letrec<{ node: string }>((tie) => ({
      node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf,
        fc.tuple(tie('node'), fc.constantFrom(' and ', ' or '), tie('node'))
          .map(([l, op, r]) => `(${l}${op}${r})`),
        tie('node').map((n) => `not (${n})`)),
    })).node;

    fc.assert(fc.property(query, (text) => {
      const actual = compileKql(text, { fieldType: () => 'keyword' }).requiredClauses();
      assert.deepEqual(actual, pairwiseRequired(parseKql(text)));
    }), { seed: 20261203, numRuns: 300 });
  });
});

void describe('wildcard patterns built to backtrack', () => {
  void it('match `*a*a*…*b` against long values in linear time', () => {
    // The reference path; the default one is held to it in linear-time.test.ts.
    for (const pattern of BACKTRACKING_PATTERNS) {
      const rules = loadRule(() => withQuery(pattern));
      const started = performance.now();
      const reference = scanText(LONG_VALUES, rules, { reference: true });

      assert.ok(performance.now() - started < 1000, pattern.slice(0, 40));
      assertScanContract(LONG_VALUES, reference);
    }
  });

  void it('match exception patterns `*a*a*…*b` against long values in bounded time', () => {
    const exceptions = parseExceptionsFile(JSON.stringify({ version: 1, exceptions: { '*': [{
      id: 'exc-1', comment: 'c', author: 'a', created: '2025-01-01', entries: [{
        field: 'aws.cloudtrail.request_parameters', operator: 'matches',
        value: `${'*a'.repeat(200)}*b` }] }] } }), 'exceptions.json');
    assert.ok(exceptions.file);
    const long = { ...positiveRecord() };
    (long.requestParameters as { [key: string]: unknown }).filler = 'a'.repeat(8000);

    const started = performance.now();
    const result = scanText(JSON.stringify({ Records: [long] }), loadRule((t) => t),
      { exceptions: createExceptionMatcher(exceptions.file, new Date('2026-01-01')) });
    assert.equal(result.findings.length + result.suppressed.length, 1);
    assert.ok(performance.now() - started < 3000);
  });
});

void describe('huge and odd rule text', () => {
  const text = JSON.stringify({ Records: [positiveRecord()] });

  void it('load a rule with a 50 MB description and a 5 MB quoted value', () => {
    const description = loadRule((t) => t.replace('description = """', () =>
      `description = """${'d'.repeat(50_000_000)}`));
    const value = loadRule(() => withQuery(`event.action: "${'x'.repeat(5_000_000)}"`));

    assert.equal(scanText(text, description).findings.length, 1);
    assert.equal(scanText(text, value).findings.length, 0);
  });

  void it('refuse rules whose queries are not KQL, with the offset', () => {
    for (const query of ['a:(', 'a:"', ')'.repeat(10), 'a:(b:(c:(d', '\u0000', 'a:\ud800 or']) {
      const parsed = parseRuleToml(withQuery(query), 'hostile.toml');
      if (parsed.rule === undefined) {
        assert.ok(parsed.problems[0].line !== undefined, query);
        continue;
      }
      const [loaded] = prepareRules([parsed.rule]);
      if (!loaded.rule.support.supported) {
        assert.match(loaded.rule.support.reason ?? '', /offset \d+/, query);
      }
    }
  });
});

void describe('names that Object.prototype already has', () => {
  const text = JSON.stringify({ Records: [positiveRecord()] });
  const names = ['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf'];

  void it('let a rule id like "constructor" run beside an exceptions file', () => {
    const empty = parseExceptionsFile('{"version":1,"exceptions":{"other":[]}}', 'e.json');
    const matcher = createExceptionMatcher(empty.file, new Date('2026-01-01'));

    for (const id of names) {
      const rules = loadRule((t) => t.replace(/rule_id = ".*"/, `rule_id = "${id}"`));
      const result = scanText(text, rules, { exceptions: matcher });

      assert.equal(result.findings.length, 1, id);
      assert.equal(result.findings[0].ruleId, id);
    }
  });

  void it('apply exceptions filed under a rule id like "__proto__"', () => {
    for (const id of names) {
      const file = parseExceptionsFile(JSON.stringify({ version: 1, exceptions: { [id]: [{
        id: 'exc-1', comment: 'c', author: 'a', created: '2025-01-01',
        entries: [{ field: 'event.action', operator: 'is', value: 'DescribeImages' }] }] } }),
      'e.json');
      assert.deepEqual(Object.keys(file.file?.exceptions ?? {}), [id]);
      assert.equal(Object.getPrototypeOf(file.file?.exceptions), Object.prototype);

      const rules = loadRule((t) => t.replace(/rule_id = ".*"/, `rule_id = "${id}"`));
      const result = scanText(text, rules,
        { exceptions: createExceptionMatcher(file.file, new Date('2026-01-01')) });
      assert.deepEqual([result.findings.length, result.suppressed.length], [0, 1], id);
    }
  });

  void it('keep investigation fields named like prototype members out of a finding', () => {
    const rules = loadRule((t) => t.replace('field_names = [', 'field_names = ["__proto__", '
      + '"constructor", "toString", "__proto__.x", "constructor.name", '));
    const [finding] = scanText(text, rules).findings;

    assert.equal(Object.getPrototypeOf(finding.fields), Object.prototype);
    for (const name of names) {
      assert.equal(Object.prototype.hasOwnProperty.call(finding.fields, name), false, name);
    }
    assert.equal(JSON.parse(JSON.stringify(finding.fields))['event.action'], 'DescribeImages');
    assertPrototypeClean();
  });
});

void describe('queries that make every field run to the end', () => {
  void it('read the fields of `a:(a:(…` and `a:a:a:…` in linear time', async () => {
    const [head, tail] = aroundQuery();
    const cases: BoundedCase[] = [
      { name: 'parentheses', op: 'rule', text: [head, { repeat: 'a:(', times: 200_000 }, tail] },
      { name: 'colons', op: 'rule', text: [head, { repeat: 'a:', times: 200_000 }, tail] },
    ];
    const results = await runBounded(cases, { timeoutMs: 10_000 });

    for (const name of ['parentheses', 'colons']) {
      assert.match(summaryOf(results, name).problems.join('\n'), /unsupported: query does not parse/,
        name);
    }
  });
});

// The CNF of required terms by its definition (required-clauses.ts): an `and` requires every
// group of its children, an `or` every union of one group per child (one coarser group when
// there would be more than 64), anything else nothing; then repeated terms and groups, and
// groups containing another, are dropped by comparing every pair.
function pairwiseRequired(node: KqlNode): { field: string; value: string; kind: string }[][] {
  type Term = { field: string; value: string; kind: 'exact' | 'wildcard' };
  const termOf = (field: string, value: KqlLiteral): Term | undefined => {
    if (value.kind === 'string') return { field, value: value.value, kind: 'exact' };
    if (value.kind === 'boolean') return { field, value: String(value.value), kind: 'exact' };
    if (value.kind !== 'wildcard' || value.parts.every((p) => p === '')) return undefined;
    const value2 = value.parts.map((p) => p.replace(/[\\*]/g, '\\$&')).join('*');
    return { field, value: value2, kind: 'wildcard' };
  };
  const cnf = (n: KqlNode): Term[][] => {
    if (n.kind === 'match') {
      const term = termOf(n.field.name, n.value);
      return term && n.field.pattern === undefined ? [[term]] : [];
    }
    if (n.kind === 'and') return n.children.flatMap(cnf);
    if (n.kind !== 'or') return [];
    const branches = n.children.map(cnf);
    if (branches.some((b) => b.length === 0)) return [];
    if (branches.reduce((c, b) => c * b.length, 1) > 64) {
      return [branches.map((b) => b.reduce((x, y) => (y.length < x.length ? y : x))).flat()];
    }
    let result: Term[][] = [[]];
    for (const branch of branches) {
      result = result.flatMap((acc) => branch.map((group) => [...acc, ...group]));
    }
    return result;
  };

  const key = (t: Term): string => `${t.kind}\u0000${t.field}\u0000${t.value}`;
  const unique = cnf(node).map((g) => [...new Map(g.map((t) => [key(t), t])).values()]);
  const keys = unique.map((g) => new Set(g.map(key)));
  return unique.filter((group, i) => !unique.some((other, j) => j !== i
    && other.length <= group.length && [...keys[j]].every((k) => keys[i].has(k))
    && (other.length < group.length || j < i)));
}
