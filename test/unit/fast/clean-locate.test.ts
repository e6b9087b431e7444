import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateRecordTexts, wrapRecords } from '../../../bench/records-text';
import { locateClean, locateCleanPiece } from '../../../src/core/fast/clean-locate';
import {
  HAS_ESCAPE, HAS_UNICODE_ESCAPE, MUST_PARSE,
} from '../../../src/core/fast/event-flags';
import { RecordReader } from '../../../src/core/fast/record-reader';
import { detectLayout } from '../../../src/core/layout';
import { locateEvents } from '../../../src/core/locate';

const RECORD = '{"eventSource":"ec2.amazonaws.com","eventName":"DescribeImages"}';

function flagsOf(record: string): number {
  const located = locateClean(wrapRecords([record], 'records'), 'records');
  assert.ok(located);
  return located.flags[0];
}

void describe('locateClean', () => {
  void it('finds the events locate finds, in each plain layout', () => {
    const { records } = generateRecordTexts({ seed: 3, targetBytes: 30_000 });
    for (const layout of ['records', 'records-pretty', 'array', 'lines'] as const) {
      const text = wrapRecords(records, layout);
      const located = locateClean(text, detectLayout(text));

      assert.ok(located, layout);
      assert.deepEqual(located.events, locateEvents(text).events, layout);
    }
  });

  void it('flags repeated keys, escaped keys and raw control characters as needing a parse',
    () => {
      assert.equal(flagsOf(RECORD), 0);
      assert.equal(flagsOf('{"a":{"k":1,"k":2}}') & MUST_PARSE, MUST_PARSE);
      assert.equal(flagsOf('{"a":{"k":1},"b":{"k":2}}'), 0);
      assert.equal(flagsOf('{"k":1,"\\u006b":2}') & MUST_PARSE, MUST_PARSE);
      assert.equal(flagsOf('{"k":"a\u0001b"}') & MUST_PARSE, MUST_PARSE);
    });

  void it('flags a record with an escape, and only that record', () => {
    const text = wrapRecords([RECORD, '{"eventName":"\\u0044escribeImages"}', RECORD], 'records');
    const located = locateClean(text, 'records');

    assert.deepEqual([...located?.flags ?? []], [0, HAS_ESCAPE | HAS_UNICODE_ESCAPE, 0]);
  });

  void it('gives up on anything locate would report or read differently', () => {
    for (const text of [`{"Records":[${RECORD},]}`, `{"Records":[${RECORD}]`,
      `{"Records":[${RECORD}],"x":1}`, `{"Records":[${RECORD},1]}`, `[${RECORD}] [${RECORD}]`,
      `{"Records":[${RECORD.replace('"e', '"\n')}]}`]) {
      assert.equal(locateClean(text, detectLayout(text)), undefined, text);
    }
  });
});

void describe('locateCleanPiece', () => {
  void it('reads the piece between two events only with its commas in place', () => {
    assert.equal(locateCleanPiece(`,${RECORD},`, 'array', true, true)?.events.length, 1);
    assert.equal(locateCleanPiece(' , ', 'array', true, true)?.events.length, 0);
    assert.equal(locateCleanPiece('', 'array', true, true), undefined);
    assert.equal(locateCleanPiece(`${RECORD},`, 'array', true, true), undefined);
    assert.equal(locateCleanPiece(`,${RECORD}`, 'array', true, false)?.events.length, 1);
    assert.equal(locateCleanPiece(`${RECORD},`, 'array', false, true)?.events.length, 1);
    assert.equal(locateCleanPiece(`,${RECORD}`, 'array', false, false), undefined);
    assert.equal(locateCleanPiece(`\n${RECORD}\n${RECORD}`, 'stream', true, true)?.events
      .length, 2);
  });
});

void describe('RecordReader', () => {
  void it('finds a repeated key at any depth, whatever the escapes around it', () => {
    const text = '[{"a":"x\\"y","b":{"c":1,"c":2}},{"a":"\\\\","a":1},{"k":1,"\\u006b":2},'
      + '{"a":1,"b":{"a":1}}]';
    const reader = new RecordReader(text);
    const flags = locateEvents(text, 'array').events.map((e) => {
      assert.equal(reader.read(e.span.start), e.span.end);
      return reader.flags;
    });

    assert.deepEqual(flags, [MUST_PARSE | HAS_ESCAPE, MUST_PARSE | HAS_ESCAPE,
      MUST_PARSE | HAS_ESCAPE | HAS_UNICODE_ESCAPE, 0]);
  });

  void it('flags what could make Elasticsearch refuse the document', () => {
    const flagsOfRecord = (record: string): number => {
      const reader = new RecordReader(record);
      assert.equal(reader.read(0), record.length);
      return reader.flags;
    };

    assert.equal(flagsOfRecord('{"requestParameters":{"a":1},"responseElements":null}'), 0);
    assert.equal(flagsOfRecord('{"requestParameters":"x"}'), MUST_PARSE);
    assert.equal(flagsOfRecord('{"a":{"requestParameters":"x"}}'), 0);
    assert.equal(flagsOfRecord('{"u":{"s":{"attributes":[1]}}}'), MUST_PARSE);
    assert.equal(flagsOfRecord(`{"a":${'['.repeat(20)}${']'.repeat(20)}}`), MUST_PARSE);
  });

  void it('tells a record cut short by the end of the text from a broken one', () => {
    const cut = new RecordReader('{"a":[1,2');
    assert.equal(cut.read(0), -1);
    assert.equal(cut.endedEarly, true);

    const broken = new RecordReader('{"a":[1,2}');
    assert.equal(broken.read(0), -1);
    assert.equal(broken.endedEarly, false);
  });
});
