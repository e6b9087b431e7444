// A million nested brackets wherever a file may hold them: at the root, inside an event,
// inside requestParameters, inside a lookup-events escaped string, in a rule's KQL query, in
// a rule file's TOML, and in the exceptions file. Every case runs in a worker with a deadline
// and a heap cap, and must end in events or positioned problems, never in a stack overflow.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runBounded, summaryOf, type BoundedCase, type Piece } from './bounded';
import { aroundQuery, RULE_TEMPLATE } from './inputs';

const MILLION = 1_000_000;

/** A Records file whose one event holds `inner` as the value of `key` (`$` marks the spot). */
function recordsWith(before: string, inner: Piece[], after: string): Piece[] {
  return [`{"Records":[{"eventVersion":"1.08","eventSource":"ec2.amazonaws.com",${before}`,
    ...inner, `${after}}]}`];
}

const deepArray = (n: number): Piece[] => [{ repeat: '[', times: n }, { repeat: ']', times: n }];
const deepObject = (n: number): Piece[] =>
  [{ repeat: '{"a":', times: n }, '1', { repeat: '}', times: n }];

/** The built-in rule file with its query replaced (the query is built by the worker). */
function ruleWithQuery(query: Piece[]): Piece[] {
  const [head, tail] = aroundQuery();
  return [head, ...query, tail];
}

const EXCEPTIONS_HEAD = '{"version":1,"exceptions":{"r":[{"id":"a","comment":"c","author":"x",'
  + '"created":"2025-01-01","entries":[{"field":"user.name","operator":"is one of","values":';

const CASES: BoundedCase[] = [
  { name: 'root: unclosed', op: 'scan', text: [{ repeat: '[', times: MILLION }] },
  { name: 'root: closed arrays', op: 'scan', text: deepArray(MILLION) },
  { name: 'root: closed objects', op: 'scan', text: deepObject(MILLION) },
  { name: 'root: Records of arrays', op: 'scan',
    text: ['{"Records":[', ...deepArray(MILLION), ']}'] },
  { name: 'event: locate', op: 'locate',
    text: recordsWith('"eventName":"X","x":', deepArray(MILLION), '') },
  { name: 'event: scan', op: 'scan',
    text: recordsWith('"eventName":"DescribeImages","x":', deepArray(MILLION), '') },
  { name: 'event: unclosed', op: 'scan',
    text: recordsWith('"eventName":"X","x":', [{ repeat: '[', times: MILLION }], '') },
  { name: 'event: cut', op: 'scan',
    text: ['{"Records":[{"eventVersion":"1.08","x":', { repeat: '[', times: MILLION }] },
  { name: 'requestParameters: locate', op: 'locate',
    text: recordsWith('"requestParameters":{"a":', deepObject(MILLION), '}') },
  { name: 'requestParameters: parse and map', op: 'parse-map',
    text: ['{"eventVersion":"1.08","requestParameters":', ...deepArray(MILLION), '}'] },
  { name: 'requestParameters: scan objects', op: 'scan',
    text: recordsWith('"eventName":"DescribeImages","requestParameters":{"a":',
      deepObject(100_000), '}') },
  { name: 'requestParameters: scan arrays', op: 'scan',
    text: recordsWith('"eventName":"DescribeImages","requestParameters":{"a":',
      deepArray(MILLION), '}') },
  { name: 'lookup-events: escaped', op: 'scan',
    text: ['{"Events":[{"EventId":"1","CloudTrailEvent":"{\\"eventVersion\\":\\"1.08\\",'
      + '\\"eventName\\":\\"DescribeImages\\",\\"requestParameters\\":{\\"a\\":',
    ...deepArray(200_000), '}}"}]}'] },
  { name: 'lookup-events: escaped, unclosed', op: 'scan',
    text: ['{"Events":[{"EventId":"1","CloudTrailEvent":"{\\"eventVersion\\":\\"1.08\\",'
      + '\\"x\\":', { repeat: '[', times: MILLION }, '}"}]}'] },
  { name: 'KQL: parentheses', op: 'rule',
    text: ruleWithQuery([{ repeat: '(', times: MILLION }, 'a:b',
      { repeat: ')', times: MILLION }]) },
  { name: 'KQL: value lists', op: 'rule',
    text: ruleWithQuery(['a:', { repeat: '(', times: MILLION }, 'b',
      { repeat: ')', times: MILLION }]) },
  { name: 'KQL: nested fields', op: 'rule',
    text: ruleWithQuery([{ repeat: 'a:{', times: MILLION }, 'b:c',
      { repeat: '}', times: MILLION }]) },
  { name: 'TOML: arrays', op: 'rule',
    text: [RULE_TEMPLATE, '\n[extra]\nvalue = ', ...deepArray(MILLION), '\n'] },
  { name: 'TOML: inline tables', op: 'rule',
    text: [RULE_TEMPLATE, '\n[extra]\nvalue = ', { repeat: '{a=', times: MILLION }, '1',
      { repeat: '}', times: MILLION }, '\n'] },
  { name: 'exceptions: values', op: 'exceptions',
    text: [EXCEPTIONS_HEAD, '[', ...deepArray(MILLION), ']}]}]}}'] },
  { name: 'exceptions: unknown property', op: 'exceptions',
    text: ['{"version":1,"exceptions":{},"x":', ...deepArray(MILLION), '}'] },
];

