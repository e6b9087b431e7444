// Random files built piece by piece, so that every event's span is known from construction,
// compared with what the locator finds; each span must also parse (JSON.parse) to the event.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { locateEvents } from '../../../src/core/locate';
import type { LayoutKind, Span } from '../../../src/core/types';

/** A CloudTrail-looking record with random extra members and awkward strings. */
const awkwardString = fc.string({
  unit: fc.oneof(fc.constantFrom('"', '\\', '/', '{', '}', '[', ']', ',', ':', '\n', '\t', 'é',
    '😀', '\u2028', '\u0000'), fc.string({ minLength: 1, maxLength: 1 })),
  maxLength: 20,
});
const record = fc.record({
  eventVersion: fc.constant('1.09'),
  eventTime: fc.constant('2024-05-01T10:00:00Z'),
  eventName: awkwardString,
  requestParameters: fc.oneof(fc.constant(null), fc.dictionary(awkwardString, fc.jsonValue())),
}).chain((base) => fc.dictionary(awkwardString, fc.jsonValue(), { maxKeys: 3 })
  .map((extra) => ({ ...extra, ...base })));

const whitespace = fc.string({ unit: fc.constantFrom(' ', '\n', '\t', '\r\n'), maxLength: 3 });
const indent = fc.constantFrom(undefined, 2, 4, '\t');

/** Text assembled from parts; the span of every part marked as an event is recorded. */
class Builder {
  text = '';
  spans: Span[] = [];

  add(part: string, isEvent = false): void {
    if (isEvent) this.spans.push({ start: this.text.length, end: this.text.length + part.length });
    this.text += part;
  }
}

const file = fc.record({
  events: fc.array(fc.tuple(record, indent, whitespace, whitespace), { maxLength: 8 }),
  layout: fc.constantFrom<LayoutKind>('records', 'array', 'lines'),
  bom: fc.boolean(),
  prefix: whitespace,
});

void describe('locator against construction', () => {
  void it('finds the constructed spans of random Records, array and JSON Lines files', () => {
    fc.assert(fc.property(file, ({ events, layout, bom, prefix }) => {
      const b = new Builder();
      b.add(bom ? '\uFEFF' : '');
      b.add(prefix);
      if (layout === 'records') b.add('{ "Records" :[');
      if (layout === 'array') b.add('[');

      events.forEach(([event, space, before, after], i) => {
        if (layout === 'lines') {
          b.add(JSON.stringify(event), true);
          b.add(`${after.replace(/[^ \t]/g, '')}\n${before}`);
          return;
        }
        if (i > 0) b.add(`${before},${after}`);
        b.add(JSON.stringify(event, null, space), true);
      });
      if (layout === 'records') b.add(']}');
      if (layout === 'array') b.add(']');

      const result = locateEvents(b.text, layout);
      assert.deepEqual(result.events.map((e) => e.span), b.spans);
      assert.deepEqual(result.problems, []);
      const slices = result.events.map((e) => b.text.slice(e.span.start, e.span.end));
      assert.deepEqual(slices.map((slice) => JSON.parse(slice) as unknown),
        events.map(([event]) => JSON.parse(JSON.stringify(event)) as unknown));
      if (events.length > 0) assert.equal(locateEvents(b.text).layout, layout);
    }), { numRuns: 1000 });
  });
});
