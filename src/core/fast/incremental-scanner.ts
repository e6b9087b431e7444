// Re-analyses a document after an edit without reading it all again: the spans of the last
// scan are kept; after an edit, the events it touched (and whatever now lies between their
// unchanged neighbours) are re-read, the events after it only move, and only the re-read
// events are evaluated. When the edit reaches beyond a plain list of records (the wrapper,
// the layout, damaged text), it falls back to a full scan, so the result is always the one a
// full scan of the new text gives.
import { detectLayout } from '../layout';
import type { LoadedRule, ScanOptions } from '../scan-options';
import type { LayoutKind, LocatedEvent, ScanResult, TextProblem } from '../types';
import { locateCleanPiece, listKindOf } from './clean-locate';
import { activeRules, evaluateEvent, type ActiveRule, type EventOutcome } from '../evaluate-event';
import { locateFlagged } from './flagged-events';
import { literalPlan, type LiteralPlan } from './literal-plan';
import { eventsToParse, mightMatch } from './prefilter';
import { mustParse } from './event-flags';
import { movedEvent, movedOutcome } from './moved-outcome';

/** One edit: `removed` characters at `offset` of the old text became `inserted` characters. */
export interface TextEdit {
  offset: number;
  removed: number;
  inserted: number;
}

/** What the last scan of one event produced (kept only for events that produced something). */
interface EventRecord extends EventOutcome {
  index: number;
}

/** What the scanner remembers of the last text. */
interface ScanState {
  text: string;
  layout: LayoutKind;
  events: LocatedEvent[];
  /** Locate's problems; the incremental path only runs when there are none. */
  problems: TextProblem[];
  /** Outcomes of the events that produced findings or problems, in event order. */
  records: EventRecord[];
  /** Where the list of events lies, when the one-pass reader read the text. */
  list?: { start: number; end: number };
}

/** How the last analysis was done, for status displays and the benchmark. */
export interface IncrementalStats {
  /** 'full' for a scan of the whole text, 'incremental' for a local re-read. */
  mode: 'full' | 'incremental';
  /** Events located again (the re-read piece, or all of them). */
  relocated: number;
  /** Events parsed and evaluated. */
  evaluated: number;
  /** Why an edit could not be handled locally, when it could not. */
  fallbackReason?: string;
}

/** Keeps the last scan of a document and brings it up to date after each edit. */
export class IncrementalScanner {
  private readonly active: ActiveRule[];
  private readonly plans: (LiteralPlan | undefined)[];
  private state: ScanState | undefined;
  /** How the last result was obtained. */
  lastStats: IncrementalStats = { mode: 'full', relocated: 0, evaluated: 0 };

  constructor(rules: readonly LoadedRule[], private readonly options: ScanOptions = {}) {
    this.active = activeRules(rules);
    this.plans = this.active.map((loaded) => literalPlan(loaded.query));
  }

  /** Scans a whole text (as scanTextFast does) and remembers it. */
  scanFull(text: string): ScanResult {
    return this.fullScan(text);
  }

  /** Brings the analysis up to date after one edit of the last scanned text. */
  applyEdit(newText: string, edit: TextEdit): ScanResult {
    const state = this.state;
    if (state === undefined) return this.fullScan(newText);

    const reason = this.tryLocal(state, newText, edit);
    return reason === undefined ? this.result() : this.fullScan(newText, reason);
  }

  /** A full scan, remembered; `fallbackReason` says why an edit needed one. */
  private fullScan(text: string, fallbackReason?: string): ScanResult {
    const layout = detectLayout(text);
    const { events, problems, flags, clean } = locateFlagged(text, layout);
    const records: EventRecord[] = [];
    let evaluated = 0;

    if (this.active.length > 0) {
      const parse = eventsToParse(text, events, flags, this.plans);
      for (let i = 0; i < events.length; i++) {
        if (parse[i] === 0) continue;
        evaluated++;
        this.evaluateInto(records, text, events[i]);
      }
    }

    const list = clean && { start: clean.listStart, end: clean.listEnd };
    this.state = { text, layout, events, problems, records, list };
    this.lastStats = { mode: 'full', relocated: events.length, evaluated, fallbackReason };
    return this.result();
  }

