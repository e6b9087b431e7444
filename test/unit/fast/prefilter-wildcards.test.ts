import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fieldTypeOf } from '../../../src/core/ecs';
import { literalPlan } from '../../../src/core/fast';
import { compileKql } from '../../../src/core/kql';
import { scanText, type LoadedRule } from '../../../src/core/scan';
import {
  assertAboutAsFastAsReference as aboutAsFast, positiveRecord,
} from '../hostile/helpers';
import { BACKTRACKING_PATTERNS, loadRule, withQuery } from '../hostile/inputs';

function planOf(query: string) {
  return literalPlan(compileKql(query, { fieldType: fieldTypeOf }));
}

/** The built-in rule with its query replaced. */
function ruleWith(query: string): LoadedRule[] {
  return loadRule(() => withQuery(query));
}

/** The positive record's JSON text, its user agent written as `agent` (raw JSON text). */
function recordWithAgent(agent: string): string {
  return JSON.stringify({ ...positiveRecord(), userAgent: '@' }).replace('"@"', agent);
}

/** Records wrapped in a Records list. */
function recordsText(records: readonly string[]): string {
  return `{"Records":[${records.join(',')}]}`;
}

/** Asserts that both paths give the same result; returns it. */
function sameAsReference(text: string, rules: readonly LoadedRule[]) {
  const expected = scanText(text, rules, { reference: true });
  assert.deepEqual(scanText(text, rules), expected);
  return expected;
}

void describe('literalPlan bounds', () => {
  void it('keeps the four longest parts of a wildcard, once each, in their order', () => {
    assert.deepEqual(planOf(`user_agent.original: ${'*a'.repeat(3000)}*b`)?.groups,
      [[['a', 'b']]]);
    assert.deepEqual(planOf('user_agent.original: *alpha*beta*al*gamma*delta*epsilon*beta*')
      ?.groups, [[['alpha', 'gamma', 'delta', 'epsilon']]]);
  });

  void it('drops a part that lies inside another kept part', () => {
    assert.deepEqual(planOf('user_agent.original: *Describe*DescribeImages*Images*ribe*')
      ?.groups, [[['DescribeImages']]]);
  });

  void it('keeps at most 64 searches per event, dropping the costliest groups whole', () => {
    const many = Array.from({ length: 100 }, (_, i) => `user_agent.original: *part${i}*`);
    const groups = planOf(many.join(' and '))?.groups ?? [];
    assert.equal(groups.length, 64);
    assert.deepEqual(groups[0], [['part0']]);

    const actions = Array.from({ length: 100 }, (_, i) => `Action${i}`).join(' or ');
    assert.deepEqual(planOf(`event.provider: "ec2.amazonaws.com" and event.action: (${
      actions})`)?.groups, [[['ec2.amazonaws.com']]]);
    assert.equal(planOf(`event.action: (${actions})`), undefined);
  });
});

void describe('the prefilter with wildcard queries of many parts', () => {
  const agents = ['"plain"', `"${'a'.repeat(4000)}"`, `"${'a'.repeat(4000)}b"`,
    `"${'ab'.repeat(2000)}"`, `"b${'a'.repeat(4000)}"`, `"${'\\u0061'.repeat(500)}b"`,
    `"${'a'.repeat(100)}\\u0062"`, '"DescribeImages"', '"\\u0044escribeImages"'];
  const text = recordsText(agents.map(recordWithAgent));

  void it('finds what the reference path finds, escapes included', () => {
    const queries = [...BACKTRACKING_PATTERNS, `user_agent.original: ${'*a'.repeat(500)}*`,
      `user_agent.original: *${Array.from({ length: 500 }, (_, i) => `p${i}`).join('*')}*`,
      'user_agent.original: *Describe*Images', 'user_agent.original: *escribe*mage*',
      `user_agent.original: ${'a'.repeat(100)}b`, `user_agent.original: *${'a'.repeat(99)}*b`,
      `${Array.from({ length: 80 }, (_, i) => `user_agent.original: *${'a'.repeat(i)}*`)
        .join(' and ')}`];
    const found = queries.map((query) => sameAsReference(text, ruleWith(query)).findings.length);

    assert.ok(found.filter((n) => n > 0).length >= 5, `findings per query: ${found.join(' ')}`);
  });

  void it('finds a wildcard\'s parts spelled with \\u escapes', () => {
    const result = sameAsReference(text, ruleWith(`user_agent.original: ${'*a'.repeat(50)}*b`));

    // The records ending in a b after enough a's: plain, alternating, escaped a's, escaped b.
    assert.deepEqual(result.findings.map((f) => f.eventIndex), [2, 3, 5, 6]);
  });

  void it('judges a `*a*a*…*b` query over many long values about as fast as evaluating it',
    () => {
      const long = recordsText(Array.from({ length: 300 }, (_, i) =>
        recordWithAgent(`"${'a'.repeat(4000 + i)}${i % 50 === 0 ? 'b' : ''}"`)));
      for (const pattern of BACKTRACKING_PATTERNS) {
        aboutAsFast(long, ruleWith(pattern), pattern.slice(0, 30));
      }
    });

  void it('searches a long literal over long runs of its characters about as fast', () => {
    const long = recordsText(Array.from({ length: 300 }, (_, i) =>
      recordWithAgent(`"${'a'.repeat(5000)}${i % 50 === 0 ? 'b' : ''}"`)));
    const literal = `${'a'.repeat(3000)}b`;

    assert.equal(aboutAsFast(long, ruleWith(`user_agent.original: "${literal}"`), 'literal')
      .findings.length, 0);
    assert.equal(aboutAsFast(long, ruleWith(`user_agent.original: *${literal}`), 'wildcard')
      .findings.length, 6);
  });

  void it('skips a long run of whitespace between records about as fast as it is located', () => {
    const padding = ' '.repeat(4_000_000);
    const padded = `{"Records":[${padding}${recordWithAgent(`"${' '.repeat(1000)}"`)},${padding}${
      recordWithAgent('"x"')}${padding}]}`;
    const result = aboutAsFast(padded, ruleWith(`user_agent.original: "${' '.repeat(1000)}"`),
      'spaces');

    assert.deepEqual(result.findings.map((f) => f.eventIndex), [0]);
  });
});
