// Damaged and odd texts: real files cut at every offset, raw control characters where the
// locator's scanner does not look for them, damage on every line of a large file (which once
// made recovery quadratic), and files that are not CloudTrail JSON at all.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { detectLayout } from '../../../src/core/layout';
import { locateEvents } from '../../../src/core/locate';
import { LineIndex } from '../../../src/core/positions';
import { scanText } from '../../../src/core/scan';
import { runBounded, summaryOf, type BoundedCase } from './bounded';
import {
  allRules, assertLocateContract, assertScanContract, corpusText, smallCorpusFiles,
} from './helpers';

/** Whether a cut of a JSON Lines text falls right after a complete line. */
function atLineEnd(prefix: string): boolean {
  return /\}\s*$/.test(prefix) && !/\{[^\n]*$/.test(prefix.trimEnd().slice(0, -1));
}

void describe('real files cut at every offset', () => {
  void it('keep the contract, and never lose a located event without saying so', () => {
    const rules = allRules();
    for (const file of smallCorpusFiles(4100)) {
      const text = corpusText(file);
      const whole = scanText(text, rules, { reference: true });
      const firstEventEnd = locateEvents(text).events[0]?.span.end ?? 0;

      for (let cut = 0; cut < text.length; cut++) {
        const prefix = text.slice(0, cut);
        const result = scanText(prefix, rules, { reference: true });
        assertScanContract(prefix, result);

        // The default path (which skips events no rule can match) must say the same; it
        // costs more on tiny texts, so every seventh cut.
        if (cut % 7 === 0) assert.deepEqual(scanText(prefix, rules), result, `${file} at ${cut}`);

        // Before the first event is whole, a cut text may not show what it is yet.
        const lost = result.events < whole.events;
        const said = result.problems.some((p) => p.severity === 'error');
        if (lost && cut >= firstEventEnd && !(result.layout === 'lines' && atLineEnd(prefix))) {
          assert.ok(said, `${file} cut at ${cut}: ${result.events} of ${whole.events} events, `
            + 'no error');
        }
      }
    }
  });

  void it('report a cut EventBridge envelope or lookup-events entry before its key part', () => {
    const bridge = corpusText('custodian_event-cloud-trail-s3.json');
    const lookup = corpusText('awscli-example_lookup-events_output.json');

    for (const text of [bridge.slice(0, 400), lookup.slice(0, 150)]) {
      const result = scanText(text, allRules());
      assert.equal(result.events, 0);
      assert.match(result.problems[0]?.message ?? '', /incomplete.*truncated/);
    }
    assert.equal(detectLayout(bridge.slice(0, 400)), 'eventbridge');
    assert.equal(detectLayout(lookup.slice(0, 150)), 'lookup-events');
  });
});

void describe('raw control characters the scanner lets through', () => {
  const escaped = '{\\"eventVersion\\":\\"1.08\\",\\"eventName\\":\\"A\u0001B\\"}';

  void it('become a positioned problem of an escaped lookup-events record', () => {
    for (const text of [`{"Events":[{"EventId":"1","CloudTrailEvent":"${escaped}"}]}`,
      `["${escaped}"]`]) {
      const result = scanText(text, allRules());

      assertScanContract(text, result);
      assert.equal(result.layout, 'lookup-events');
      assert.deepEqual(result.problems.map((p) => [p.offset, p.message]), [[text.indexOf('\u0001'),
        'event 1 is not valid JSON: Raw control character U+0001 inside a string']]);
    }
  });

  void it('do not stop the reading of keys and detail-types that hold them', () => {
    const record = '{"eventVersion":"1.08","eventName":"DescribeImages"}';
    const texts = [
      `{"Records":[{"eventVersion":"1.08","a\\n\u0002":1}]}`,
      `{"detail-type":"AWS\u0003API Call via CloudTrail","source":"aws.ec2","detail":${record}}`,
      `{"detail-type":"AWS API Call via CloudTrail","so\\u0075rce\u0004":"x","detail":${record}}`,
      `{"Records":[{"eventVersion":"1.08","eventName":"A\u0000"}]}`,
    ];

    for (const text of texts) {
      const result = scanText(text, allRules());
      assertScanContract(text, result);
      assert.equal(result.events, 1, text);
    }
  });
});

