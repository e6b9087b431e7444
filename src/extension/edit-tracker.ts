// Follows the edits made to a document since its last analysis, as one covering edit of the
// analysed text, so that the engine can re-read only what changed (core/fast/incremental).
// Pure: no vscode import.
import type { TextEdit } from '../core/fast/incremental-scanner';

/** One change as VS Code reports it: offsets into the text before the event's changes. */
export interface ContentChange {
  rangeOffset: number;
  rangeLength: number;
  text: string;
}

/** The edits since one analysed version of a document. */
export class EditTracker {
  /** The covering edit of the analysed text, or undefined when nothing changed yet. */
  private edit: TextEdit | undefined;
  /** False once an edit could not be followed: the next analysis must read everything. */
  private followable = true;

  /**
   * @param baseVersion the document version that was analysed
   * @param baseLength that version's text length
   */
  constructor(readonly baseVersion: number, private readonly baseLength: number,
    private currentLength = baseLength, private currentVersion = baseVersion) {}

  /** Records one change event that took the document to `version`. */
  record(changes: readonly ContentChange[], version: number): void {
    if (version !== this.currentVersion + 1 || changes.length === 0) {
      this.followable = false;
      return;
    }

    // Changes of one event all refer to the text before the event: merge them into one edit.
    const start = Math.min(...changes.map((c) => c.rangeOffset));
    const oldEnd = Math.max(...changes.map((c) => c.rangeOffset + c.rangeLength));
    const delta = changes.reduce((sum, c) => sum + c.text.length - c.rangeLength, 0);
    const step: TextEdit = { offset: start, removed: oldEnd - start,
      inserted: oldEnd - start + delta };

    this.edit = this.edit === undefined ? step : composeEdits(this.edit, step);
    this.currentLength += delta;
    this.currentVersion = version;
  }

  /** The covering edit from the analysed text to the text of `version`, if it can be followed. */
  editTo(version: number, length: number): TextEdit | undefined {
    if (!this.followable || version !== this.currentVersion || length !== this.currentLength) {
      return undefined;
    }
    return this.edit ?? { offset: 0, removed: 0, inserted: 0 };
  }
}

/**
 * One edit equal to `first` (on text A, giving B) followed by `second` (on B, giving C): the
 * span of A that both touched, replaced by what C holds there.
 */
export function composeEdits(first: TextEdit, second: TextEdit): TextEdit {
  const firstDelta = first.inserted - first.removed;

  // Map the second edit's span back to A: inside the first edit's insertion it maps onto the
  // first edit's removed span; after it, it shifts back by the first delta.
  const toA = (offset: number, isEnd: boolean): number => {
    if (offset < first.offset) return offset;
    if (offset > first.offset + first.inserted) return offset - firstDelta;
    return isEnd ? first.offset + first.removed : first.offset;
  };

  const start = Math.min(first.offset, toA(second.offset, false));
  const oldEnd = Math.max(first.offset + first.removed, toA(second.offset + second.removed, true));
  const removed = oldEnd - start;
  return { offset: start, removed, inserted: removed + firstDelta + second.inserted
    - second.removed };
}
