// Re-indents JSON text for display without parsing its values, so that numbers keep their
// source text (JSON.parse would round 64-bit ids) and key order and duplicates stay visible.

const INDENT = '  ';

/** The text re-indented two spaces per level; text that is not JSON comes back readable. */
export function prettyJson(text: string): string {
  const out: string[] = [];
  let depth = 0;
  let i = 0;

  // Pending line break, written only before the next token, so empty {} and [] stay compact.
  let breakPending = false;
  const newline = (): void => {
    out.push('\n', INDENT.repeat(Math.max(depth, 0)));
  };

  while (i < text.length) {
    const ch = text[i];

    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      i += 1;
      continue;
    }

    if (ch === '}' || ch === ']') {
      depth -= 1;
      if (!breakPending) newline();
      breakPending = false;
      out.push(ch);
      i += 1;
      continue;
    }

    if (breakPending) newline();
    breakPending = false;

    if (ch === '"') {
      const end = stringEnd(text, i);
      out.push(text.slice(i, end));
      i = end;
    } else if (ch === '{' || ch === '[') {
      out.push(ch);
      depth += 1;
      breakPending = true;
      i += 1;
    } else if (ch === ',') {
      out.push(',');
      breakPending = true;
      i += 1;
    } else if (ch === ':') {
      out.push(': ');
      i += 1;
    } else {
      const end = scalarEnd(text, i);
      out.push(text.slice(i, end));
      i = end;
    }
  }
  return out.join('');
}

/** End (exclusive) of the string token starting at `start`; the text's end if unterminated. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === '\\') {
      i += 2;
    } else if (text[i] === '"') {
      return i + 1;
    } else {
      i += 1;
    }
  }
  return text.length;
}

/** End of a number, literal or stray run of characters. */
function scalarEnd(text: string, start: number): number {
  let i = start;
  while (i < text.length && !/[\s,:{}[\]"]/.test(text[i])) i += 1;
  return Math.max(i, start + 1);
}
