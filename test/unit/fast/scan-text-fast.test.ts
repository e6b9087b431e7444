import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildRecordsText, generateRecordTexts, wrapRecords } from '../../../bench/records-text';
import { scanTextFast } from '../../../src/core/fast';
import { scanText, type LoadedRule } from '../../../src/core/scan';
import {
  allRules, builtinRules, corpusTexts, LAYOUTS, realDescribeImages, recordArbitrary, recordText,
  textArbitrary,
} from './fixtures';

const builtin = builtinRules();
const all = allRules();

/** The plain reference path: every event located, parsed and evaluated. */
function reference(text: string, rules: readonly LoadedRule[]) {
  return scanText(text, rules, { reference: true });
}

void describe('scanTextFast', () => {
  void it('finds exactly the generated matches of the built-in rule, as the reference does', () => {
    const generated = buildRecordsText({ seed: 7, targetBytes: 400_000, matchEvery: 40 });
    const fast = scanTextFast(generated.text, builtin);

    assert.deepEqual(fast.findings.map((f) => f.eventIndex), generated.matching);
    assert.equal(fast.events, generated.events);
    assert.deepEqual(fast, reference(generated.text, builtin));
  });

  void it('gives the reference result on the pretty-printed twin of a generated file', () => {
    const generated = buildRecordsText({ seed: 8, targetBytes: 300_000, matchEvery: 30,
      indent: 2 });
    const fast = scanTextFast(generated.text, builtin);

    assert.equal(fast.findings.length, generated.matching.length);
    assert.deepEqual(fast, reference(generated.text, builtin));
  });

  void it('gives the reference result for generated records in every layout', () => {
    const { records } = generateRecordTexts({ seed: 9, targetBytes: 60_000, matchEvery: 10 });
    for (const layout of LAYOUTS.filter((l) => l !== 'records-pretty')) {
      const text = wrapRecords(records, layout);
      assert.deepEqual(scanTextFast(text, all), reference(text, all), layout);
    }
  });

  void it('gives the reference result on every corpus file, with every rule', () => {
    for (const [name, text] of corpusTexts()) {
      assert.deepEqual(scanTextFast(text, all), reference(text, all), name);
    }
  });

  void it('finds real DescribeImages events once they are edited to ask for deprecated images',
    () => {
      // The corpus has no positive sample (README of the corpus): the flag is added by hand.
      const edited = realDescribeImages().map((e) => e.replace('"requestParameters":{',
        '"requestParameters":{"includeDeprecated":true,'));
      const text = wrapRecords(edited, 'array');
      const fast = scanTextFast(text, builtin);

      assert.ok(fast.findings.length > 0);
      assert.deepEqual(fast, reference(text, builtin));
    });

  void it('matches an event whose name is spelled with a \\u escape', () => {
    const text = wrapRecords(['{"eventSource":"ec2.amazonaws.com",'
      + '"eventName":"\\u0044escribeImages","requestParameters":{"ownersSet":{"items":'
      + '[{"owner":"self"}]},"includeDeprecated":true}}'], 'records');
    const fast = scanTextFast(text, builtin);

    assert.equal(fast.findings.length, 1);
    assert.deepEqual(fast, reference(text, builtin));
  });

  void it('reports a repeated key in an event no rule could match, as the reference does', () => {
    const text = wrapRecords(['{"eventSource":"s3.amazonaws.com","eventName":"GetObject",'
      + '"requestParameters":{"key":"a","key":"b"}}'], 'records');
    const fast = scanTextFast(text, builtin);

    assert.equal(fast.problems.length, 1);
    assert.match(fast.problems[0].message, /Duplicate key/);
    assert.deepEqual(fast, reference(text, builtin));
  });

  void it('reports what Elasticsearch would refuse in events no rule could match', () => {
    const deep = '{"a":'.repeat(22) + '1' + '}'.repeat(22);
    const records = [
      '{"eventSource":"s3.amazonaws.com","eventName":"GetObject","requestParameters":"x"}',
      '{"eventSource":"s3.amazonaws.com","eventName":"GetObject","responseElements":[1,2]}',
      `{"eventSource":"s3.amazonaws.com","eventName":"GetObject","requestParameters":${deep}}`,
      '{"eventSource":"s3.amazonaws.com","eventName":"PutObject","additionalEventData":'
        + `{"k":"${'日'.repeat(11_000)}"}}`,
    ];
    const text = wrapRecords(records, 'records');
    const fast = scanTextFast(text, builtin);

    assert.equal(fast.problems.length, records.length);
    assert.deepEqual(fast, reference(text, builtin));
  });

  void it('notes a flattened copy too long to exist even without the rule\'s other literals',
    () => {
      const ids = Array.from({ length: 1200 }, (_, i) => `{"imageId":"ami-${String(i)
        .padStart(17, '0')}"}`).join(',');
      const text = wrapRecords(['{"eventSource":"ec2.amazonaws.com","eventName":"DescribeImages",'
        + `"requestParameters":{"imagesSet":{"items":[${ids}]}}}`], 'records');
      const fast = scanTextFast(text, builtin);

      assert.equal(fast.problems.length, 1);
      assert.deepEqual(fast, reference(text, builtin));
    });

  void it('notes a value over ignore_above that hides an event, as the reference does', () => {
    // 1E6 renders as "1000000.0, ": the short records render past 8,191 characters too
    const numbers = `[${Array.from({ length: 800 }, () => '1E6').join(',')}]`;
    const describe = (name: string, padding: string) => `{"eventSource":"ec2.amazonaws.com",`
      + `"eventName":"${name}","requestParameters":{"includeDeprecated":true,`
      + `"ownersSet":{"items":[{"owner":"self"}]},"padding":${padding}}}`;
    const records = [
      describe('DescribeImages', JSON.stringify('x'.repeat(13_000))),
      describe('DescribeImages', numbers),
      describe('DescribeImages', JSON.stringify('x'.repeat(8_000))),
      describe('DescribeInstances', numbers),
      describe('DescribeInstances', JSON.stringify('x'.repeat(13_000))),
      '{"eventSource":"s3.amazonaws.com","eventName":"GetObject","requestParameters":'
        + `{"items":${numbers}}}`,
    ];
    assert.ok(records[1].length < 8192 && records[3].length < 8192);

    // a single-record layout holds the first record only
    for (const layout of LAYOUTS) {
      const text = wrapRecords(records, layout);
      const fast = scanTextFast(text, builtin);

      assert.deepEqual(fast.problems.map((p) => p.message.slice(0, 8)),
        layout === 'single' ? ['event 1:'] : ['event 1:', 'event 2:'], layout);
      assert.deepEqual(fast.findings.map((f) => f.eventIndex), layout === 'single' ? [] : [2],
        layout);
      assert.deepEqual(fast, reference(text, builtin), layout);
    }
  });

  void it('reports text that is not JSON, cut or empty exactly as the reference does', () => {
    const { records } = generateRecordTexts({ seed: 10, targetBytes: 3_000, matchEvery: 2 });
    // Each text with the severities of its problems: JSON that is not CloudTrail has none.
    const texts: [string, string[]][] = [['{"x": 1}', []], ['[1,2]', []], ['', ['warning']],
      [' \n\t ', ['warning']], ['\ufeff', ['warning']]];
    for (const text of ['nonsense', 'hello world', '{"x": nope}', '[1,2,', '12abc', '"abc',
      'nul', '{"x":1}\n{"x":', '{"x":1}\nnot json\n', '{"digestStartTime":"2024","x":tru}',
      '{"digestStartTime":"20']) {
      texts.push([text, ['error']]);
    }
    for (const layout of LAYOUTS) {
      const whole = wrapRecords(records, layout);
      texts.push([whole, []], [whole.slice(0, Math.floor(whole.length * 0.6)), ['error']],
        [whole.trimEnd().slice(0, -1), ['error']], [`${whole}\nnonsense`, ['error']]);
    }

    for (const [text, severities] of texts) {
      for (const rules of [all, builtin, []]) {
        const fast = scanTextFast(text, rules);
        assert.deepEqual(fast, reference(text, rules), text.slice(0, 80));
        assert.deepEqual(fast.problems.map((p) => p.severity), severities, text.slice(0, 80));
      }
    }
  });

  void it('gives the reference result on random records in random layouts', () => {
    fc.assert(fc.property(textArbitrary, (text) => {
      assert.deepEqual(scanTextFast(text, all), reference(text, all));
    }), { numRuns: 300, seed: 20261203 });
  });

  void it('gives the reference result when every random record is in a Records file', () => {
    fc.assert(fc.property(fc.array(recordArbitrary, { minLength: 1, maxLength: 20 }),
      (records) => {
        const text = wrapRecords(records.map((r) => recordText(r)), 'records');
        assert.deepEqual(scanTextFast(text, builtin), reference(text, builtin));
      }), { numRuns: 300 });
  });
});
