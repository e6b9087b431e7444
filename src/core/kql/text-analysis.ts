// An approximation of Elasticsearch's `standard` analyzer, for fields of type `text`: words
// (letters, marks, digits and underscores, joined across an inner `.` or `'` as Unicode word
// segmentation mostly does), lower-cased. No CloudTrail rule queries a text field; this keeps
// such clauses meaningful without claiming to reproduce Unicode word segmentation exactly.

const WORD = /[\p{L}\p{M}\p{N}_]+(?:['.][\p{L}\p{M}\p{N}_]+)*/gu;

/** The tokens the standard analyzer would roughly produce for `text`. */
export function analyzeText(text: string): string[] {
  return (text.match(WORD) ?? []).map((t) => t.toLowerCase());
}

/** Whether the query tokens occur in `tokens` one after the other (a phrase). */
export function containsPhrase(tokens: readonly string[], phrase: readonly string[]): boolean {
  if (phrase.length === 0) return false;

  for (let i = 0; i + phrase.length <= tokens.length; i++) {
    let j = 0;
    while (j < phrase.length && tokens[i + j] === phrase[j]) j++;
    if (j === phrase.length) return true;
  }
  return false;
}
