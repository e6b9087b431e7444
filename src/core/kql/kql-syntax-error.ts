// The error a KQL query that does not parse raises: a message, the offset of the problem in
// the query, and a rendering that shows the query line with a caret under that offset.

/** A zero-based line and column (UTF-16 code units) inside the query text. */
export interface QueryLocation {
  line: number;
  column: number;
}

/** A query that does not parse: `offset` is where, in UTF-16 code units of `query`. */
export class KqlSyntaxError extends Error {
  override readonly name = 'KqlSyntaxError';

  constructor(message: string, readonly offset: number, readonly query = '') {
    super(message);
  }

  /** Where the offset sits in the query, counting lines from 0 (rules hold multi-line queries). */
  location(): QueryLocation {
    return locateOffset(this.query, this.offset);
  }

  /** The line of the query holding the problem, and a caret under the offending character. */
  caret(): string {
    return renderCaret(this.query, this.offset);
  }

  /** Message, position and caret rendering, ready to print. */
  format(): string {
    const { line, column } = this.location();
    return `KQL syntax error at line ${line + 1}, column ${column + 1}: ${this.message}\n`
      + this.caret();
  }
}

// Counts lines the way editors do: CR LF, LF and a lone CR each end a line.
function locateOffset(text: string, offset: number): QueryLocation {
  let line = 0;
  let lineStart = 0;

  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }

  return { line, column: offset - lineStart };
}

/** Render `text` around `offset`: the line holding it, then a caret under the offset. */
export function renderCaret(text: string, offset: number): string {
  const { column } = locateOffset(text, offset);
  const lineStart = offset - column;
  let lineEnd = lineStart;
  while (lineEnd < text.length && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++;
  const line = text.slice(lineStart, lineEnd);

  // Keep tabs in the pointer line so that the caret lines up however tabs are displayed.
  let pad = '';
  for (let i = 0; i < column; i++) pad += line[i] === '\t' ? '\t' : ' ';

  return `${line}\n${pad}^`;
}
