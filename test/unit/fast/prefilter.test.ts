import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildRecordsText } from '../../../bench/records-text';
import { literalPlan } from '../../../src/core/fast';
import { locateFlagged } from '../../../src/core/fast/flagged-events';
import { decodeEscapes, eventsToParse } from '../../../src/core/fast/prefilter';
import { builtinRules } from './fixtures';

void describe('decodeEscapes', () => {
  void it('spells out \\u escapes and short escapes, reading them left to right', () => {
    assert.equal(decodeEscapes('"\\u0044escribeImages"'), '"DescribeImages"');
    assert.equal(decodeEscapes('a\\\\u0044b'), 'a\\u0044b');
    assert.equal(decodeEscapes('\\"x\\/y\\n'), '"x/y\n');
    assert.equal(decodeEscapes('\\ud83d\\ude80'), '🚀');
  });
});

void describe('eventsToParse', () => {
  void it('keeps every matching event and skips most of the others', () => {
    const generated = buildRecordsText({ seed: 5, targetBytes: 1_000_000, matchEvery: 100 });
    const [rule] = builtinRules();
    assert.ok(rule.query);
    const { events, flags } = locateFlagged(generated.text, 'records');
    const parse = eventsToParse(generated.text, events, flags, [literalPlan(rule.query)]);

    for (const index of generated.matching) assert.equal(parse[index], 1);
    const parsed = parse.reduce((n, p) => n + p, 0);
    assert.ok(parsed < events.length / 20, `${parsed} of ${events.length} parsed`);
  });

  void it('parses every event for a rule that gives no literal', () => {
    const generated = buildRecordsText({ seed: 6, targetBytes: 20_000 });
    const { events, flags } = locateFlagged(generated.text, 'records');

    assert.ok(eventsToParse(generated.text, events, flags, [undefined]).every((p) => p === 1));
  });
});
