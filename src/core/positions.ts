// Offsets to zero-based line/character positions and back, counted the way VS Code counts:
// UTF-16 code units, and a line ends at \r\n, \n or a lone \r. The line starts are found with
// indexOf (fast on a 50 MB text) and looked up by binary search.
import type { Position, Range, Span } from './types';

/** Line starts of one text, for offset <-> position conversions in both directions. */
export class LineIndex {
  /** Offset where each line starts; lineStarts[0] is 0. */
  private readonly lineStarts: number[];
  /** Offset where each line's content ends (before its line break). */
  private readonly lineEnds: number[];

  constructor(private readonly text: string) {
    this.lineStarts = [0];
    this.lineEnds = [];

    // Take the nearer of the next \n and the next \r each time; a \r directly followed by \n
    // is one break.
    let lf = text.indexOf('\n');
    let cr = text.indexOf('\r');
    while (lf !== -1 || cr !== -1) {
      const at = cr === -1 || (lf !== -1 && lf < cr) ? lf : cr;
      const breakLength = at === cr && lf === cr + 1 ? 2 : 1;
      this.lineEnds.push(at);
      this.lineStarts.push(at + breakLength);

      const next = at + breakLength;
      if (lf !== -1 && lf < next) lf = text.indexOf('\n', next);
      if (cr !== -1 && cr < next) cr = text.indexOf('\r', next);
    }
    this.lineEnds.push(text.length);
  }

  /** How many lines the text has (an empty text has one). */
  get lineCount(): number {
    return this.lineStarts.length;
  }

  /**
   * The position of `offset` (clamped to the text). An offset inside a line break maps to the
   * end of that line's content, as VS Code's TextDocument.positionAt does.
   */
  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(Math.floor(offset), this.text.length));
    const line = this.lineOf(clamped);
    const start = this.lineStarts[line];
    return { line, character: Math.min(clamped, this.lineEnds[line]) - start };
  }

  /** The offset of `position`; lines and characters past the end are clamped, as VS Code does. */
  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineCount) return this.text.length;

    const start = this.lineStarts[position.line];
    const end = this.lineEnds[position.line];
    return Math.max(start, Math.min(start + Math.max(0, position.character), end));
  }

  /** The range of a span. */
  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }

  /** The line that holds `offset`: the last line starting at or before it. */
  private lineOf(offset: number): number {
    const starts = this.lineStarts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if (starts[mid] <= offset) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return low;
  }
}
