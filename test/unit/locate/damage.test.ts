// Damaged input: cut files, invalid JSON in the middle, garbage. Every complete event before
// the damage is still found with its exact span, every problem carries its offset, and
// scanning resumes after the damage where the file's shape allows it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { detectLayout } from '../../../src/core/layout';
import { locateEvents } from '../../../src/core/locate';
import { LineIndex } from '../../../src/core/positions';
import type { LocateResult } from '../../../src/core/types';
import { fixture, parsedEvents } from './helpers';

const spans = (result: LocateResult): string[] =>
  result.events.map((e) => `${e.span.start}-${e.span.end}`);

void describe('damaged JSON Lines', () => {
  void it('reports a bad middle line and still locates the lines after it', () => {
    const text = fixture('lines-bad-middle.jsonl');
    const lines = text.split('\n');
    const result = locateEvents(text);

    assert.equal(result.layout, 'lines');
    assert.deepEqual(parsedEvents(text, result),
      [lines[0], lines[2], lines[3]].map((l) => JSON.parse(l) as unknown));
    assert.equal(result.problems.length, 1);
    assert.equal(new LineIndex(text).positionAt(result.problems[0].offset).line, 1);
  });

  void it('reports text after a value on its line, keeping the value and the next line', () => {
    const text = '{"eventName":"A","eventTime":"t"} junk\r\n{"eventName":"B","eventTime":"t"}\r\n';
    const result = locateEvents(text);

    assert.deepEqual(parsedEvents(text, result).map((e) => (e as { eventName: string }).eventName),
      ['A', 'B']);
    assert.equal(result.problems[0].offset, text.indexOf('junk'));
    assert.match(result.problems[0].message, /rest of the line/);
  });

  void it('ignores blank lines, a blank last line and CRLF breaks', () => {
    const text = '\r\n{"eventName":"A","eventTime":"t"}\r\n\r\n  \r\n'
      + '{"eventName":"B","eventTime":"t"}\r\n\r\n';
    const result = locateEvents(text);

    assert.equal(result.layout, 'lines');
    assert.equal(result.events.length, 2);
    assert.deepEqual(result.problems, []);
  });
});

void describe('damage inside a Records array', () => {
  const pretty = fixture('records-pretty.json');
  const oneLine = fixture('records-one-line.json');
  const intactEvents = parsedEvents(oneLine, locateEvents(oneLine));

  void it('reports a raw line break inside a string at its offset, keeping the others', () => {
    const at = pretty.indexOf('"eventTime": "2024-05-01T10:00:02Z"') + 20;
    const text = `${pretty.slice(0, at)}\n${pretty.slice(at)}`;
    const result = locateEvents(text);
    const original = locateEvents(pretty);

    assert.deepEqual(result.problems.map((p) => [p.offset, p.severity]), [[at, 'error']]);
    const shift = (offset: number): number => offset + (offset > at ? 1 : 0);
    assert.deepEqual(spans(result), [original.events[0], original.events[2]]
      .map((e) => `${shift(e.span.start)}-${shift(e.span.end)}`));
  });

  void it('resynchronises after a missing quote that flips strings and structure', () => {
    const at = oneLine.indexOf('"eventTime":"2024-05-01T10:00:02Z"');
    const text = oneLine.slice(0, at) + oneLine.slice(at + 1);
    const result = locateEvents(text);

    assert.deepEqual(result.problems.map((p) => p.offset), [at]);
    assert.equal(result.events.length, 2);
    assert.deepEqual(parsedEvents(text, result), [0, 2].map((i) => intactEvents[i]));
  });

  void it('keeps every event when only the comma between two events is missing', () => {
    const at = oneLine.indexOf('},{"eventVersion"', oneLine.indexOf('10:00:02Z')) + 1;
    const text = oneLine.slice(0, at) + oneLine.slice(at + 1);
    const result = locateEvents(text);

    assert.equal(result.events.length, 3);
    assert.deepEqual(result.problems.map((p) => p.offset), [at]);
  });

  void it('loses only the event whose closing brace is missing', () => {
    const at = oneLine.indexOf('},{"eventVersion"', oneLine.indexOf('10:00:02Z'));
    const text = oneLine.slice(0, at) + oneLine.slice(at + 1);
    const result = locateEvents(text);

    assert.deepEqual(parsedEvents(text, result), [0, 2].map((i) => intactEvents[i]));
    assert.equal(result.problems.length, 1);
  });

  void it('reports a trailing comma as invalid JSON without losing events', () => {
    const text = `${oneLine.slice(0, -2)},]}`;
    const result = locateEvents(text);

    assert.equal(result.events.length, 3);
    assert.deepEqual(result.problems.map((p) => [p.offset, p.severity]),
      [[text.length - 2, 'error']]);
  });

  void it('finds the Records array even when the wrapper is damaged before it', () => {
    const text = `{"note": tru, ${oneLine.slice(1)}`;
    const result = locateEvents(text);

    assert.equal(result.layout, 'records');
    assert.equal(result.events.length, 3);
    assert.equal(result.problems[0].offset, text.indexOf('tru'));
  });
});

