// What the CLI writes to stderr: the progress of long scans, only when stderr is a terminal
// (never in pipes or CI logs), and warning and error lines. File names, rule text and messages
// are third-party text, so everything goes through visibleText: an ESC or CSI in a file name
// cannot drive the terminal, a newline cannot forge a line, and bidi or zero-width characters
// cannot reorder or hide what a line says.
import { visibleLines, visibleText } from '../core/display-text';

/** What the CLI writes to: process.stderr, or a stand-in in tests. */
export interface TextOutput {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** Room for the file name on the progress line. */
const NAME_WIDTH = 60;
/** How far before a cut grapheme boundaries are looked for. */
const GRAPHEME_WINDOW = 64;
/** One `\\u{hex}` escape as visibleText writes it. */
const ESCAPE = /^\\u\{[0-9a-f]{1,6}\}$/;

let segmenter: Intl.Segmenter | undefined;

/** Writes one line to stderr (or `stream`) with its hidden characters made visible. */
export function warn(line: string, stream: TextOutput = process.stderr): void {
  stream.write(`${visibleText(line)}\n`);
}

/** Output of several lines (commander's usage errors), each line made visible on its own. */
export function visibleOutput(text: string): string {
  return visibleLines(text);
}

/** Shows "[n/total] file" and throughput on one rewritten terminal line. */
export class Progress {
  private readonly enabled: boolean;
  private index = 0;
  private bytes = 0;
  private readonly started = Date.now();

  constructor(private readonly total: number,
    private readonly stream: TextOutput = process.stderr) {
    this.enabled = stream.isTTY === true && total > 0;
  }

  /** Announces the file about to be scanned. */
  start(path: string): void {
    this.index += 1;
    if (!this.enabled) return;

    const seconds = (Date.now() - this.started) / 1000;
    const rate = seconds > 0 ? ` ${(this.bytes / 1e6 / seconds).toFixed(1)} MB/s` : '';
    this.stream.write(`\r\x1b[K[${this.index}/${this.total}]${rate} ${shownName(path)}`);
  }

  /** Counts the characters of a scanned file, for the throughput figure. */
  done(characters: number): void {
    this.bytes += characters;
  }

  /** Writes a warning line, clearing the progress line first so that the two do not mix. */
  warn(line: string): void {
    if (this.enabled) this.stream.write('\r\x1b[K');
    warn(line, this.stream);
  }

  /** Clears the progress line. */
  finish(): void {
    if (this.enabled) this.stream.write('\r\x1b[K');
  }
}

/** The file name made visible, and its end only when it is too long for the line. */
export function shownName(path: string): string {
  const shown = visibleText(path);
  return shown.length <= NAME_WIDTH ? shown : `\u2026${tailOf(shown, NAME_WIDTH - 1)}`;
}

/**
 * The last at most maxLength UTF-16 units of text, starting on a grapheme boundary (never in a
 * surrogate pair or an emoji sequence) and never inside a `\u{hex}` escape of visibleText.
 */
function tailOf(text: string, maxLength: number): string {
  const cut = text.length - maxLength;

  // the first grapheme boundary at or after the cut; past a lone low surrogate when one long
  // grapheme runs from before the cut to the end
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const from = Math.max(0, cut - GRAPHEME_WINDOW);
  let start: number | undefined;
  for (const { index } of segmenter.segment(text.slice(from))) {
    if (from + index < cut) continue;
    start = from + index;
    break;
  }
  start ??= isLowSurrogate(text.charCodeAt(cut)) ? cut + 1 : cut;

  // past an escape that the cut would split
  const escape = text.lastIndexOf('\\u{', start - 1);
  const close = escape < 0 ? -1 : text.indexOf('}', escape);
  if (close >= start && ESCAPE.test(text.slice(escape, close + 1))) start = close + 1;
  return text.slice(start);
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