void describe('a million nested brackets', () => {
  const results = runBounded(CASES, { timeoutMs: 25_000, maxHeapMb: 1536 });

  void it('never throw, hang or exhaust the heap, and keep the output contract', async (t) => {
    const done = await results;

    for (const { name } of CASES) {
      assert.ok(summaryOf(done, name), name);
      t.diagnostic(`${name}: ${Math.round(done.get(name)?.ms ?? 0)} ms`);
    }
  });

  void it('find no event in a bare nest, and report an unclosed one where it is cut', async () => {
    const done = await results;

    assert.equal(summaryOf(done, 'root: closed arrays').events, 0);
    assert.deepEqual(summaryOf(done, 'root: Records of arrays').problems,
      ['12 warning: This element is not an object, so it cannot hold an event; skipped']);
    const unclosed = summaryOf(done, 'event: unclosed');
    assert.equal(unclosed.events, 0);
    assert.match(unclosed.problems[0], /^\d{7} error: Unexpected '}': expected a JSON value/);
    const cut = summaryOf(done, 'event: cut');
    assert.equal(cut.events, 0);
    assert.match(cut.problems[0], /^1000039 error: .*incomplete.*truncated/);
  });

  void it('locate and evaluate an event whatever the depth inside it', async () => {
    const done = await results;

    assert.equal(summaryOf(done, 'event: locate').events, 1);
    assert.equal(summaryOf(done, 'requestParameters: locate').events, 1);
    assert.equal(summaryOf(done, 'event: scan').events, 1);
    assert.equal(summaryOf(done, 'requestParameters: scan objects').events, 1);
    assert.equal(summaryOf(done, 'requestParameters: scan arrays').events, 1);
    assert.deepEqual(summaryOf(done, 'requestParameters: parse and map').events, 1);
    assert.equal(summaryOf(done, 'lookup-events: escaped').events, 1);
  });

  void it('report a cut escaped record inside its string, at a file offset', async () => {
    const done = await results;
    const cut = summaryOf(done, 'lookup-events: escaped, unclosed');

    assert.equal(cut.events, 1);
    assert.equal(cut.problems.length, 1);
    assert.match(cut.problems[0], /^\d+ error: event 1 is not valid JSON: /);
  });

  void it('make a rule whose query nests too deep unsupported, with the offset', async () => {
    const done = await results;

    for (const name of ['KQL: parentheses', 'KQL: value lists', 'KQL: nested fields']) {
      const summary = summaryOf(done, name);
      assert.equal(summary.events, 1, name);
      assert.match(summary.problems.join('\n'),
        /unsupported: query does not parse at offset \d+: The query nests more than 256/, name);
    }
  });

  void it('refuse deeply nested TOML with a positioned problem', async () => {
    const done = await results;

    for (const name of ['TOML: arrays', 'TOML: inline tables']) {
      const summary = summaryOf(done, name);
      assert.equal(summary.events, 0, name);
      assert.match(summary.problems[0], /^\d+:\d+ invalid TOML: .*nested/, name);
    }
  });

  void it('place problems of a deeply nested exceptions file on the nearest key', async () => {
    const done = await results;

    assert.deepEqual(summaryOf(done, 'exceptions: values').problems,
      [`0:${EXCEPTIONS_HEAD.length + 1} Expected a string.`]);
    assert.match(summaryOf(done, 'exceptions: unknown property').problems[0],
      /^0:\d+ Unknown property "x"/);
  });
});
