// Shared material of the hostile-input tests: the real rules and corpus, and the output
// contract every entry point must keep whatever it is fed: no exception but the documented
// positioned ones, every offset inside the text, every span a valid range, and
// Object.prototype untouched.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadRuleTexts, type RuleText } from '../../../src/core/rules';
import { prepareRules, scanText, type LoadedRule } from '../../../src/core/scan';
import { decodeBytes } from '../../../src/core/source/decode';
import type { LocateResult, ScanResult, Span } from '../../../src/core/types';

export const SHARED = path.resolve(__dirname, '../../../../shared');
export const CORPUS = path.join(SHARED, 'corpus');
export const REFERENCE_RULES = path.join(SHARED, 'reference/rules');
export const BUILTIN_RULES = path.resolve(__dirname, '../../../src/rules');
export const ROOT = path.resolve(__dirname, '../../..');

const LAYOUTS = new Set(['records', 'array', 'single', 'lines', 'lookup-events', 'eventbridge',
  'lake', 'ecs', 'digest', 'unknown']);
const SEVERITIES = new Set(['error', 'warning', 'note']);

/** Keys Object.prototype has before any hostile input is read. */
const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();

let cachedRules: LoadedRule[] | undefined;

/** The built-in pack and the 18 reference rules of elastic/detection-rules, compiled once. */
export function allRules(): LoadedRule[] {
  if (cachedRules !== undefined) return cachedRules;

  const texts: RuleText[] = [];
  for (const [folder, builtin] of [[BUILTIN_RULES, true], [REFERENCE_RULES, false]] as const) {
    for (const file of readdirSync(folder).filter((f) => f.endsWith('.toml')).sort()) {
      texts.push({ text: readFileSync(path.join(folder, file), 'utf8'),
        source: path.join(folder, file), builtin });
    }
  }
  cachedRules = prepareRules(loadRuleTexts(texts).rules);
  return cachedRules;
}

/** A corpus file's text as the front ends read it (gzip expanded, BOM removed). */
export function corpusText(name: string): string {
  return decodeBytes(readFileSync(path.join(CORPUS, name))).text;
}

/** Corpus files of at most `maxLength` characters (the README and the CSV aside). */
export function smallCorpusFiles(maxLength: number): string[] {
  return readdirSync(CORPUS)
    .filter((f) => f !== 'README.md' && !f.endsWith('.csv'))
    .sort()
    .filter((f) => corpusText(f).length <= maxLength);
}

/** A real CloudTrail record (a DescribeImages call of the Permiso subset), as an object. */
export function realRecord(): { [key: string]: unknown } {
  const records = JSON.parse(corpusText('permiso_describeimages-shapes_subset.json')) as
    { [key: string]: unknown }[];
  return records[0];
}

/**
 * The real record edited into a positive for the DescribeImages rule (no public event has
 * includeDeprecated, see the corpus README), with a full identity and event type.
 */
export function positiveRecord(): { [key: string]: unknown } {
  const record = realRecord();
  (record.requestParameters as { [key: string]: unknown }).includeDeprecated = true;
  return {
    eventVersion: '1.08',
    userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/alice',
      accountId: '111122223333', userName: 'alice' },
    ...record,
    eventType: 'AwsApiCall',
    recipientAccountId: '111122223333',
  };
}

/** Asserts that a span is a non-inverted range inside a text of `length`. */
export function assertSpan(span: Span | undefined, length: number, what: string): void {
  if (span === undefined) return;
  assert.ok(Number.isInteger(span.start) && Number.isInteger(span.end), `${what}: integers`);
  assert.ok(span.start >= 0 && span.start <= span.end && span.end <= length,
    `${what}: [${span.start}, ${span.end}) outside [0, ${length}]`);
}

