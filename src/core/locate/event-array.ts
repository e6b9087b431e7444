// Locates the elements of one array of events (Records, a bare array, Events, rows, hits) and
// survives damage: a damaged element is reported and skipped, and scanning resumes at the
// next place that starts the way the array's elements start (the same opening brackets and
// the same first key, as machine-written files do). A cut file simply ends the array.
import type { ElementHandler, LocateContext } from './locate-context';
import { describeChar } from './json-scanner';

const COMMA = 44;
const CLOSE_BRACKET = 93;

/** First keys that CloudTrail records, ECS documents and search hits usually start with. */
const DEFAULT_FIRST_KEYS = ['eventVersion', 'eventTime', 'eventID', 'eventSource', 'eventName',
  'awsRegion', 'userIdentity', 'requestParameters', 'EventId', '_index', '_id', '_source',
  '@timestamp', 'version'];

/**
 * Locates the elements of the array whose '[' is at `open`. Returns the offset after its ']',
 * or -1 when the array could not be followed to its end (the reason is reported).
 */
export function locateElements(ctx: LocateContext, open: number, handler: ElementHandler,
  what: string): number {
  const scanner = ctx.scanner;
  let resync: RegExp | undefined;
  let pos = scanner.skipWhitespace(open + 1);
  if (scanner.codeAt(pos) === CLOSE_BRACKET) return pos + 1;

  for (;;) {
    resync ??= resyncPattern(ctx.text, pos);
    const start = pos;
    ctx.lastElementStart = Math.max(ctx.lastElementStart, start);
    const end = handler(ctx, start);
    let resumeFrom: number;

    if (end >= 0) {
      // A separator, then the next element, or the end of the array.
      pos = scanner.skipWhitespace(end);
      const c = scanner.codeAt(pos);
      if (c === CLOSE_BRACKET) return pos + 1;
      if (c === COMMA) {
        pos = scanner.skipWhitespace(pos + 1);
        if (scanner.codeAt(pos) !== CLOSE_BRACKET) continue;
        // No event is lost, but the text is not JSON (JSON.parse, jq and Elastic's readers
        // refuse the whole file): an error, as invalid JSON is in every layout.
        ctx.problem(pos, 'Unexpected \']\' after a comma: trailing commas are not JSON',
          'error');
        return pos + 1;
      }
      if (c === -1) {
        ctx.failAndReport(ctx.text.length, `The text ends before the array of ${what}s closes;`
          + ` later ${what}s may be missing (truncated file?)`, 'error');
        return -1;
      }
      ctx.failAndReport(pos, `Unexpected ${describeChar(ctx.text, pos)}: expected ',' or ']'`
        + ` after the ${what}`, 'error');
      resumeFrom = pos;
    } else {
      ctx.reportScanError(start, what);
      if (ctx.failedAtEnd()) return -1;
      resumeFrom = Math.max(scanner.errorOffset, start + 1, ctx.lastEventEnd);
    }

    // Resynchronise on the next element that starts like the others (the pattern also
    // matches the character before the element, hence the step back).
    let match = ctx.searchFrom(resync, resumeFrom - 1);
    while (match !== null && candidateOf(match) <= start) {
      match = ctx.searchFrom(resync, match.index + match[0].length);
    }
    if (match === null) return -1;
    pos = candidateOf(match);
  }
}

/** Where the element matched by a resync pattern starts. */
function candidateOf(match: RegExpExecArray): number {
  return match.index + 1 + match[1].length;
}

/**
 * A pattern for "an element starts here", built from the first element: its opening brackets
 * and its first key, after any character but a colon (a colon would make it a nested value).
 * Group 1 is the whitespace between that character and the element.
 */
function resyncPattern(text: string, start: number): RegExp {
  const shape = /^((?:[{[]\s*){1,3})"([^"\\]{1,200})"/.exec(text.slice(start, start + 256));
  if (shape !== null && shape[1].trimEnd().endsWith('{')) {
    const openers = [...shape[1].replace(/\s/g, '')].map((c) => `\\${c}\\s*`).join('');
    return new RegExp(`[^:\\s](\\s*)${openers}"${escapeRegExp(shape[2])}"`, 'g');
  }
  const keys = DEFAULT_FIRST_KEYS.map(escapeRegExp).join('|');
  return new RegExp(`[^:\\s](\\s*)\\{\\s*"(?:${keys})"`, 'g');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
