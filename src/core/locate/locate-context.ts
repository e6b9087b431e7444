// What one locate run accumulates: the events found, the problems met, and the bookkeeping
// that keeps each scanner failure reported exactly once.
import type { EventEncoding, LocatedEvent, TextProblem } from '../types';
import { JsonScanner } from './json-scanner';

/** Beyond this many problems a file is garbage; the rest are counted, not listed. */
export const MAX_PROBLEMS = 100;

/** Scans one element at `start` (emitting its events); returns where it ends, or -1. */
export type ElementHandler = (ctx: LocateContext, start: number) => number;

/** The state of one locate run over one text. */
export class LocateContext {
  readonly scanner: JsonScanner;
  readonly events: LocatedEvent[] = [];
  readonly problems: TextProblem[] = [];
  /** Where the last located event ends: resynchronisation never goes back before it. */
  lastEventEnd = 0;
  /**
   * Where the last element of an event array that was tried (located or reported) starts:
   * after a damaged top-level value, the elements its array already went through are not
   * tried again as values of their own.
   */
  lastElementStart = -1;
  private reportedErrors = 0;
  private unlisted = 0;
  /** The last answer of each forward search, by pattern (see searchFrom). */
  private readonly searches = new Map<string, { from: number; match: RegExpExecArray | null }>();

  constructor(readonly text: string) {
    this.scanner = new JsonScanner(text);
  }

  /** Records one located event. */
  emit(start: number, end: number, encoding: EventEncoding): void {
    this.events.push({ index: this.events.length, span: { start, end }, encoding });
    this.lastEventEnd = end;
  }

  /** Records one problem (counted only, past MAX_PROBLEMS). */
  problem(offset: number, message: string, severity: TextProblem['severity']): void {
    if (this.problems.length >= MAX_PROBLEMS) {
      this.unlisted++;
      return;
    }
    this.problems.push({ message, offset, severity });
  }

  /**
   * Reports the scanner's latest failure unless it was reported already: at its own offset,
   * followed by `consequence`. A failure at the end of the text is a cut file, reported at the
   * end (where the damage is, as for a text in no layout) with the unfinished element (`what`)
   * it loses named.
   */
  reportScanError(elementStart: number, what: string,
    consequence = `this ${what} is skipped`): void {
    const scanner = this.scanner;
    if (scanner.errorCount === this.reportedErrors) return;
    this.reportedErrors = scanner.errorCount;

    const end = this.text.length;
    if (scanner.errorOffset < end) {
      this.problem(scanner.errorOffset, `${scanner.errorMessage} (${consequence})`, 'error');
    } else if (elementStart >= end) {
      this.problem(end, `The text ends where ${withArticle(what)} was expected`
        + ' (truncated file?)', 'error');
    } else {
      this.problem(end, `The text ends inside ${withArticle(what)}, which is incomplete`
        + ' (truncated file?)', 'error');
    }
  }

  /** Fails the scanner at `offset` and reports that failure with its own message. */
  failAndReport(offset: number, message: string, severity: TextProblem['severity']): void {
    this.scanner.fail(offset, message);
    this.reportedErrors = this.scanner.errorCount;
    this.problem(offset, message, severity);
  }

  /** Whether the latest scanner failure is the end of the text (nothing can follow). */
  failedAtEnd(): boolean {
    return this.scanner.errorOffset >= this.text.length;
  }

  /**
   * The first match of the global `pattern` starting at or after `from`. Damage recovery asks
   * the same question from ever later offsets (a search after every damaged line): the last
   * answer is reused while it still lies ahead, so that a text with damage on every line is
   * not searched to its end once per line. Patterns must not look behind their match.
   */
  searchFrom(pattern: RegExp, from: number): RegExpExecArray | null {
    const last = this.searches.get(pattern.source);
    if (last !== undefined && last.from <= from
      && (last.match === null || last.match.index >= from)) {
      return last.match;
    }

    pattern.lastIndex = Math.max(0, from);
    const match = pattern.exec(this.text);
    this.searches.set(pattern.source, { from, match });
    return match;
  }

  /** Problems in text order, with a closing note when some were not listed. */
  finishProblems(): TextProblem[] {
    const sorted = [...this.problems].sort((a, b) => a.offset - b.offset);
    if (this.unlisted > 0) {
      sorted.push({ message: `${this.unlisted} more problems are not listed`,
        offset: sorted[sorted.length - 1].offset, severity: 'note' });
    }
    return sorted;
  }
}

/** "an event", "a JSON value": the name of an element with its indefinite article. */
function withArticle(what: string): string {
  return `${/^[aeiou]/i.test(what) ? 'an' : 'a'} ${what}`;
}
