// Layout detection from content: the decisive cases, the shapes that must not be claimed, and
// the cost on a large text (it reads only the head).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { detectLayout, isCloudTrailDetailType } from '../../../src/core/layout';
import type { LayoutKind } from '../../../src/core/types';

const EVENT = '{"eventVersion":"1.09","eventTime":"2024-05-01T10:00:00Z","eventName":"X"}';

void describe('detectLayout', () => {
  const cases: [string, string, LayoutKind][] = [
    ['an empty text', '', 'unknown'],
    ['whitespace and a BOM', '\uFEFF \r\n', 'unknown'],
    ['a CSV header', 'eventName,eventTime\nX,Y\n', 'unknown'],
    ['a JSON number', '42', 'unknown'],
    ['an empty array', '[ ]', 'unknown'],
    ['an array of numbers', '[1,2]', 'unknown'],
    ['Records on one line', `{"Records":[${EVENT}]}`, 'records'],
    ['an empty Records array', '{"Records":[]}', 'records'],
    ['Records after a BOM and a line break', `\uFEFF\n{\n "Records": [\n${EVENT}]}`, 'records'],
    ['a bare array of events', `[${EVENT},${EVENT}]`, 'array'],
    ['one pretty-printed event', EVENT.replace(/,/g, ',\n  '), 'single'],
    ['one event per line', `${EVENT}\n${EVENT}\n`, 'lines'],
    ['one event per CRLF line', `${EVENT}\r\n${EVENT}\r\n`, 'lines'],
    ['JSON Lines whose first line is cut', `${EVENT.slice(0, 60)}\n${EVENT}\n`, 'lines'],
    ['a damaged pretty-printed event', `${EVENT.replace(/,/g, ',\n  ').slice(0, 70)}x}`, 'single'],
    ['lookup-events output without events', '{"Events": []}', 'lookup-events'],
    ['lookup-events entries as a bare array', '[{"EventId":"1","CloudTrailEvent":"{}"}]',
      'lookup-events'],
    ['an array of escaped records', `[${JSON.stringify(EVENT)}]`, 'lookup-events'],
    ['an array of other strings', '["a","b"]', 'unknown'],
    ['Lake results', '{"QueryStatus":"FINISHED","QueryResultRows":[[{"eventID":"1"}]]}', 'lake'],
    ['an Elasticsearch search response', '{"took":1,"hits":{"total":{},"hits":[]}}', 'ecs'],
    ['an ECS document', '{"@timestamp":"t","event":{"action":"X"},"aws":{}}', 'ecs'],
    ['ECS with dotted names', '{"event.action":"X","event.provider":"p"}', 'ecs'],
    ['a search hit per line', '{"_index":"i","_id":"1","_source":{}}\n', 'ecs'],
    ['a pipeline test output', '{"expected":[{"@timestamp":"t","event":{}}]}', 'ecs'],
    ['an empty pipeline test output', '{"expected":[]}', 'unknown'],
    ['a simulate response', '{"docs":[{"doc":{"_source":{}}}]}', 'ecs'],
    ['a one-line digest', '{"awsAccountId":"1","digestStartTime":"t","logFiles":[]}', 'digest'],
    ['a CloudTrail EventBridge event',
      `{"detail-type":"AWS Console Sign In via CloudTrail","source":"aws.signin",`
      + `"detail":${EVENT}}`,
      'eventbridge'],
    ['an EventBridge array', `[{"detail-type":"AWS API Call via CloudTrail","detail":${EVENT}}]`,
      'eventbridge'],
    ['a non-CloudTrail EventBridge event',
      '{"detail-type":"EC2 Instance State-change Notification","source":"aws.ec2","detail":{}}',
      'unknown'],
    ['an S3 event notification',
      '{"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","eventName":"ObjectCreated:Put"}]}',
      'unknown'],
    ['Athena-style lower-case rows', '[{"eventsource":"ec2.amazonaws.com","eventname":"X"}]',
      'unknown'],
  ];

  for (const [name, text, expected] of cases) {
    void it(`says ${expected} for ${name}`, () => {
      assert.equal(detectLayout(text), expected);
    });
  }

  void it('finds an EventBridge detail-type that comes after a large detail', () => {
    const detail = EVENT.replace('}', `,"big":"${'x'.repeat(40_000)}"}`);
    const text = `{"source":"aws.ec2","detail":${detail},`
      + '"detail-type":"AWS API Call via CloudTrail"}';

    assert.equal(detectLayout(text), 'eventbridge');
  });

  void it('reads further when the first event starts with a member larger than the head', () => {
    const text = `[{"requestParameters":{"x":"${'y'.repeat(100_000)}"},"eventName":"X",`
      + '"eventTime":"t"}]';

    assert.equal(detectLayout(text), 'array');
  });

  void it('takes well under a millisecond on a 50 MB file', () => {
    const text = `{"Records":[${`${EVENT},`.repeat(50_000_000 / (EVENT.length + 1))}${EVENT}]}`;
    let best = Infinity;
    for (let run = 0; run < 20; run++) {
      const started = performance.now();
      assert.equal(detectLayout(text), 'records');
      best = Math.min(best, performance.now() - started);
    }

    assert.ok(best < 1, `${best} ms`);
  });

  void it('recognises the CloudTrail detail-types of EventBridge', () => {
    assert.equal(isCloudTrailDetailType('AWS API Call via CloudTrail'), true);
    assert.equal(isCloudTrailDetailType('AWS Service Event via CloudTrail'), true);
    assert.equal(isCloudTrailDetailType('EC2 Instance State-change Notification'), false);
  });
});
