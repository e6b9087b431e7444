// Whole-value wildcard matching with `*` as the only wildcard, the way Elasticsearch's
// `wildcard` query treats a KQL pattern on a keyword field: anchored at both ends,
// case-sensitive, `*` matching any run of characters (none, and line breaks included).
//
// Greedy and linear: with `*` as the only wildcard, taking the leftmost occurrence of each
// middle part is always safe (a later part can only gain room), so one left-to-right pass of
// substring searches decides the match. No regular expression, hence no backtracking blow-up.

/** A compiled pattern: the literal parts between the stars (one part: no star, exact text). */
export interface WildcardPattern {
  readonly parts: readonly string[];
}

/** Compile the parts between unescaped `*` (as the parser gives them) into a pattern. */
export function compileWildcard(parts: readonly string[]): WildcardPattern {
  if (parts.length === 0) throw new Error('A wildcard pattern has at least one part');
  return { parts: [...parts] };
}

/** Build a pattern from text in which every `*` is a wildcard (no escapes). */
export function wildcardFromText(text: string): WildcardPattern {
  return compileWildcard(text.split('*'));
}

/** Whether `text` matches the pattern as a whole. */
export function matchesWildcard(pattern: WildcardPattern, text: string): boolean {
  const { parts } = pattern;
  if (parts.length === 1) return text === parts[0];
  const head = parts[0];
  const tail = parts[parts.length - 1];

  // The fixed ends must fit without overlapping.
  if (head.length + tail.length > text.length) return false;
  if (!text.startsWith(head) || !text.endsWith(tail)) return false;

  // Middle parts, leftmost first, between the head and the reserved tail.
  let from = head.length;
  const limit = text.length - tail.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const part = parts[i];
    if (part === '') continue;
    const at = text.indexOf(part, from);
    if (at < 0 || at + part.length > limit) return false;
    from = at + part.length;
  }
  return true;
}

/** The literal texts a matching value must contain (non-empty parts only). */
export function wildcardLiterals(pattern: WildcardPattern): string[] {
  return pattern.parts.filter((p) => p !== '');
}
