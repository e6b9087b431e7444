// Finds every event's span in a text without parsing the whole text and without building a
// tree: the layout says where events sit, the scanner skips over each one, and damage is
// reported with its offset while scanning goes on.
import type {
  EventEncoding, LayoutKind, LocateResult, LocatedEvent, TextProblem,
} from '../types';
import { detectLayout } from '../layout';
import { jsonTextProblems } from './json-text-check';
import { LocateContext } from './locate-context';
import { rootHandlerFor } from './root-handlers';
import { locateStream } from './value-stream';

const BOM = 0xfeff;

/** What a damaged top-level value is called in messages, per layout. */
const ROOT_NAME: { readonly [layout in LayoutKind]?: string } = {
  lines: 'line', single: 'event',
};

// Locates every event of `text` (its layout detected when not given).
export function locateEvents(text: string, layout: LayoutKind = detectLayout(text)):
  LocateResult {
  const root = rootHandlerFor(layout);
  if (root === undefined) return { layout, events: [], problems: jsonTextProblems(text) };

  const ctx = new LocateContext(text);
  const start = text.charCodeAt(0) === BOM ? 1 : 0;
  locateStream(ctx, start, root, ROOT_NAME[layout] ?? 'JSON value');
  return { layout, events: ctx.events, problems: ctx.finishProblems() };
}

// Scans the one event token that starts at `start` (for example an event of an earlier scan
// whose text was edited); returns it, or the problem that stops it.
export function locateEventAt(text: string, start: number, encoding: EventEncoding,
  index = 0): { event: LocatedEvent } | { problem: TextProblem } {
  const ctx = new LocateContext(text);
  const scanner = ctx.scanner;
  const expected = encoding === 'escaped' ? '"' : encoding === 'lake-row' ? '[' : '{';

  if (text[start] !== expected) {
    return { problem: { message: `Expected '${expected}' to start the event here`,
      offset: start, severity: 'error' } };
  }

  const end = scanner.scanValue(start);
  if (end < 0) {
    ctx.reportScanError(start, 'event');
    return { problem: ctx.problems[0] };
  }
  return { event: { index, span: { start, end }, encoding } };
}

// The index (in `events`, sorted by offset) of the event whose span holds `offset`, or -1.
export function eventIndexOfOffset(events: readonly LocatedEvent[], offset: number): number {
  let low = 0;
  let high = events.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const { start, end } = events[mid].span;
    if (offset < start) {
      high = mid - 1;
    } else if (offset >= end) {
      low = mid + 1;
    } else {
      return mid;
    }
  }
  return -1;
}
