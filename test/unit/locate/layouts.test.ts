// Our synthetic fixtures, one or more per layout, and their CRLF and BOM variants: the layout
// is detected from content, and every located span parses to the event a slow JSON.parse of
// the whole file finds at that place.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { detectLayout } from '../../../src/core/layout';
import { locateEvents } from '../../../src/core/locate';
import { LineIndex } from '../../../src/core/positions';
import type { LayoutKind } from '../../../src/core/types';
import { FIXTURES, fixture, naivePosition, parsedEvents, toCrlf } from './helpers';

type Json = { [key: string]: Json } & Json[] & string;

const parseLines = (text: string): Json[] =>
  text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Json);
const decode = (s: string): unknown => JSON.parse(s);

/** Each fixture's layout, and its events computed from JSON.parse of the whole text. */
const CASES: { [file: string]: { layout: LayoutKind; events: (text: string) => unknown[] } } = {
  'records-pretty.json': { layout: 'records', events: (t) => whole(t).Records },
  'records-one-line.json': { layout: 'records', events: (t) => whole(t).Records },
  'records-concatenated.json': {
    layout: 'records',
    events: (t) => [...t.matchAll(/\{"Records":.*?\]\}(?=\{|\r?\n|$)/g)]
      .flatMap((m) => whole(m[0]).Records),
  },
  'array-pretty.json': { layout: 'array', events: (t) => whole(t) },
  'single-event.json': { layout: 'single', events: (t) => [whole(t)] },
  'lines.jsonl': { layout: 'lines', events: parseLines },
  'lookup-events.json': {
    layout: 'lookup-events', events: (t) => whole(t).Events.map((e) => decode(e.CloudTrailEvent)),
  },
  'lookup-events-query.json': { layout: 'lookup-events', events: (t) => whole(t).map(decode) },
  'eventbridge-array.json': {
    layout: 'eventbridge',
    events: (t) => whole(t).filter((e) => e['detail-type'].endsWith('via CloudTrail'))
      .map((e) => e.detail),
  },
  'eventbridge-lines.jsonl': {
    layout: 'eventbridge', events: (t) => parseLines(t).map((e) => e.detail),
  },
  'lake.json': { layout: 'lake', events: (t) => whole(t).QueryResultRows },
  'ecs-search-response.json': {
    layout: 'ecs', events: (t) => whole(t).hits.hits.map((h) => h._source),
  },
  'ecs-kibana-inspect.json': {
    layout: 'ecs', events: (t) => whole(t).rawResponse.hits.hits.map((h) => h._source),
  },
  'ecs-hits.ndjson': { layout: 'ecs', events: (t) => parseLines(t).map((h) => h._source) },
  'ecs-simulate.json': { layout: 'ecs', events: (t) => whole(t).docs.map((d) => d.doc._source) },
  'ecs-docs-array.json': { layout: 'ecs', events: (t) => whole(t) },
  'digest.json': { layout: 'digest', events: () => [] },
  's3-notification.json': { layout: 'unknown', events: () => [] },
  'other.json': { layout: 'unknown', events: () => [] },
};

function whole(text: string): Json {
  return JSON.parse(text.replace(/^\uFEFF/, '')) as Json;
}

/** The text as written, with CRLF line breaks, and with a byte-order mark. */
const VARIANTS: { [name: string]: (text: string) => string } = {
  'as written': (t) => t,
  'with CRLF line breaks': toCrlf,
  'with a leading BOM': (t) => `\uFEFF${t}`,
};

void describe('layout fixtures', () => {
  void it('covers every fixture file', () => {
    assert.deepEqual(readdirSync(FIXTURES).sort(),
      [...Object.keys(CASES), 'lines-bad-middle.jsonl'].sort());
  });

  for (const [file, expected] of Object.entries(CASES)) {
    for (const [variant, transform] of Object.entries(VARIANTS)) {
      void it(`detects ${file} ${variant} as ${expected.layout}, locating its events`, () => {
        const text = transform(fixture(file));
        const result = locateEvents(text);

        assert.equal(detectLayout(text), expected.layout);
        assert.deepEqual(result.problems, []);
        assert.deepEqual(parsedEvents(text, result), expected.events(text));
        for (const event of result.events) {
          const first = text[event.span.start];
          const last = text[event.span.end - 1];
          assert.ok(first === '{' || first === '[' || first === '"', `${first} starts a token`);
          assert.ok(last === '}' || last === ']' || last === '"', `${last} ends a token`);
        }
        assert.deepEqual(result.events.map((e) => e.index), result.events.map((_, i) => i));
      });
    }
  }

  void it('locates lookup-events records in string tokens and EventBridge ones in detail', () => {
    const lookup = fixture('lookup-events.json');
    const bridge = fixture('eventbridge-array.json');

    assert.deepEqual(locateEvents(lookup).events.map((e) => e.encoding), ['escaped', 'escaped']);
    for (const { span } of locateEvents(bridge).events) {
      assert.match(bridge.slice(span.start - 12, span.start), /"detail": $/);
    }
  });

  void it('keeps an ECS document that is not a search hit whole', () => {
    const text = fixture('ecs-docs-array.json');
    const result = locateEvents(text);

    assert.deepEqual(result.events.map((e) => e.encoding), ['ecs', 'ecs', 'ecs']);
    assert.equal(result.events[0].span.start, 1);
  });

  void it('uses the layout it is given instead of detecting one', () => {
    const text = fixture('records-one-line.json');

    assert.equal(locateEvents(text, 'digest').events.length, 0);
    assert.equal(locateEvents(text, 'single').events.length, 1);
  });
});

void describe('positions of events after non-ASCII text', () => {
  const first = { eventVersion: '1.09', eventTime: 't', note: 'café é 😀 🇫🇷 \u2028', 'clé 😀': 'ü' };
  const second = { eventVersion: '1.09', eventTime: 'u', marker: 'second' };

  for (const indent of [undefined, 2]) {
    for (const [variant, transform] of Object.entries(VARIANTS)) {
      const form = indent === undefined ? 'one line' : 'pretty';
      void it(`counts UTF-16 units (${form}, ${variant})`, () => {
        const text = transform(JSON.stringify({ Records: [first, second] }, null, indent));
        const [, located] = locateEvents(text).events;
        const secondText = JSON.stringify(second, null, indent)
          .replace(/\n/g, `${text.includes('\r') ? '\r' : ''}\n${indent === undefined ? '' : '    '}`);
        const expectedStart = text.indexOf(secondText);
        const index = new LineIndex(text);

        assert.ok(expectedStart > 0);
        assert.deepEqual(located.span,
          { start: expectedStart, end: expectedStart + secondText.length });
        assert.deepEqual(index.positionAt(located.span.start), naivePosition(text, expectedStart));
        assert.notEqual(Buffer.byteLength(text.slice(0, expectedStart)), expectedStart);
      });
    }
  }
});
