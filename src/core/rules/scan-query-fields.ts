// A quick look at which fields a KQL query names and whether it gives them wildcard values,
// read straight from the text. It is enough to warn about enrichment and keyed flattened
// wildcards before the KQL parser exists; the support check will later take the fields from
// the parsed query instead (classifySupport's `queryFields`).

/** One `field: value` (or `field: (a or b)`) clause found in the query text. */
export interface QueryFieldUse {
  field: string;
  /** Offset of the field name in the query. */
  offset: number;
  /** True when an unquoted value holds a `*` and is not the bare `*` of an existence test. */
  wildcardValue: boolean;
}

const FIELD_CHAR = /[A-Za-z0-9_@.*-]/;

/** Lists the fields a KQL query compares, in text order, with whether any value is a pattern. */
export function scanQueryFields(query: string): QueryFieldUse[] {
  const uses: QueryFieldUse[] = [];
  let i = 0;

  while (i < query.length) {
    const c = query[i];

    // quoted text is a value (or a quoted field name); it never names an unquoted field
    if (c === '"') {
      i = skipQuoted(query, i);
      continue;
    }
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (!FIELD_CHAR.test(c)) {
      i++;
      continue;
    }

    // read a word, then see whether a colon follows it
    const start = i;
    while (i < query.length && FIELD_CHAR.test(query[i])) i++;
    const word = query.slice(start, i);
    let j = i;
    while (j < query.length && /\s/.test(query[j])) j++;
    if (query[j] !== ':' || query[i] === '\\') continue;

    const valueEnd = valueExtent(query, j + 1);
    uses.push({
      field: word,
      offset: start,
      wildcardValue: hasWildcardValue(query.slice(j + 1, valueEnd)),
    });
    i = j + 1;
  }
  return uses;
}

// Index just past a closing double quote, honouring backslash escapes.
function skipQuoted(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return i + 1;
}

// Where the value after a colon ends: a whole parenthesised list, or one unquoted or quoted
// term. A value never holds an unescaped colon or brace (KQL reads those as a field or a
// nested query), so the extent stops there: otherwise `a:{a:{a:{…` or `a:(a:(a:(…` would make
// every field's value run to the end of the query, and the scan cost the square of its length.
function valueExtent(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text[i])) i++;

  if (text[i] === '"') return skipQuoted(text, i);
  if (text[i] === '(') {
    let depth = 0;
    while (i < text.length) {
      if (text[i] === '"') {
        i = skipQuoted(text, i);
        continue;
      }
      if (text[i] === '\\') {
        i += 2;
        continue;
      }
      if (text[i] === ':' || text[i] === '{') return i;
      if (text[i] === '(') depth++;
      if (text[i] === ')') depth--;
      i++;
      if (depth === 0) break;
    }
    return i;
  }
  while (i < text.length && !/[\s():{}]/.test(text[i])) i += text[i] === '\\' ? 2 : 1;
  return i;
}

// True when an unquoted term of the value holds an unescaped `*` and is more than a lone `*`.
function hasWildcardValue(value: string): boolean {
  const terms = value.replace(/"(?:[^"\\]|\\.)*"/g, ' ').split(/[\s()]+/);

  return terms.some((term) => {
    if (term === '' || term === '*' || /^(?:and|or|not)$/i.test(term)) return false;
    return /(?:^|[^\\])(?:\\\\)*\*/.test(term);
  });
}
