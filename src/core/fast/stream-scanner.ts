// Scans a text that arrives in pieces (a large .json.gz decompressed on the fly) in bounded
// memory: records are read as soon as they are complete, evaluated like scanTextFast
// evaluates them, and the text before them is let go. Positions (line and character) of
// everything the result mentions are worked out while that text is still at hand, since the
// whole text never is. Only plain record lists stream ({"Records":[...]}, a bare array of
// records, JSON Lines); for anything else, or at the first flaw, push() answers false and the
// caller scans the whole file the ordinary way, so a streamed result is always the one
// scanText would give for the whole text.
//
// Reading costs time linear in the text, whatever its pieces: whitespace is let go as soon as
// it is skipped, and a record still unfinished at the end of what has arrived is read again
// only once the text from its start has at least doubled, so that all the attempts at a
// record (or a string) of any length read about three times its length at most, instead of
// all of it again for every piece.
import { detectLayout } from '../layout';
import { LineIndex } from '../positions';
import type { LoadedRule, ScanOptions } from '../scan-options';
import type { LayoutKind, LocatedEvent, Position, ScanResult } from '../types';
import { listKindOf, skipWhitespace, type ListKind } from './clean-locate';
import { activeRules, evaluateEvent, type ActiveRule, type EventOutcome } from '../evaluate-event';
import { literalPlan, type LiteralPlan } from './literal-plan';
import { movedEvent, movedOutcome } from './moved-outcome';
import { eventsToParse } from './prefilter';
import { RecordReader } from './record-reader';

/** What a streamed scan found, and where its offsets are. */
export interface StreamOutcome {
  result: ScanResult;
  /** Characters of the whole text (for throughput figures). */
  characters: number;
  /** The position of an offset that the result mentions (finding spans, problem offsets). */
  positionAt(offset: number): Position;
}

/** How much work the scanner did, in characters (tests hold it linear in the text). */
export interface StreamWork {
  /** Characters gone over by the record reader and the whitespace skips, retries included. */
  read: number;
  /** Characters copied into the reading buffer. */
  copied: number;
  /** The most characters the reading buffer held at once. */
  held: number;
}

/** Layout detection reads at most the first 1 MB (layout.ts): gather that much first. */
const HEAD = 1024 * 1024 + 1;
/**
 * Text gathered between two reading passes. Small pieces die young in V8's heap instead of
 * piling up as large objects until a full collection: measured on 200 MB of .json.gz, 128 K
 * characters peak at about 170 MB resident, 2 M at about 260 MB, for 10 % more time. A
 * buffer of one step and the end of a record stays below V8's large-object size (128 KiB,
 * and text with one non-ASCII character takes two bytes a character): on the benchmark's
 * 500 MB of .json.gz, 128 K characters cost about 5 % more CPU time than 32 K, in collections
 * of the large objects.
 */
const STEP = 32 * 1024;
/** A record still incomplete after this much text is not worth waiting for in memory. */
const MAX_RECORD = 256 * 1024 * 1024;

/**
 * Whitespace runs longer than this are skipped by the regular expression below, which goes
 * several times faster per character than a loop over charCodeAt (Node 20) but costs more to
 * start: the gaps between records are short, a padded or hostile file's can be huge.
 */
const SHORT_RUN = 32;
const WHITESPACE_RUN = /[ \t\n\r]*/y;

const CR = 13;
const COMMA = 44;
const CLOSE_BRACKET = 93;
const CLOSE_BRACE = 125;

/** What comes next in a bracketed list: its first element, a separator, or an element. */
type ListExpect = 'first' | 'separator' | 'element';

/** Reads a text piece by piece; see the module comment. */
export class StreamScanner {
  /** Work done so far (see StreamWork). */
  readonly work: StreamWork = { read: 0, copied: 0, held: 0 };
  private readonly active: ActiveRule[];
  private readonly plans: (LiteralPlan | undefined)[];
  private readonly pieces: string[] = [];
  private pending = 0;
  private buffer = '';
  /** Offset of the buffer's first character in the whole text. */
  private bufferStart = 0;
  /** Where reading goes on, in the buffer. */
  private cursor = 0;
  /** Characters to receive before the next reading pass (an unfinished record waits). */
  private retryAt = 0;
  private phase: 'head' | 'list' | 'tail' | 'broken' = 'head';
  private layout: LayoutKind = 'unknown';
  private kind: ListKind = 'array';
  private expect: ListExpect = 'first';
  /** Whether the wrapper's closing brace has been read after the list ('records' layout). */
  private closed = false;
  private events = 0;
  /** Line breaks before the buffer, and characters since the last one. */
  private lineCount = 0;
  private column = 0;
  private readonly outcome: EventOutcome = { findings: [], suppressed: [], problems: [] };
  private readonly positions = new Map<number, Position>();

  /**
   * `step` is how much text is gathered between two reading passes (32 K characters by
   * default; memory holds a few times that, plus the longest record).
   */
  constructor(rules: readonly LoadedRule[], private readonly options: ScanOptions = {},
    private readonly step = STEP) {
    this.active = activeRules(rules);
    this.plans = this.active.map((loaded) => literalPlan(loaded.query));
  }

