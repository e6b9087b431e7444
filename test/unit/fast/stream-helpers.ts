// Shared material of the StreamScanner tests: feeding a text in pieces, and holding a streamed
// outcome to the whole-text scan, positions included.
import assert from 'node:assert/strict';
import { StreamScanner, type StreamOutcome } from '../../../src/core/fast';
import type { StreamWork } from '../../../src/core/fast/stream-scanner';
import { LineIndex } from '../../../src/core/positions';
import { scanText, type LoadedRule } from '../../../src/core/scan';

/** A streamed scan: its outcome (undefined when declined) and the work it took. */
export interface Streamed {
  outcome: StreamOutcome | undefined;
  work: StreamWork;
}

/**
 * Feeds the text in pieces of the given sizes (cycled), after a first piece of `first`
 * characters when given, and ends it.
 */
export function streamText(text: string, rules: readonly LoadedRule[], sizes: readonly number[],
  step?: number, first?: number): Streamed {
  const scanner = new StreamScanner(rules, {}, step);
  let at = 0;
  for (let i = 0; at < text.length; i++) {
    const size = i === 0 && first !== undefined ? first : Math.max(1, sizes[i % sizes.length]);
    if (!scanner.push(text.slice(at, at + size))) return { outcome: undefined, work: scanner.work };
    at += size;
  }
  return { outcome: scanner.end(), work: scanner.work };
}

/** The outcome of streamText alone. */
export function streamed(text: string, rules: readonly LoadedRule[], sizes: readonly number[],
  step?: number): StreamOutcome | undefined {
  return streamText(text, rules, sizes, step).outcome;
}

/** Checks a streamed outcome against a whole-text scan, positions included. */
export function assertSameAsWhole(text: string, rules: readonly LoadedRule[],
  outcome: StreamOutcome | undefined): void {
  assert.ok(outcome, 'the text was not streamed');
  assert.equal(outcome.characters, text.length);
  assert.deepEqual(outcome.result, scanText(text, rules, { reference: true }));

  const lines = new LineIndex(text);
  for (const finding of [...outcome.result.findings, ...outcome.result.suppressed]) {
    assert.deepEqual(outcome.positionAt(finding.span.start), lines.positionAt(finding.span.start));
    assert.deepEqual(outcome.positionAt(finding.span.end), lines.positionAt(finding.span.end));
  }
  for (const problem of outcome.result.problems) {
    assert.deepEqual(outcome.positionAt(problem.offset), lines.positionAt(problem.offset));
  }
}
