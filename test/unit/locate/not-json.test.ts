// A text in which no layout with events is recognised is still read to its end: one that is
// not JSON (or not JSON Lines) gets an error at its first bad character, a cut one an error
// at its end, an empty one a warning; JSON that simply is not CloudTrail gets nothing.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { detectLayout } from '../../../src/core/layout';
import { locateEvents } from '../../../src/core/locate';
import { corpusBytes, fixture } from './helpers';

/** A text, where its one problem is expected, and what the message says. */
type Expected = [text: string, offset: number, message: RegExp];

const NOT_JSON: Expected[] = [
  ['nonsense', 0, /^Not a JSON document: unexpected 'n': expected a JSON value \(CloudTrail/],
  ['hello world', 0, /^Not a JSON document: unexpected 'h'/],
  ['\ufeff  <html>', 3, /^Not a JSON document: unexpected '<'/],
  ['Records:\n  - eventName: x\n', 0, /^Not a JSON document: unexpected 'R'/],
  ['\u0000\u0001', 0, /^Not a JSON document: unexpected .*U\+0000/],
  ['{"x": nope}', 6, /^Invalid JSON: unexpected 'n': expected a JSON value$/],
  ['12abc', 2, /^Invalid JSON: unexpected 'a'/],
  ['{,}', 1, /^Invalid JSON: unexpected ',': expected a property name in double quotes$/],
  ['[1,2,]', 5, /^Invalid JSON: unexpected '\]' after a comma/],
  ['{"x":1}\nnot json\n', 8, /^Invalid JSON: unexpected 'n'/],
  ['{"x":1}\n{"x":2,}\n', 15, /^Invalid JSON: unexpected '}' after a comma/],
  ['{"digestStartTime":"2024-01-01","x":tru}', 36, /^Invalid JSON: unexpected 't'/],
];

const CUT: Expected[] = [
  ['[1,2,', 5, /^Invalid JSON: the text ends before a container could close \(truncated/],
  ['nul', 3, /^Invalid JSON: the text ends inside a literal \(truncated file\?\)$/],
  ['"abc', 4, /^Invalid JSON: the text ends inside a string/],
  ['{"x":1}\n{"x":', 13, /^Invalid JSON: the text ends before a container could close/],
  ['{"digestStartTime":"2024', 24, /^Invalid JSON: the text ends inside a string/],
];

const EMPTY = ['', ' ', ' \n\t\r\n ', '\ufeff', '\ufeff\r\n'];

const NOT_CLOUDTRAIL = ['{"x": 1}', '[1,2]', '"x"', '1e400', 'true', 'null', '{}', '[]',
  '{"a":1}\n{"b":[2]}\n', '{"a":1}{"b":2}', ' [ {"x" : [ ] } ] \n', '{"Records":5}'];

void describe('texts in no layout with events', () => {
  void it('say where a text stops being JSON, with an error', () => {
    for (const [text, offset, message] of NOT_JSON) {
      const result = locateEvents(text);

      assert.equal(result.events.length, 0, text);
      assert.deepEqual(result.problems.map((p) => [p.offset, p.severity]), [[offset, 'error']],
        text);
      assert.match(result.problems[0].message, message, text);
    }
  });

  void it('say that a cut text ends early, with an error at its end', () => {
    for (const [text, offset, message] of CUT) {
      const result = locateEvents(text);

      assert.equal(offset, text.length);
      assert.deepEqual(result.problems.map((p) => [p.offset, p.severity]), [[offset, 'error']],
        text);
      assert.match(result.problems[0].message, message, text);
    }
  });

  void it('warn once that an empty or blank text holds nothing', () => {
    for (const text of EMPTY) {
      const result = locateEvents(text);

      assert.equal(result.layout, 'unknown');
      assert.deepEqual(result.problems, [{ offset: 0, severity: 'warning',
        message: 'The text is empty (or only whitespace): it holds no JSON, so no events' }]);
    }
  });

  void it('say nothing of JSON that is simply not CloudTrail, digest files included', () => {
    const digests = [fixture('digest.json'), fixture('other.json'),
      new TextDecoder().decode(corpusBytes('awsdocs_digest-file-structure_example.json'))];
    for (const text of [...NOT_CLOUDTRAIL, ...digests]) {
      const result = locateEvents(text);

      assert.ok(['unknown', 'digest'].includes(result.layout), text);
      assert.deepEqual(result.problems, [], text.slice(0, 60));
    }
    assert.equal(detectLayout(digests[0]), 'digest');
  });

  void it('report a damaged or cut digest file as any other JSON', () => {
    const digest = fixture('digest.json');
    const cut = digest.slice(0, Math.floor(digest.length / 2));
    const damaged = digest.replace('"digestEndTime": "', '"digestEndTime": x"');

    assert.equal(detectLayout(cut), 'digest');
    assert.deepEqual(locateEvents(cut).problems.map((p) => [p.offset, p.severity]),
      [[cut.length, 'error']]);
    assert.equal(detectLayout(damaged), 'digest');
    assert.deepEqual(locateEvents(damaged).problems.map((p) => [p.offset, p.severity]),
      [[damaged.indexOf(' x"') + 1, 'error']]);
  });
});

void describe('texts in a layout with events', () => {
  void it('report a cut anywhere as an error at the end of the text', () => {
    const record = '{"eventName":"A","eventSource":"b"';
    const cuts: [string, RegExp][] = [
      [`{"Records":[${record}},`, /ends where an event was expected/],
      [`{"Records":[${record}`, /ends inside an event, which is incomplete/],
      [record, /ends inside a line, which is incomplete/],
      [`[${record}}`, /ends before the array of events closes/],
      [`{"Records":[${record},"eventTime":"2024`, /ends inside an event, which is incomplete/],
      [`{"Events":[{"EventId":"1","CloudTrailEvent":"{\\"eventName`, /ends inside an event/],
    ];
    for (const [text, message] of cuts) {
      const result = locateEvents(text);

      assert.notEqual(result.layout, 'unknown', text);
      assert.deepEqual(result.problems.map((p) => [p.offset, p.severity]),
        [[text.length, 'error']], text);
      assert.match(result.problems[0].message, message, text);
      assert.match(result.problems[0].message, /\(truncated file\?\)$/, text);
    }
  });
});
