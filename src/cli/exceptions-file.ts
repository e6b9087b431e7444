// Reads the --exceptions file for the CLI: problems go to stderr with their positions, and a
// file that cannot be used at all stops the scan (suppressing nothing silently is the point).
// An error in one item (an unknown operator, a missing author, a date that does not exist)
// leaves that item out and the rest in use; the caller counts it, so that the exit status says
// the file is broken. Warnings (an expired item, a repeated id) change nothing.
// The path, item ids, rule ids and messages are shown with their hidden characters made
// visible (visibleText), in the lines written here and in the errors thrown.
import { readFileSync } from 'node:fs';
import { visibleText } from '../core/display-text';
import { fieldTypeOf } from '../core/ecs';
import { createExceptionMatcher, listExpiredItems, parseExceptionsFile } from '../core/exceptions';
import type { ExceptionMatcher } from '../core/scan';
import { fileErrorReason } from './file-errors';
import { warn, type TextOutput } from './progress';
import { InputError, regularFileProblem } from './walk';

/** The matcher the scan uses, and how many errors the file had. */
export interface LoadedExceptions {
  matcher: ExceptionMatcher;
  /** Problems of error severity: items left out because they are broken. */
  errors: number;
}

/**
 * Loads an exceptions file and returns the matcher the scan uses; throws when it is unusable.
 * Problems and expired items are written to `stream` (stderr), one visible line each. Given
 * the loaded rules' ids, items filed under another rule id are named, as the editor names them
 * (they would suppress nothing, which a typo in a rule id must not do silently).
 */
export function loadExceptionsFile(path: string, now = new Date(),
  stream: TextOutput = process.stderr, knownRuleIds?: ReadonlySet<string>): LoadedExceptions {
  // A FIFO or a device would block the read or never end: refused before it is opened.
  const problem = regularFileProblem(path);
  if (problem !== undefined) {
    throw new InputError(visibleText(`${path}: cannot read exceptions: ${problem}`));
  }

  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = fileErrorReason(error);
    throw new InputError(visibleText(`${path}: cannot read exceptions: ${reason}`));
  }

  const parsed = parseExceptionsFile(text, path, { fieldTypeOf, knownRuleIds });
  for (const p of parsed.problems) {
    warn(`${path}:${p.line + 1}:${p.character + 1}: ${p.severity}: ${p.message}`, stream);
  }
  if (parsed.file === undefined) {
    throw new InputError(`${visibleText(path)}: exceptions file not usable`);
  }

  // An expired item suppresses nothing any more: say so, so that its findings are not a surprise.
  for (const { ruleId, item } of listExpiredItems(parsed.file, now)) {
    warn(`${path}: warning: exception ${item.id} for rule ${ruleId} expired on `
      + `${item.expires ?? '?'} and no longer suppresses anything`, stream);
  }

  const errors = parsed.problems.filter((p) => p.severity === 'error').length;
  return { matcher: createExceptionMatcher(parsed.file, now), errors };
}