  /** Characters received so far. */
  get received(): number {
    return this.bufferStart + this.buffer.length + this.pending;
  }

  /** Takes the next piece of text; false once the text cannot be streamed (see above). */
  push(piece: string): boolean {
    if (this.phase === 'broken') return false;
    this.pieces.push(piece);
    this.pending += piece.length;
    if (this.pending >= (this.phase === 'head' ? HEAD : this.step)
      && this.received >= this.retryAt) {
      this.advance(false);
    }
    return this.streamable();
  }

  /** Ends the text; the result, or undefined when it could not be streamed. */
  end(): StreamOutcome | undefined {
    this.advance(true);
    if (this.phase === 'list' && this.kind === 'stream'
      && this.skip(this.cursor) === this.buffer.length) {
      this.phase = 'tail';
    }
    if (this.phase !== 'tail' || (this.layout === 'records' && !this.closed)) return undefined;

    const result: ScanResult = { layout: this.layout, events: this.events, ...this.outcome };
    const positions = this.positions;
    return {
      result,
      characters: this.received,
      positionAt(offset: number): Position {
        const position = positions.get(offset);
        if (position === undefined) throw new RangeError(`No position kept for ${offset}`);
        return position;
      },
    };
  }

  /** Reads what has arrived: the head first, then every complete record, then the tail. */
  private advance(ended: boolean): void {
    if (this.pieces.length > 0) {
      // One join makes a fresh flat string; reading a concatenation (or a slice) character by
      // character costs about twice as much.
      this.buffer = [this.buffer, ...this.pieces].join('');
      this.work.copied += this.buffer.length;
      this.work.held = Math.max(this.work.held, this.buffer.length);
      this.pieces.length = 0;
      this.pending = 0;
    }
    if (this.phase === 'head' && (this.buffer.length >= HEAD || ended)) this.startList();
    if (this.phase === 'list') this.readRecords(ended);
    if (this.phase === 'tail') this.readTail();
  }

