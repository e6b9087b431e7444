// A forward cache of "where is the next X at or after here". The scanner asks for the next
// line break, tab or backslash once per string; remembering the last answer makes each
// occurrence cost one native indexOf, so the text is searched about once per character kind
// instead of once per string.

/** Remembers the last indexOf answer so that forward queries reuse it. */
export class NextChar {
  private searchedFrom = 0;
  private found = -2;

  constructor(private readonly text: string, private readonly ch: string) {}

  /** The first occurrence at or after `pos`, or -1 when none follows. */
  at(pos: number): number {
    const found = this.found;

    // The last answer still holds when pos lies between where we searched and what we found
    // (or anywhere after the search start when nothing was found).
    if (found !== -2 && pos >= this.searchedFrom && (found === -1 || pos <= found)) {
      return found;
    }

    this.searchedFrom = pos;
    this.found = this.text.indexOf(this.ch, pos);
    return this.found;
  }
}
