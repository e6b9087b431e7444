// Reads the --exceptions file for the CLI: problems go to stderr with their positions, and a
// file that cannot be used at all stops the scan (suppressing nothing silently is the point).
import { readFileSync } from 'node:fs';
import { createExceptionMatcher, listExpiredItems, parseExceptionsFile } from '../core/exceptions';
import type { ExceptionMatcher } from '../core/scan';
import { InputError } from './walk';

/** Loads an exceptions file and returns the matcher the scan uses; throws when it is unusable. */
export function loadExceptionsFile(path: string, now = new Date()): ExceptionMatcher {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(`${path}: cannot read exceptions: ${(error as Error).message}`);
  }

  const parsed = parseExceptionsFile(text, path);
  for (const p of parsed.problems) {
    process.stderr.write(`${path}:${p.line + 1}:${p.character + 1}: ${p.severity}: ${p.message}\n`);
  }
  if (parsed.file === undefined) throw new InputError(`${path}: exceptions file not usable`);

  // An expired item suppresses nothing any more: say so, so that its findings are not a surprise.
  for (const { ruleId, item } of listExpiredItems(parsed.file, now)) {
    process.stderr.write(`${path}: warning: exception ${item.id} for rule ${ruleId} expired on `
      + `${item.expires ?? '?'} and no longer suppresses anything\n`);
  }

  return createExceptionMatcher(parsed.file, now);
}