  /** Re-reads the piece of the list an edit touched; returns why it could not, if it could not. */
  private tryLocal(state: ScanState, newText: string, edit: TextEdit): string | undefined {
    const { events, list } = state;
    const delta = edit.inserted - edit.removed;
    const editEnd = edit.offset + edit.removed;
    const kind = listKindOf(state.layout);

    if (edit.offset < 0 || editEnd > state.text.length
      || newText.length !== state.text.length + delta) {
      return 'the edit does not fit the last text';
    }
    if (list === undefined || kind === undefined || this.active.length === 0) {
      return 'the last text was not a plain list of records';
    }
    if (edit.offset < list.start || editEnd > list.end) return 'the edit reaches the wrapper';

    // Events touching the edit (an event ending or starting right at it included) are re-read
    // with whatever lies between their unchanged neighbours.
    const first = firstEndingAtOrAfter(events, edit.offset);
    const last = lastStartingAtOrBefore(events, editEnd);
    const pieceStart = first > 0 ? events[first - 1].span.end : list.start;
    const pieceEnd = last + 1 < events.length ? events[last + 1].span.start + delta
      : list.end + delta;
    const piece = locateCleanPiece(newText.slice(pieceStart, pieceEnd), kind, first > 0,
      last + 1 < events.length);
    if (piece === undefined) return 'the edited piece is not a run of clean records';

    // The head of the text decides the layout (JSON Lines or one record may look further).
    if (detectLayout(newText) !== state.layout) return 'the layout changed';

    this.state = this.splice(state, newText, edit, { first, last, pieceStart, piece });
    return undefined;
  }

  /** The new state: events before the piece kept, the piece's events new, later ones moved. */
  private splice(state: ScanState, newText: string, edit: TextEdit, at: {
    first: number; last: number; pieceStart: number;
    piece: { events: LocatedEvent[]; flags: Uint8Array };
  }): ScanState {
    const delta = edit.inserted - edit.removed;
    const { first, last, pieceStart, piece } = at;
    const indexDelta = piece.events.length - (last - first + 1);

    const events = state.events.slice(0, first);
    for (const event of piece.events) {
      const span = { start: event.span.start + pieceStart, end: event.span.end + pieceStart };
      events.push({ index: events.length, span, encoding: event.encoding });
    }
    for (let i = last + 1; i < state.events.length; i++) {
      events.push(movedEvent(state.events[i], delta, indexDelta));
    }

    // Outcomes: before the piece kept, the piece evaluated, after it moved (events with a
    // parse problem are evaluated again, as their message names the event's number).
    const records = state.records.filter((r) => r.index < first);
    let evaluated = 0;
    for (let i = 0; i < piece.events.length; i++) {
      const event = events[first + i];
      if (!this.needsEvaluation(newText, event, piece.flags[i])) continue;
      evaluated++;
      this.evaluateInto(records, newText, event);
    }
    for (const record of state.records) {
      if (record.index <= last) continue;
      const event = events[record.index + indexDelta];
      if (record.problems.length > 0 && indexDelta !== 0) {
        evaluated++;
        this.evaluateInto(records, newText, event);
      } else {
        records.push({ ...movedOutcome(record, event, delta, indexDelta), index: event.index });
      }
    }

    const list = state.list && { start: state.list.start, end: state.list.end + delta };
    this.lastStats = { mode: 'incremental', relocated: piece.events.length, evaluated };
    return { ...state, text: newText, events, records, list };
  }

  /** Whether a re-read event must be parsed: it might match, or it would not parse. */
  private needsEvaluation(text: string, event: LocatedEvent, flags: number): boolean {
    if (mustParse(event, flags)) return true;
    return this.plans.some((plan) => plan === undefined || mightMatch(plan, text, event, flags));
  }

  /** Evaluates one event and keeps its outcome when it has one. */
  private evaluateInto(records: EventRecord[], text: string, event: LocatedEvent): void {
    const outcome: EventRecord = { index: event.index, findings: [], suppressed: [], problems: [] };
    evaluateEvent(text, event, this.active, this.options, outcome);
    if (outcome.findings.length + outcome.suppressed.length + outcome.problems.length > 0) {
      records.push(outcome);
    }
  }

  /** The result of the remembered state, in the order a full scan produces it. */
  private result(): ScanResult {
    const state = this.state as ScanState;
    const result: ScanResult = { layout: state.layout, events: state.events.length,
      findings: [], suppressed: [], problems: [...state.problems] };
    for (const record of state.records) {
      result.findings.push(...record.findings);
      result.suppressed.push(...record.suppressed);
      result.problems.push(...record.problems);
    }
    return result;
  }
}

/**
 * One edit covering several changes made at once (VS Code reports them with offsets into the
 * text before the change): from the first changed offset to the end of the last change.
 */
export function mergeEdits(oldLength: number, newLength: number,
  changes: readonly { offset: number; removed: number }[]): TextEdit {
  const start = Math.min(...changes.map((c) => c.offset));
  const oldEnd = Math.max(...changes.map((c) => c.offset + c.removed));
  const removed = oldEnd - start;
  return { offset: start, removed, inserted: removed + newLength - oldLength };
}

/** The index of the first event whose span ends at or after `offset` (length when none). */
function firstEndingAtOrAfter(events: readonly LocatedEvent[], offset: number): number {
  let low = 0;
  let high = events.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (events[mid].span.end < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The index of the last event whose span starts at or before `offset` (-1 when none). */
function lastStartingAtOrBefore(events: readonly LocatedEvent[], offset: number): number {
  let low = 0;
  let high = events.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (events[mid].span.start <= offset) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}
