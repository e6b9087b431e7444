// Diagnostics on the exceptions file itself: every problem parseExceptionsFile found, at its
// position; an Information diagnostic on each expired item (it no longer suppresses anything);
// and, in Restricted Mode, one notice that the file is not applied. Pure, like diagnostics.ts.
import {
  EXCEPTIONS_FILE_PATH, listExpiredItems, parseIsoInstant, type ExceptionsFile,
  type ParseExceptionsResult,
} from '../core/exceptions';
import { JsonSyntaxError, parseJson } from '../core/json';
import { LineIndex } from '../core/positions';
import type { Range, Span } from '../core/types';
import { DIAGNOSTIC_SOURCE, type DiagnosticData } from './diagnostics';

/** Diagnostic codes, so that tests and users can tell the kinds apart. */
export const EXPIRED_CODE = 'exception-expired';
export const RESTRICTED_CODE = 'exceptions-not-applied';

// setTimeout cannot wait longer than 2^31 - 1 ms (about 24.8 days)
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Whether a path (of a URI) names an exceptions file in some folder. */
export function isExceptionsFilePath(path: string): boolean {
  return path === EXCEPTIONS_FILE_PATH || path.endsWith(`/${EXCEPTIONS_FILE_PATH}`);
}

/** The diagnostics of an exceptions file, from its text and what parsing it gave. */
export function exceptionsFileDiagnostics(text: string, parsed: ParseExceptionsResult,
  now: Date, trusted: boolean): DiagnosticData[] {
  const lines = new LineIndex(text);
  const diagnostics: DiagnosticData[] = [];

  // the file is someone else's when the folder is not trusted: it could hide detections
  if (!trusted) {
    diagnostics.push(data(tokenRange(text, lines, firstToken(text)), 'information',
      'Restricted Mode: these exceptions are not applied, so every finding is shown. ' +
      'Trust the workspace to apply them.', RESTRICTED_CODE));
  }

  for (const problem of parsed.problems) {
    diagnostics.push(data(tokenRange(text, lines, problem.offset), problem.severity,
      problem.message));
  }

  if (parsed.file !== undefined) {
    for (const { ruleId, item } of listExpiredItems(parsed.file, now)) {
      const span = parsed.itemSpans.get(item);
      if (span === undefined) continue;
      const rule = ruleId === '*' ? 'every rule' : `rule ${ruleId}`;
      diagnostics.push(data(expiresRange(text, lines, span), 'information',
        `Exception ${item.id} expired on ${item.expires ?? '?'}: it no longer suppresses ` +
        `findings of ${rule}.`, EXPIRED_CODE));
    }
  }
  return diagnostics;
}

/**
 * Milliseconds until the next item of the file expires (so that findings come back on time),
 * capped to what a timer can wait; undefined when nothing is due to expire.
 */
export function nextExpiryDelay(file: ExceptionsFile | undefined, now: Date): number | undefined {
  let next: number | undefined;
  for (const items of Object.values(file?.exceptions ?? {})) {
    for (const item of items) {
      const at = item.expires === undefined ? undefined : parseIsoInstant(item.expires);
      if (at === undefined || at <= now.getTime()) continue;
      next = next === undefined ? at : Math.min(next, at);
    }
  }
  return next === undefined ? undefined : Math.min(next - now.getTime(), MAX_TIMER_MS);
}

function data(range: Range, severity: DiagnosticData['severity'], message: string,
  code?: string): DiagnosticData {
  const diagnostic: DiagnosticData = { range, message, severity, source: DIAGNOSTIC_SOURCE,
    relatedInformation: [], findingIndexes: [] };
  if (code !== undefined) diagnostic.code = { value: code };
  return diagnostic;
}

// The value of an item's "expires" member, or the item's first character when it cannot be
// found (the item was parsed before, so a failure here is not expected).
function expiresRange(text: string, lines: LineIndex, item: Span): Range {
  try {
    const node = parseJson(text, item.start, item.end);
    const member = node.kind === 'object'
      ? node.members.find((m) => m.key === 'expires') : undefined;
    if (member !== undefined) {
      return { start: lines.positionAt(member.keySpan.start),
        end: lines.positionAt(member.value.span.end) };
    }
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
  }
  return tokenRange(text, lines, item.start);
}

function firstToken(text: string): number {
  const match = /\S/.exec(text);
  return match === null ? 0 : match.index;
}

// The JSON token starting at an offset: a whole string, a bracket, or a run up to the next
// delimiter; at least one character when the text has one.
function tokenRange(text: string, lines: LineIndex, offset: number): Range {
  const start = Math.max(0, Math.min(offset, text.length));
  let end = start;
  if (text[start] === '"') {
    end = start + 1;
    while (end < text.length && text[end] !== '"' && text[end] !== '\n') {
      end += text[end] === '\\' ? 2 : 1;
    }
    end = Math.min(end + 1, text.length);
  } else if (text[start] === '{' || text[start] === '[') {
    end = start + 1;
  } else {
    while (end < text.length && !/[\s,{}[\]:"]/.test(text[end])) end++;
    if (end === start) end = Math.min(start + 1, text.length);
  }
  return { start: lines.positionAt(start), end: lines.positionAt(end) };
}
