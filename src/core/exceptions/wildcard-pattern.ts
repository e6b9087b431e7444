// The value syntax of the `matches` / `does not match` operators. Kibana sends the value as an
// Elasticsearch `wildcard` query, whose syntax is Lucene's: `*` matches zero or more characters,
// `?` exactly one, a backslash makes the next character literal, and matching is anchored at both
// ends and case-sensitive. Elastic's docs ask for `\\`, `\*` and `\?` to match a literal
// backslash, asterisk or question mark (docs/detections/add-exceptions.asciidoc in
// elastic/security-docs, pull request #7049). Lucene's WildcardQuery also keeps a trailing lone
// backslash as a literal backslash; so do we.

type Token = { kind: 'literal'; codePoint: string } | { kind: 'one' } | { kind: 'many' };

/** A compiled wildcard pattern. */
export interface WildcardPattern {
  /** Whether the whole text matches the pattern. */
  test(text: string): boolean;
  /** True when the pattern has at least one unescaped `*` or `?`. */
  hasWildcards: boolean;
}

/** Compiles an Elastic `matches` value into a matcher. */
export function compileWildcard(pattern: string): WildcardPattern {
  const tokens = tokenize(pattern);
  const hasWildcards = tokens.some((t) => t.kind !== 'literal');
  return { hasWildcards, test: (text) => matchTokens(tokens, Array.from(text)) };
}

function tokenize(pattern: string): Token[] {
  const chars = Array.from(pattern);
  const tokens: Token[] = [];

  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === '\\' && i + 1 < chars.length) {
      i++;
      tokens.push({ kind: 'literal', codePoint: chars[i] });
    } else if (c === '*') {
      // consecutive stars mean the same as one, and fewer stars make the matcher faster
      if (tokens[tokens.length - 1]?.kind !== 'many') tokens.push({ kind: 'many' });
    } else if (c === '?') {
      tokens.push({ kind: 'one' });
    } else {
      tokens.push({ kind: 'literal', codePoint: c });
    }
  }
  return tokens;
}

// Greedy matching that backtracks only to the last star: O(text x pattern) in the worst case,
// where a regular expression with several `.*` could take polynomial time of high degree on the
// long values CloudTrail produces (request parameters up to 8,191 characters are searchable).
function matchTokens(tokens: Token[], text: string[]): boolean {
  let p = 0;
  let t = 0;
  let starP = -1;
  let starT = 0;

  while (t < text.length) {
    const token = tokens[p];
    if (token !== undefined && (token.kind === 'one'
      || (token.kind === 'literal' && token.codePoint === text[t]))) {
      p++;
      t++;
    } else if (token !== undefined && token.kind === 'many') {
      starP = p;
      starT = t;
      p++;
    } else if (starP >= 0) {
      p = starP + 1;
      starT++;
      t = starT;
    } else {
      return false;
    }
  }

  while (tokens[p]?.kind === 'many') p++;
  return p === tokens.length;
}