/** Asserts the contract of locateEvents on a text. */
export function assertLocateContract(text: string, result: LocateResult): void {
  assert.ok(LAYOUTS.has(result.layout), `layout ${result.layout}`);

  let previousEnd = 0;
  result.events.forEach((event, i) => {
    assert.equal(event.index, i);
    assertSpan(event.span, text.length, `event ${i}`);
    assert.ok(event.span.start >= previousEnd, `event ${i} overlaps the one before`);
    previousEnd = event.span.end;

    const first = text[event.span.start];
    const last = text[event.span.end - 1];
    const expected = { raw: ['{', '}'], ecs: ['{', '}'], 'lake-row': ['[', ']'],
      escaped: ['"', '"'] }[event.encoding];
    assert.deepEqual([first, last], expected, `event ${i} (${event.encoding}) token`);
  });

  for (const problem of result.problems) assertProblem(problem, text.length);
}

/** Asserts the contract of scanText on a text: problems, findings and every span in them. */
export function assertScanContract(text: string, result: ScanResult): void {
  assert.ok(LAYOUTS.has(result.layout), `layout ${result.layout}`);
  assert.ok(Number.isInteger(result.events) && result.events >= 0);
  for (const problem of result.problems) assertProblem(problem, text.length);

  for (const finding of [...result.findings, ...result.suppressed]) {
    assertSpan(finding.eventSpan, text.length, 'eventSpan');
    assertSpan(finding.span, text.length, 'span');
    assert.ok(finding.span.start >= finding.eventSpan.start
      && finding.span.end <= finding.eventSpan.end, 'span inside its event');
    finding.explanation.forEach((clause, i) =>
      assertSpan(clause.span, text.length, `clause ${i}`));
    for (const [field, source] of Object.entries(finding.fieldSources)) {
      assertSpan(source.span, text.length, `field ${field}`);
    }
    assert.doesNotThrow(() => JSON.stringify(finding.fields));
  }
}

function assertProblem(problem: { message: string; offset: number; severity: string },
  length: number): void {
  assert.ok(typeof problem.message === 'string' && problem.message.length > 0, 'a message');
  assert.ok(SEVERITIES.has(problem.severity), `severity ${problem.severity}`);
  assert.ok(Number.isInteger(problem.offset) && problem.offset >= 0 && problem.offset <= length,
    `problem offset ${problem.offset} outside [0, ${length}]: ${problem.message}`);
}

/** Asserts that no input so far added to (or changed) Object.prototype. */
export function assertPrototypeClean(): void {
  assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), PROTOTYPE_KEYS);
  const probe: { [key: string]: unknown } = {};
  for (const key of ['polluted', 'isAdmin', 'x']) assert.equal(probe[key], undefined, key);
}

/** A text of `count` nested openers, optionally closed. */
export function nested(open: string, close: string, count: number, inner = ''): string {
  return open.repeat(count) + inner + close.repeat(count);
}

/**
 * Scans a text on the reference path and on the default one, each timed, and asserts the two
 * results equal; returns the default path's result and both times in milliseconds.
 */
export function scanBothTimed(text: string, rules: readonly LoadedRule[]):
  { result: ScanResult; ms: number; reference: number } {
  let started = performance.now();
  const expected = scanText(text, rules, { reference: true });
  const reference = performance.now() - started;
  started = performance.now();
  const result = scanText(text, rules);
  const ms = performance.now() - started;

  assert.deepEqual(result, expected);
  return { result, ms, reference };
}

/**
 * Asserts that the default scan gives the reference path's result, no slower than 5 times the
 * reference path (plus 500 ms, the slack of a busy machine); returns the result.
 */
export function assertAboutAsFastAsReference(text: string, rules: readonly LoadedRule[],
  what = 'default path'): ScanResult {
  const { result, ms, reference } = scanBothTimed(text, rules);
  assert.ok(ms < 5 * reference + 500, `${what}: ${Math.round(ms)} ms, reference path `
    + `${Math.round(reference)} ms`);
  return result;
}
