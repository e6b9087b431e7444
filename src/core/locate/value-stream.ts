// A text is a stream of top-level JSON values: usually one, one per line in JSON Lines, or
// several back to back when S3 objects were concatenated (`zcat *.json.gz`). A damaged value
// is reported and scanning resumes at the next line that starts with '{' or '[', which is how
// JSON Lines records (and concatenated pretty-printed objects) begin.
import type { ElementHandler, LocateContext } from './locate-context';

/** Locates the events of every top-level value, from `start` (after any BOM). */
export function locateStream(ctx: LocateContext, start: number, root: ElementHandler,
  what: string): void {
  const scanner = ctx.scanner;
  let pos = scanner.skipWhitespace(start);
  let previousEnd = -1;

  while (pos < ctx.text.length) {
    const valueStart = pos;
    const end = root(ctx, valueStart);
    if (end >= 0) {
      previousEnd = end;
      pos = scanner.skipWhitespace(end);
      continue;
    }

    // Text after a value on the same line is not a value of its own.
    const lineStart = previousEnd < 0 || /[\r\n]/.test(ctx.text.slice(previousEnd, valueStart));
    ctx.reportScanError(valueStart, what,
      lineStart ? `this ${what} is skipped` : 'the rest of the line is skipped');
    if (ctx.failedAtEnd()) return;

    // Not back into what the value's event array went through already: retrying each of its
    // damaged elements as a value of its own would scan the rest of the array once per line.
    const next = nextLineStart(ctx.text,
      Math.max(valueStart + 1, ctx.lastEventEnd, ctx.lastElementStart + 1));
    if (next < 0) return;
    pos = next;
    previousEnd = -1;
  }
}

/** The start of the first line after `from`'s line that begins with '{' or '['. */
function nextLineStart(text: string, from: number): number {
  const re = /[\r\n][{[]/g;
  re.lastIndex = from;
  const match = re.exec(text);
  return match === null ? -1 : match.index + 1;
}