/** Every cut point of these fixtures is tried: a file can end anywhere. */
const CUT_FIXTURES = ['records-pretty.json', 'records-one-line.json', 'array-pretty.json',
  'lines.jsonl', 'lake.json', 'lookup-events.json', 'ecs-search-response.json',
  'eventbridge-array.json', 'records-concatenated.json'];

void describe('truncated files', () => {
  for (const name of CUT_FIXTURES) {
    void it(`find the events before the cut, and the cut itself, at every cut of ${name}`, () => {
      const full = fixture(name);
      const whole = locateEvents(full);
      const endsOf = containerEnds(name, full, whole);

      for (let cut = 0; cut <= full.length; cut++) {
        const text = full.slice(0, cut);
        const result = locateEvents(text, whole.layout);
        const complete = whole.events.filter((_, i) => endsOf[i] <= cut);

        assert.deepEqual(spans(result), spans({ ...whole, events: complete }), `cut ${cut}`);
        if (complete.length > 0) assert.equal(detectLayout(text), whole.layout, `cut ${cut}`);
        const stream = whole.layout === 'lines' || name === 'records-concatenated.json';
        const damaged = text.trim() !== '' && text.trimEnd().length < full.trimEnd().length
          && !stream;
        if (damaged) assert.ok(result.problems.some((p) => p.severity === 'error'), `cut ${cut}`);
        for (const problem of result.problems) {
          assert.deepEqual([problem.offset, problem.severity], [cut, 'error'], `cut ${cut}`);
        }
      }
    });
  }
});

/**
 * Where the element that holds each event ends: the event itself, or the lookup-events entry,
 * EventBridge envelope or search hit around it (those are emitted once their element closes).
 */
function containerEnds(name: string, text: string, whole: LocateResult): number[] {
  if (!/lookup|eventbridge|ecs/.test(name)) return whole.events.map((e) => e.span.end);
  return whole.events.map((e) => {
    let depth = 1;
    let pos = e.span.end;
    let inString = false;
    for (; depth > 0; pos++) {
      const c = text[pos];
      if (inString) {
        if (c === '\\') pos++;
        else if (c === '"') inString = false;
      } else if (c === '"') {
        inString = true;
      } else if (c === '{') {
        depth++;
      } else if (c === '}') {
        depth--;
      }
    }
    return pos;
  });
}

