// The helpers for re-scanning after an edit: which event holds an offset, and re-locating one
// event from its start.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eventIndexOfOffset, locateEventAt, locateEvents } from '../../../src/core/locate';
import { fixture } from './helpers';

void describe('eventIndexOfOffset', () => {
  void it('finds the event whose span holds an offset, and -1 between events', () => {
    const text = fixture('records-pretty.json');
    const { events } = locateEvents(text);

    for (let offset = 0; offset <= text.length; offset++) {
      const expected = events.findIndex((e) => e.span.start <= offset && offset < e.span.end);
      assert.equal(eventIndexOfOffset(events, offset), expected, `offset ${offset}`);
    }
  });
});

void describe('locateEventAt', () => {
  const text = fixture('records-one-line.json');
  const { events } = locateEvents(text);

  void it('re-locates an event from its start after an edit inside it', () => {
    const second = events[1];
    const at = text.indexOf('"eventName"', second.span.start);
    const edited = `${text.slice(0, at)}"edited":true,${text.slice(at)}`;

    const result = locateEventAt(edited, second.span.start, 'raw', 1);
    assert.ok('event' in result);
    assert.deepEqual(result.event,
      { index: 1, span: { start: second.span.start, end: second.span.end + 14 }, encoding: 'raw' });
  });

  void it('returns the problem when the edit broke the event', () => {
    const second = events[1];
    const at = text.indexOf('"eventName"', second.span.start);
    const edited = `${text.slice(0, at)}"edited":,${text.slice(at)}`;

    const result = locateEventAt(edited, second.span.start, 'raw');
    assert.ok('problem' in result);
    assert.equal(result.problem.offset, at + 9);
  });

  void it('checks that the token has the shape its encoding needs', () => {
    const lookup = fixture('lookup-events.json');
    const [first] = locateEvents(lookup).events;

    assert.ok('event' in locateEventAt(lookup, first.span.start, 'escaped'));
    assert.ok('problem' in locateEventAt(lookup, first.span.start, 'raw'));
  });
});
