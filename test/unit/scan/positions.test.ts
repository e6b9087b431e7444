// Where findings point: the eventName value token (or, for lookup-events, the CloudTrailEvent
// string token), as zero-based lines and UTF-16 characters, the way VS Code counts, in every
// sample layout and whatever comes before the event (emoji, CRLF line ends).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { placeScanResult } from '../../../src/core/report';
import { decodeBytes } from '../../../src/core/source/decode';
import {
  builtinRules, currentRule, naivePosition, positiveRecord, scan, spanText,
} from './helpers';

const SAMPLES = path.resolve(__dirname, '../../../samples');

/** Layout of each sample file, as scripts/make-samples.mjs writes them. */
const SAMPLE_LAYOUTS: { [file: string]: string } = {
  '123456789012_CloudTrail_us-east-1_20261120T1045Z_EXAMPLEabcd1234.json.gz': 'records',
  'bare-array.json': 'array',
  'digest-file.json': 'digest',
  'elasticsearch-hits.json': 'ecs',
  'eventbridge.json': 'eventbridge',
  'events.jsonl': 'lines',
  'lake-results.json': 'lake',
  'lookup-events.json': 'lookup-events',
  's3-delivery-one-line.json': 'records',
  's3-delivery-pretty.json': 'records',
  'single-event.json': 'single',
};

function sampleText(file: string): string {
  return decodeBytes(readFileSync(path.join(SAMPLES, file))).text;
}

void describe('finding positions in the samples', () => {
  const rules = builtinRules();

  void it('covers every sample file', () => {
    assert.deepEqual(readdirSync(SAMPLES).sort(), Object.keys(SAMPLE_LAYOUTS).sort());
  });

  for (const [file, layout] of Object.entries(SAMPLE_LAYOUTS)) {
    void it(`points at the right token in ${file} (${layout})`, () => {
      const text = sampleText(file);

      const result = scan(text, rules);
      const placed = placeScanResult(file, text, result);

      assert.equal(result.layout, layout);
      assert.deepEqual(result.problems, []);
      assert.equal(result.findings.length, layout === 'digest' ? 0 : 1);
      for (const finding of placed.findings) {
        if (layout === 'lookup-events') {
          // the string token that holds the escaped record, quotes included
          assert.deepEqual(finding.span, finding.eventSpan);
          const inner = JSON.parse(spanText(text, finding)) as string;
          assert.equal((JSON.parse(inner) as { eventName: string }).eventName, 'DescribeImages');
        } else {
          assert.equal(spanText(text, finding), '"DescribeImages"');
        }
        assert.deepEqual(finding.range, { start: naivePosition(text, finding.span.start),
          end: naivePosition(text, finding.span.end) });
      }
    });
  }
});

void describe('finding positions around odd text', () => {
  const rules = currentRule();

  void it('counts an emoji before the event as two UTF-16 characters on its line', () => {
    // one line: an event whose user agent carries an emoji, then the positive Permiso event
    const before = { ...positiveRecord(false), userAgent: 'console 🚀 ✓ é' };
    const text = JSON.stringify({ Records: [before, positiveRecord()] });

    const result = scan(text, rules);
    const [finding] = placeScanResult('x.json', text, result).findings;

    const token = text.lastIndexOf('"DescribeImages"');
    assert.equal(result.findings.length, 1);
    assert.deepEqual(finding.range.start, { line: 0, character: token });
    assert.deepEqual(finding.range.end, { line: 0, character: token + 16 });
    // a count in code points would be one less: the rocket is a surrogate pair
    assert.equal(Array.from(text.slice(0, token)).length, token - 1);
  });

  void it('is not shifted by emoji on earlier lines', () => {
    const text = JSON.stringify({ Records: [{ ...positiveRecord(false), userAgent: '🚀🚀🚀' },
      positiveRecord()] }, null, 2);

    const [finding] = placeScanResult('x.json', text, scan(text, rules)).findings;

    assert.equal(spanText(text, finding), '"DescribeImages"');
    assert.deepEqual(finding.range.start, naivePosition(text, text.lastIndexOf('"DescribeI')));
  });

  void it('places findings by CRLF lines exactly as by LF lines', () => {
    const lf = JSON.stringify({ Records: [positiveRecord(false), positiveRecord()] }, null, 2);
    const crlf = lf.replace(/\n/g, '\r\n');

    const a = placeScanResult('lf.json', lf, scan(lf, rules)).findings;
    const b = placeScanResult('crlf.json', crlf, scan(crlf, rules)).findings;

    assert.equal(a.length, 1);
    assert.deepEqual(b.map((f) => f.range), a.map((f) => f.range));
    assert.equal(spanText(crlf, b[0]), '"DescribeImages"');
  });

  void it('places problems zero-based too', () => {
    const text = '{"Records": [\n  {"eventName": "DescribeImages",\n   "x": tru}\n]}';

    const placed = placeScanResult('bad.json', text, scan(text, rules));

    assert.equal(placed.file.errors.length, 1);
    assert.deepEqual([placed.file.errors[0].line, placed.file.errors[0].character],
      [2, text.split('\n')[2].indexOf('tru')]);
  });
});
