// Shared helpers for the locate tests: where the data lives, and slow, obviously correct
// versions of what the locator computes, to compare with.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { LocateResult, Position } from '../../../src/core/types';

export const CORPUS = path.resolve(__dirname, '../../../../shared/corpus');
export const FIXTURES = path.resolve(__dirname, '../../fixtures/layouts');

/** A corpus file's bytes. */
export function corpusBytes(name: string): Uint8Array {
  return readFileSync(path.join(CORPUS, name));
}

/** One of our layout fixtures, as text. */
export function fixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

/** The parsed value of every located event (escaped events decoded twice, as JSON.parse would). */
export function parsedEvents(text: string, result: LocateResult): unknown[] {
  return result.events.map(({ span, encoding }) => {
    const value: unknown = JSON.parse(text.slice(span.start, span.end));
    return encoding === 'escaped' ? JSON.parse(value as string) as unknown : value;
  });
}

/** Zero-based line/character of an offset, the slow way: split the prefix on line breaks. */
export function naivePosition(text: string, offset: number): Position {
  const lines = text.slice(0, offset).split(/\r\n|\r|\n/);
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

/** Converts LF line breaks to CRLF. */
export function toCrlf(text: string): string {
  return text.replace(/\n/g, '\r\n');
}