void describe('garbage and mutations', () => {
  const alphabet = fc.constantFrom('{', '}', '[', ']', '"', '\\', ':', ',', ' ', '\n', '\r', 'a',
    '1', '-', 'e', '.', 't', 'n', 'u', '\uFEFF', 'é', '\uD83D', '\uDE00', '\t', 'R');

  void it('never throws on random text and only returns well-formed spans', () => {
    fc.assert(fc.property(fc.string({ unit: alphabet, maxLength: 300 }), (text) => {
      const result = locateEvents(text);
      checkWellFormed(text, result);
    }), { numRuns: 2000 });
  });

  void it('never throws on mutated fixtures and keeps every event before the first edit', () => {
    const names = ['records-one-line.json', 'records-pretty.json', 'lines.jsonl', 'lake.json',
      'lookup-events.json', 'array-pretty.json', 'ecs-hits.ndjson'];
    const edit = fc.record({
      at: fc.nat(), remove: fc.nat({ max: 3 }), insert: fc.string({ unit: alphabet, maxLength: 3 }),
    });
    fc.assert(fc.property(fc.constantFrom(...names), fc.array(edit, { minLength: 1, maxLength: 4 }),
      (name, edits) => {
        const full = fixture(name);
        let text = full;
        let first = full.length;
        for (const { at, remove, insert } of edits) {
          const pos = at % (text.length + 1);
          first = Math.min(first, pos);
          text = text.slice(0, pos) + insert + text.slice(pos + remove);
        }

        const whole = locateEvents(full);
        const result = locateEvents(text, whole.layout);
        checkWellFormed(text, result);
        const endsOf = containerEnds(name, full, whole);
        const before = whole.events.filter((_, i) => endsOf[i] < first);
        assert.deepEqual(spans(result).slice(0, before.length),
          spans({ ...whole, events: before }));
      }), { numRuns: 1500 });
  });
});

/** Spans in order, inside the text, each holding JSON of the kind its encoding says. */
function checkWellFormed(text: string, result: LocateResult): void {
  let previousEnd = 0;
  for (const { span, encoding } of result.events) {
    assert.ok(span.start >= previousEnd && span.end > span.start && span.end <= text.length);
    previousEnd = span.end;

    const value: unknown = JSON.parse(text.slice(span.start, span.end));
    if (encoding === 'escaped') assert.equal(typeof value, 'string');
    else if (encoding === 'lake-row') assert.ok(Array.isArray(value));
    else assert.ok(value !== null && typeof value === 'object' && !Array.isArray(value));
  }
  for (const problem of result.problems) {
    assert.ok(problem.offset >= 0 && problem.offset <= text.length);
  }
}

void describe('extreme sizes', () => {
  void it('locates an event nested a million levels deep without overflowing', () => {
    const depth = 1_000_000;
    const text = `{"Records":[{"eventVersion":"1.0","eventTime":"t","requestParameters":${
      '['.repeat(depth)}${']'.repeat(depth)}},{"eventVersion":"1.0","eventTime":"u"}]}`;
    const result = locateEvents(text);

    assert.equal(detectLayout(text), 'records');
    assert.equal(result.events.length, 2);
    assert.equal(result.events[0].span.end, text.indexOf(',{"eventVersion"', 2 * depth));
  });

  void it('reports a million unclosed objects as an incomplete event, where the text ends', () => {
    const text = `[{"eventVersion":"1.0","eventTime":"t","a":${'{"a":'.repeat(1_000_000)}`;
    const result = locateEvents(text);

    assert.equal(result.events.length, 0);
    assert.deepEqual(result.problems.map((p) => [p.offset, p.severity]),
      [[text.length, 'error']]);
    assert.match(result.problems[0].message, /ends inside an event, which is incomplete/);
  });

  void it('locates the event of a 100 MB line', () => {
    const big = 'x'.repeat(100_000_000);
    const text = `{"Records":[{"eventVersion":"1.0","eventTime":"t","note":"${big}"}]}`;
    const started = performance.now();
    const result = locateEvents(text);

    assert.deepEqual(spans(result), [`12-${text.length - 2}`]);
    assert.ok(performance.now() - started < 5000);
  });
});