  /** Decides the layout and finds where the list of records starts. */
  private startList(): void {
    const text = this.buffer;
    this.layout = detectLayout(text);
    const kind = listKindOf(this.layout);
    if (kind === undefined || this.layout === 'single') return this.break();
    this.kind = kind;

    let pos = skipWhitespace(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
    if (this.layout === 'records') {
      const match = /^\{\s*"Records"\s*:\s*\[/.exec(text.slice(pos, pos + 64));
      if (match === null) return this.break();
      pos += match[0].length;
    } else if (this.layout === 'array') {
      if (text.charCodeAt(pos) !== 91) return this.break();
      pos++;
    } else {
      // JSON Lines are told from one record by the first record ending within the head.
      const end = new RecordReader(text).read(pos);
      this.work.read += (end < 0 ? text.length : end) - pos;
      if (end < 0 || end >= HEAD - 1) return this.break();
    }
    this.cursor = pos;
    this.phase = 'list';
  }

  /** Reads the complete records after the cursor, evaluates them and lets their text go. */
  private readRecords(ended: boolean): void {
    const text = this.buffer;
    let reader: RecordReader | undefined;
    const events: LocatedEvent[] = [];
    const flags: number[] = [];

    for (;;) {
      const pos = this.skip(this.cursor);
      if (pos >= text.length) {
        // Whitespace up to the end is read: let it go (but a CR, whose LF may come next).
        this.cursor = text.charCodeAt(pos - 1) === CR ? Math.max(this.cursor, pos - 1) : pos;
        break;
      }
      if (this.kind === 'array') {
        const c = text.charCodeAt(pos);
        if (c === CLOSE_BRACKET && this.expect !== 'element') {
          this.cursor = pos + 1;
          this.phase = 'tail';
          break;
        }
        if (this.expect === 'separator') {
          if (c !== COMMA) return this.break();
          this.cursor = pos + 1;
          this.expect = 'element';
          continue;
        }
      }

      reader ??= new RecordReader(text);
      const end = reader.read(pos);
      this.work.read += (end < 0 ? text.length : end) - pos;
      if (end < 0) {
        if (!reader.endedEarly || ended || text.length - pos > MAX_RECORD) return this.break();

        // Read it again once the text after its start has doubled (or passed the limit).
        this.cursor = pos;
        this.retryAt = this.bufferStart + Math.min(2 * text.length - pos, pos + MAX_RECORD + 1);
        break;
      }
      events.push({ index: this.events + events.length, span: { start: pos, end },
        encoding: 'raw' });
      flags.push(reader.flags);
      this.cursor = end;
      this.expect = 'separator';
    }

    this.evaluate(events, Uint8Array.from(flags));
    this.release(this.cursor);
  }

  /** After the list: only whitespace, and the wrapper's closing brace, may follow. */
  private readTail(): void {
    const text = this.buffer;
    let pos = this.skip(this.cursor);
    if (pos < text.length && this.layout === 'records' && !this.closed
      && text.charCodeAt(pos) === CLOSE_BRACE) {
      this.closed = true;
      pos = this.skip(pos + 1);
    }
    if (pos < text.length) return this.break();

    this.cursor = text.charCodeAt(pos - 1) === CR ? Math.max(this.cursor, pos - 1) : pos;
    this.release(this.cursor);
  }

  /** The offset after the whitespace at `pos` in the buffer, counted as read. */
  private skip(pos: number): number {
    const text = this.buffer;
    const limit = Math.min(text.length, pos + SHORT_RUN);
    let end = pos;
    while (end < limit && isBlank(text.charCodeAt(end))) end++;
    if (end === pos + SHORT_RUN) {
      WHITESPACE_RUN.lastIndex = end;
      WHITESPACE_RUN.test(text);
      end = WHITESPACE_RUN.lastIndex;
    }
    this.work.read += end - pos;
    return end;
  }

  /** Evaluates the records read in one pass, moving their outcome to whole-text offsets. */
  private evaluate(events: LocatedEvent[], flags: Uint8Array): void {
    const text = this.buffer;
    this.events += events.length;
    if (events.length === 0 || this.active.length === 0) return;

    const parse = eventsToParse(text, events, flags, this.plans);
    let lines: LineIndex | undefined;
    for (let i = 0; i < events.length; i++) {
      if (parse[i] === 0) continue;
      const own: EventOutcome = { findings: [], suppressed: [], problems: [] };
      evaluateEvent(text, events[i], this.active, this.options, own);
      if (own.findings.length + own.suppressed.length + own.problems.length === 0) continue;

      // Positions are taken now, while the text is here; the outcome is kept as a copy that
      // does not hold on to the text (see detached).
      lines ??= new LineIndex(text);
      const moved = detached(movedOutcome(own, movedEvent(events[i], this.bufferStart, 0),
        this.bufferStart, 0));
      for (const f of [...own.findings, ...own.suppressed]) {
        this.keepPosition(lines, f.span.start);
        this.keepPosition(lines, f.span.end);
      }
      for (const p of own.problems) this.keepPosition(lines, p.offset);

      this.outcome.findings.push(...moved.findings);
      this.outcome.suppressed.push(...moved.suppressed);
      this.outcome.problems.push(...moved.problems);
    }
  }

  /** Remembers the whole-text position of a buffer offset. */
  private keepPosition(lines: LineIndex, offset: number): void {
    const at = lines.positionAt(offset);
    const character = at.line === 0 ? this.column + at.character : at.character;
    this.positions.set(this.bufferStart + offset, { line: this.lineCount + at.line, character });
  }

  /** Lets go of the buffer's first `count` characters (read and done with). */
  private release(count: number): void {
    // Line breaks as LineIndex counts them: \r\n, \n or a lone \r. The cut never falls
    // between \r and \n: it follows a record, a bracket, a brace, a comma or whitespace that
    // does not end with \r.
    const text = this.buffer;
    let breaks = 0;
    let lastBreakEnd = -1;
    let lf = text.indexOf('\n');
    let cr = text.indexOf('\r');
    while ((lf !== -1 && lf < count) || (cr !== -1 && cr < count)) {
      const at = cr === -1 || cr >= count || (lf !== -1 && lf < cr) ? lf : cr;
      const next = at === cr && lf === cr + 1 ? at + 2 : at + 1;
      breaks++;
      lastBreakEnd = next;
      if (lf !== -1 && lf < next) lf = text.indexOf('\n', next);
      if (cr !== -1 && cr < next) cr = text.indexOf('\r', next);
    }
    this.lineCount += breaks;
    this.column = breaks > 0 ? count - lastBreakEnd : this.column + count;

    this.buffer = this.buffer.slice(count);
    this.bufferStart += count;
    this.cursor -= count;
  }

  /** Whether the text can still be streamed (advance() may have found a flaw). */
  private streamable(): boolean {
    return this.phase !== 'broken';
  }

  private break(): void {
    this.phase = 'broken';
    this.buffer = '';
    this.pieces.length = 0;
  }
}

/** Whether a character is JSON whitespace. */
function isBlank(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/**
 * A deep copy of plain data (strings, numbers, arrays, objects) whose strings share no memory
 * with the strings they were cut from. V8 makes a substring of 13 or more characters a view
 * into its parent (a "sliced string"), so a finding's event ID, values and paths, all cut from
 * the reading buffer, would keep every buffer that held a finding alive until the scan ends:
 * about 8 MB per 25 MB file of the benchmark. Prefixing a character and cutting it off again
 * flattens the text into a string of its own. (V8 keeps the parent alive by design:
 * https://bugs.chromium.org/p/v8/issues/detail?id=2869.)
 */
function detached<T>(value: T): T {
  if (typeof value === 'string') return ` ${value}`.slice(1) as T;
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item: unknown) => detached(item)) as T;

  // Same prototype, and keys defined rather than assigned, so that a key named __proto__
  // (record data can hold one) stays an own property, as in the original.
  const copy = Object.create(Object.getPrototypeOf(value) as object | null) as object;
  for (const [key, item] of Object.entries(value)) {
    Object.defineProperty(copy, key, { value: detached(item), enumerable: true, writable: true,
      configurable: true });
  }
  return copy as T;
}