void describe('damage on every line of a large file', () => {
  const event = '{"eventVersion":"1.08","eventTime":"2024-01-01T00:00:00Z","eventSource":'
    + '"ec2.amazonaws.com","eventName":"DescribeImages","requestParameters":{"a":1}}';
  const bad = event.replace('"a":1', '"a" 1');
  const lines = 32_000;
  const cases: BoundedCase[] = [
    { name: 'Records, elements on lines', op: 'locate',
      text: ['{"Records":[', { repeat: `${bad},\n`, times: lines }, ']}'] },
    { name: 'arrays on lines', op: 'locate', text: [{ repeat: `[${bad}\n`, times: lines }] },
    { name: 'Records objects on lines', op: 'locate',
      text: [{ repeat: `{"Records":[${bad}\n`, times: lines }] },
    { name: 'lookup strings on lines', op: 'locate',
      text: [{ repeat: '["{\\"eventVersion\\":1}", x\n', times: lines }] },
    { name: 'envelopes on lines', op: 'locate', text: [{ repeat: '{"detail-type":"AWS API Call '
      + `via CloudTrail","source":"aws.ec2","detail":${bad}}\n`, times: lines }] },
    { name: 'JSON Lines', op: 'scan', text: [{ repeat: `${bad}\n`, times: lines }] },
    { name: 'unterminated strings', op: 'scan',
      text: ['{"Records":[', { repeat: '{"eventVersion":"', times: lines * 3 }] },
  ];

  void it('is recovered from in linear time, each damage reported once', async () => {
    const results = await runBounded(cases, { timeoutMs: 15_000 });

    for (const { name } of cases) {
      const summary = summaryOf(results, name);
      assert.ok(summary.problems.length > 0 && summary.problems.length <= 101, name);
      assert.equal(new Set(summary.problems).size, summary.problems.length, name);
      assert.ok((results.get(name)?.ms ?? Infinity) < 3000, `${name}: ${results.get(name)?.ms} ms`);
    }
    assert.equal(summaryOf(results, 'lookup strings on lines').events, lines);
  });
});

void describe('files that are not CloudTrail JSON', () => {
  const texts: [string, string][] = [
    ['empty', ''], ['whitespace', ' \n\t\r\n '], ['a string', '"Records"'], ['a number', '1e400'],
    ['true', 'true'], ['null', 'null'], ['a BOM', '\ufeff'], ['an empty object', '{}'],
    ['an array of numbers', '[1,2,3]'], ['Records not an array', '{"Records":5}'],
    ['YAML', 'Records:\n  - eventName: DescribeImages\n    eventSource: ec2.amazonaws.com\n'],
    ['CSV', corpusText('otrf_AWS_S3_HoneyBucketLogs.csv')],
    ['NUL bytes', '\u0000'.repeat(100)],
    ['lone surrogates', '\ud800\udc00\udfff{'],
  ];

  void it('give no event, no exception, and offsets inside the text', () => {
    for (const [name, text] of texts) {
      const located = locateEvents(text);
      const result = scanText(text, allRules());

      assertLocateContract(text, located);
      assertScanContract(text, result);
      assert.equal(result.events, 0, name);
    }
  });

  void it('say that a text that cannot be JSON is not JSON, where it starts', () => {
    for (const [name, text] of texts.filter(([n]) => ['YAML', 'CSV', 'NUL bytes'].includes(n))) {
      const [problem] = scanText(text, allRules()).problems;
      assert.match(problem?.message ?? '', /Not a JSON document/, name);
    }
  });

  void it('report the published invalid CreateRole example where json.loads does', () => {
    const text = corpusText('awsdocs_log-file-examples_iam-CreateRole_INVALID-as-published.json');
    const [problem] = scanText(text, allRules()).problems;

    // The corpus README: "Invalid control character at line 19 column 124".
    assert.deepEqual(new LineIndex(text).positionAt(problem.offset), { line: 18, character: 123 });
    assert.match(problem.message, /Raw line break/);
  });
});
