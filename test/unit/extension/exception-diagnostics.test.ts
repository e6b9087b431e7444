import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseExceptionsFile } from '../../../src/core/exceptions';
import { fieldTypeOf } from '../../../src/core/ecs';
import {
  EXPIRED_CODE, RESTRICTED_CODE, exceptionsFileDiagnostics, isExceptionsFilePath,
  nextExpiryDelay,
} from '../../../src/extension/exception-diagnostics';
import { RULE_LIST } from './real-scan';

const NOW = new Date('2026-12-01T00:00:00Z');
const RULE_ID = RULE_LIST[0].id;

/** An exceptions file for the reference rule, pretty-printed as users write it. */
function fileText(items: object[]): string {
  return JSON.stringify({ version: 1, exceptions: { [RULE_ID]: items } }, null, 2);
}

const item = (id: string, extra: object = {}) => ({
  id, comment: 'CI runner', author: 'ops', created: '2026-11-01',
  entries: [{ field: 'user.name', operator: 'is', value: 'ci-builder' }], ...extra,
});

function diagnose(text: string, now = NOW, trusted = true) {
  const parsed = parseExceptionsFile(text, 'exceptions.json',
    { fieldTypeOf, knownRuleIds: new Set(RULE_LIST.map((r) => r.id)) });
  return exceptionsFileDiagnostics(text, parsed, now, trusted);
}

/** The text a diagnostic's range covers (single-line ranges). */
function covered(text: string, range: { start: { line: number; character: number };
  end: { line: number; character: number } }): string {
  const lines = text.split('\n');
  if (range.start.line === range.end.line) {
    return lines[range.start.line].slice(range.start.character, range.end.character);
  }
  return [lines[range.start.line].slice(range.start.character),
    ...lines.slice(range.start.line + 1, range.end.line),
    lines[range.end.line].slice(0, range.end.character)].join('\n');
}

void describe('exceptionsFileDiagnostics', () => {
  void it('reports nothing on a valid file, so the Problems panel only counts findings', () => {
    assert.deepEqual(diagnose(fileText([item('exc-1'), item('exc-2', { expires: '2027-01-01' })])),
      []);
  });

  void it('puts a JSON syntax error where it is', () => {
    const text = '{\n  "version": 1,\n  "exceptions": {\n    "r": [,]\n  }\n}\n';

    const [actual] = diagnose(text);

    assert.equal(actual.severity, 'error');
    assert.match(actual.message, /^Not valid JSON/);
    assert.deepEqual(actual.range.start, { line: 3, character: 10 });
  });

  void it('underlines the whole token a schema problem is about', () => {
    const text = fileText([item('exc-1', { entries: [
      { field: 'user.name', operator: 'equals', value: 'x' }] })]);

    const problems = diagnose(text).filter((d) => d.severity === 'error');

    assert.ok(problems.length > 0);
    assert.ok(problems.some((d) => covered(text, d.range) === '"equals"'),
      JSON.stringify(problems.map((d) => [d.message, covered(text, d.range)])));
  });

  void it('warns about items filed under a rule id that no loaded rule has', () => {
    const text = JSON.stringify({ version: 1, exceptions: { 'no-such-rule': [item('exc-1')] } },
      null, 2);

    const [actual] = diagnose(text);

    assert.equal(actual.severity, 'warning');
    assert.equal(covered(text, actual.range), '"no-such-rule"');
  });

  void it('marks an expired item with an information diagnostic on its expiry', () => {
    const text = fileText([item('exc-1'), item('exc-2', { expires: '2026-11-15T00:00:00Z' })]);

    const actual = diagnose(text);

    assert.equal(actual.length, 1);
    assert.equal(actual[0].severity, 'information');
    assert.equal(actual[0].code?.value, EXPIRED_CODE);
    assert.equal(actual[0].code?.target, undefined);
    assert.match(actual[0].message, /^Exception exc-2 expired on 2026-11-15T00:00:00Z/);
    assert.equal(covered(text, actual[0].range), '"expires": "2026-11-15T00:00:00Z"');
  });

  void it('says first that a file is not applied in Restricted Mode', () => {
    const text = `\n  ${fileText([item('exc-1')])}`;

    const actual = diagnose(text, NOW, false);

    assert.equal(actual.length, 1);
    assert.equal(actual[0].code?.value, RESTRICTED_CODE);
    assert.equal(actual[0].severity, 'information');
    assert.deepEqual(actual[0].range.start, { line: 1, character: 2 });
  });
});

void describe('nextExpiryDelay', () => {
  const file = (expiries: (string | undefined)[]) => parseExceptionsFile(fileText(
    expiries.map((e, i) => item(`exc-${i + 1}`, e === undefined ? {} : { expires: e }))),
  'f').file;

  void it('is the time to the nearest item that has not expired yet', () => {
    const actual = nextExpiryDelay(file(['2026-11-01', '2026-12-03T00:00:00Z',
      '2026-12-02T00:00:00Z', undefined]), NOW);

    assert.equal(actual, 24 * 60 * 60 * 1000);
  });

  void it('is undefined when nothing is due to expire', () => {
    assert.equal(nextExpiryDelay(file([undefined, '2026-01-01']), NOW), undefined);
    assert.equal(nextExpiryDelay(undefined, NOW), undefined);
  });

  void it('never exceeds what a timer can wait', () => {
    assert.equal(nextExpiryDelay(file(['2030-01-01']), NOW), 2 ** 31 - 1);
  });
});

void describe('isExceptionsFilePath', () => {
  void it('knows the file in any folder, and nothing else', () => {
    assert.equal(isExceptionsFilePath('/work/logs/.cloudtrail-lens/exceptions.json'), true);
    assert.equal(isExceptionsFilePath('.cloudtrail-lens/exceptions.json'), true);
    assert.equal(isExceptionsFilePath('/work/logs/exceptions.json'), false);
    assert.equal(isExceptionsFilePath('/work/x.cloudtrail-lens/exceptions.json'), false);
  });
});
