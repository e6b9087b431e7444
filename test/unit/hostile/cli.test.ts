// The CLI fed hostile files: each one gets a clear, positioned line on stderr or in the
// report, the other files are still scanned, and the exit status says whether all were read.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CORPUS, corpusText, positiveRecord } from './helpers';
import { scanFolder } from './inputs';

void describe('the CLI on hostile files', () => {
  const positive = JSON.stringify({ Records: [positiveRecord()] });
  const gz = readFileSync(path.join(CORPUS,
    'trailscraper_111111111111_CloudTrail_eu-central-1_20171211T1505Z_A6kvhMoVeCsc7v8U.json.gz'));

  void it('names every unreadable .json.gz, scans the rest and what precedes a cut', () => {
    const { status, stderr, report } = scanFolder({
      'a-positive.json': positive,
      'b-cut.json.gz': gz.subarray(0, 400),
      'c-header-only.json.gz': gz.subarray(0, 12),
      'd-not-gzip.json.gz': positive,
    });

    assert.equal(status, 2);
    assert.match(stderr, /b-cut\.json\.gz: error: cannot read: The gzip data ends too early/);
    assert.match(stderr, /c-header-only\.json\.gz: error: cannot read: .*truncated/);
    assert.match(stderr, /d-not-gzip\.json\.gz: error: cannot read: named \.gz but not gzip/);
    // Cut files are listed with what came through and the cut as their last error.
    assert.deepEqual(report.files.map((f) => f.path),
      ['a-positive.json', 'b-cut.json.gz', 'c-header-only.json.gz']);
    for (const file of report.files.slice(1)) {
      assert.match(file.errors[file.errors.length - 1]?.message ?? '', /truncated|too early/);
    }
    assert.equal(report.findings.length, 1);
  });

  void it('reads odd files without an error, warns of empty ones, says what is not JSON', () => {
    const smoke = corpusText('trailscraper_events-for-smoke-test.json');
    const { status, report } = scanFolder({
      'empty.json': '', 'space.json': ' \n\t ', 'string.json': '"x"', 'number.json': '1e400',
      'utf16.json': Buffer.from(smoke, 'utf16le'),
      'csv.json': corpusText('otrf_AWS_S3_HoneyBucketLogs.csv'),
      'binary.json': Buffer.from([0, 1, 2, 0xff, 0xfe, 0x1f]),
    });

    assert.equal(status, 0);
    const byName = new Map(report.files.map((f) => [f.path, f]));
    assert.equal(byName.get('utf16.json')?.events, 3);
    for (const name of ['string.json', 'number.json']) {
      assert.deepEqual([byName.get(name)?.events, byName.get(name)?.errors], [0, []], name);
    }
    for (const name of ['empty.json', 'space.json']) {
      assert.deepEqual(byName.get(name)?.errors.map((e) => [e.message, e.line, e.character]),
        [['The text is empty (or only whitespace): it holds no JSON, so no events', 0, 0]], name);
    }
    for (const name of ['csv.json', 'binary.json']) {
      assert.match(byName.get(name)?.errors[0]?.message ?? '', /Not a JSON document/, name);
    }
  });

  void it('places problems of a damaged file at their line and character', () => {
    const text = `${positive}\n{"Records":[{"eventVersion":"1.08","x" 1}]}\n`;
    const { report } = scanFolder({ 'lines.json': text });

    const [file] = report.files;
    assert.equal(file.events, 1);
    assert.deepEqual([file.errors[0].line, file.errors[0].character],
      [1, '{"Records":[{"eventVersion":"1.08","x" '.length]);
  });
});
