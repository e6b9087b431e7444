import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { CSV_COLUMNS, toCsv, toCsvRows } from '../../../src/core/export';
import { sampleInput } from './export-fixture';

function readBack(text: string): string[][] {
  return parse(text);
}

void describe('toCsv', () => {
  void it('starts with the stable header', () => {
    const [header] = readBack(toCsv(sampleInput()));

    assert.deepEqual(header, ['path', 'line', 'column', 'rule_id', 'rule_name', 'severity',
      'risk_score', 'event_id', 'event_time', 'user', 'source_address', 'user_agent',
      'suppressed', 'suppressed_by']);
    assert.deepEqual(header, [...CSV_COLUMNS]);
  });

  void it('reads back to identical values, commas, quotes and line breaks included', () => {
    const input = sampleInput();

    const rows = readBack(toCsv(input, { escapeFormulas: false })).slice(1);

    assert.deepEqual(rows, toCsvRows(input));
    const odd = rows.find((r) => r[9] === 'O\'Brien, "ops"');
    assert.ok(odd, 'the row with commas and quotes is there');
    assert.equal(odd[11], 'line one\nline two, with "quotes"\r\nand a CRLF');
    assert.equal(odd[10], '=HYPERLINK("http://x")');
  });

  void it('neutralises spreadsheet formulas by default and changes nothing else', () => {
    const input = sampleInput();

    const rows = readBack(toCsv(input)).slice(1);

    const expected = toCsvRows(input).map((row) => row.map((v) =>
      v.startsWith('=') ? `'${v}` : v));
    assert.deepEqual(rows, expected);
    assert.ok(rows.some((r) => r[10] === '\'=HYPERLINK("http://x")'));
  });

  void it('quotes a field holding a bare LF or CR, so no reader splits its row', () => {
    const input = sampleInput();
    for (const value of ['aws-cli/2.0\n=cmd|\' /C calc\'!A0', 'a\rb']) {
      const finding = input.findings[0];
      const changed = { ...finding, fields: { ...finding.fields, 'user_agent.original': value } };
      const hostile = { ...input, findings: [changed, ...input.findings.slice(1)] };

      const csv = toCsv(hostile);

      assert.ok(csv.includes(`"${value}"`), `${JSON.stringify(value)} is quoted`);
      assert.ok(readBack(csv).some((row) => row[11] === value), 'it reads back whole');
    }
  });

  void it('writes 1-based positions, the event fields and the suppression of each finding', () => {
    const rows = toCsvRows(sampleInput());

    assert.deepEqual(rows.map((r) => [r[0], r[1], r[2], r[12], r[13]]), [
      ['logs/2024/trail one.json', '13', '5', 'false', ''],
      ['logs/2024/trail one.json', '31', '7', 'false', ''],
      ['logs/données.jsonl', '5', '1', 'false', ''],
      ['logs/données.jsonl', '3', '1', 'true', ''],
      ['C:\\exports\\lake.json', '2', '3', 'true', 'exc-1'],
    ]);
    assert.deepEqual(rows[1].slice(3, 12), ['2f0ee9fe-4529-4b9e-9f78-6c81ef33c6ba',
      'AWS S3 Credential File Retrieved from Bucket', 'medium', '47',
      'b837800c-c462-4907-86f7-73b02fd4958f', '2024-10-10T14:50:40.000Z', 'test@elastic.co',
      '216.160.83.56', rows[1][11]]);
    assert.match(rows[1][11], /^aws-cli\/2\.17\.60 /);
    // no user name: the identity's ARN stands for the user
    assert.equal(rows[2][9], 'arn:aws:iam::000000000:user/test@elastic.co');
  });

  void it('ends every record with CRLF and writes only the header when there is nothing', () => {
    const text = toCsv({ files: [], findings: [], rules: [] });

    assert.equal(text, `${CSV_COLUMNS.join(',')}\r\n`);
  });
});
