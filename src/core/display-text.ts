// Untrusted text (log values, rule text, file names) made safe to show to a person: in a
// terminal, a hover, the Problems panel, a tree or a title. Characters that act instead of
// showing (C0 and C1 controls, whose ESC and CSI start terminal escape sequences), that reorder
// text (bidi controls), that hide (zero-width and other default-ignorable characters, tags) or
// that are half a character (unpaired surrogates) are written as visible `\u{hex}` escapes.
// Letters, accents, CJK and emoji, including their joiners and variation selectors, stay as
// they are. The escapes are idempotent (a backslash is never escaped), so every layer may apply
// them; the price is that a value holding the literal text `\u{1b}` reads like one holding ESC,
// which shows nothing hidden either way. Exports that must keep exact values (JSON, SARIF, CSV)
// do not use this.

/**
 * Code points that never show as themselves: controls (Cc, with C1 and DEL), format characters
 * (Cf: bidi marks, embeddings and isolates, zero-width space and joiners, soft hyphen, word
 * joiner, BOM, tags), unpaired surrogates (Cs), the line and paragraph separators, and the
 * Unicode Default_Ignorable_Code_Point set (variation selectors, Hangul fillers, the combining
 * grapheme joiner), which renderers draw as nothing.
 */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/gu;

/** One such code point, tested on its own. */
const HIDDEN_ONE = new RegExp(`^${HIDDEN.source}$`, 'u');

const ZWNJ = 0x200c;
const ZWJ = 0x200d;
const VS16 = 0xfe0f;
const KEYCAP = 0x20e3;
const BLACK_FLAG = 0x1f3f4;
const FIRST_TAG = 0xe0020;
const CANCEL_TAG = 0xe007f;
/** The longest tag run kept in a flag (RGI flags have five tags and the cancel tag). */
const MAX_FLAG_TAGS = 16;

/** What a joiner may stand between: letters and marks of non-Latin scripts, and emoji. */
const JOINABLE = /^[\p{L}\p{M}\p{Extended_Pictographic}\p{Emoji_Modifier}]$/u;
/** Joiners have no use in Latin text, where they only hide a difference between two names. */
const LATIN = /^[\p{ASCII}\p{Script=Latin}]$/u;
/** What a variation selector may follow: a visible non-ASCII letter, digit, symbol or mark. */
const SELECTABLE = /^[\p{L}\p{N}\p{S}\p{P}]$/u;
const KEYCAP_BASE = /^[0-9#*]$/;

/** Writes every control, bidi, invisible or unpaired character of text as a `\u{hex}` escape. */
export function visibleText(text: string): string {
  return text.replace(HIDDEN, (character: string, offset: number) =>
    (keptInContext(character, offset, text) ? character : escapeCodePoint(character)));
}

/** The `\u{hex}` escape of one code point (or unpaired surrogate), hex in lower case. */
export function escapeCodePoint(character: string): string {
  return `\\u{${(character.codePointAt(0) ?? 0).toString(16)}}`;
}

/**
 * Cuts text to at most maxLength UTF-16 units and appends the marker when it was cut. The cut
 * falls on a grapheme boundary (never inside a surrogate pair, an emoji sequence or a letter
 * with its accents), falling back to a code point boundary when one grapheme is longer than the
 * window looked at, and never inside a `\u{hex}` escape that visibleText wrote.
 */
export function cutText(text: string, maxLength: number, marker = '\u2026'): string {
  if (text.length <= maxLength) return text;

  let end = graphemeBoundaryBefore(text, maxLength);
  if (end === 0) end = codePointBoundaryBefore(text, maxLength);
  end = escapeStartAround(text, end);
  return text.slice(0, end) + marker;
}

let segmenter: Intl.Segmenter | undefined;

/** How far before the limit grapheme boundaries are looked for. */
const GRAPHEME_WINDOW = 64;

/** The last grapheme boundary at or before `limit`; 0 when none is found near it. */
function graphemeBoundaryBefore(text: string, limit: number): number {
  // between two ASCII characters there is always a boundary, except inside CR LF
  const before = text.charCodeAt(limit - 1);
  const at = text.charCodeAt(limit);
  if (before < 0x80 && at < 0x80) return before === 0x0d && at === 0x0a ? limit - 1 : limit;

  // Boundaries near the end of a window are those of the whole text, so one code point past
  // the limit is enough to know whether the limit itself is a boundary.
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const from = Math.max(0, limit - GRAPHEME_WINDOW);
  let boundary = 0;
  for (const { index, segment } of segmenter.segment(text.slice(from, limit + 2))) {
    const end = from + index + segment.length;
    if (end > limit) break;
    boundary = end;
  }
  return boundary;
}

/** `limit`, or one less when it would split a surrogate pair. */
function codePointBoundaryBefore(text: string, limit: number): number {
  const high = text.charCodeAt(limit - 1);
  const low = text.charCodeAt(limit);
  const splitsPair = high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff;
  return splitsPair ? limit - 1 : limit;
}

/** `end`, or the start of the `\u{hex}` escape that `end` would cut in two. */
function escapeStartAround(text: string, end: number): number {
  const start = text.lastIndexOf('\\u{', end - 1);
  if (start < 0 || end - start > 10) return end;

  const close = text.indexOf('}', start);
  const isEscape = close >= end && /^\\u\{[0-9a-f]{1,6}\}$/.test(text.slice(start, close + 1));
  return isEscape ? start : end;
}

/**
 * Joiners, variation selectors and tags that build an emoji or shape a script are kept. Each
 * is kept only next to characters that are shown as they are (or kept by the same rules), so
 * that a second pass decides the same way: that is what makes visibleText idempotent.
 */
function keptInContext(character: string, offset: number, text: string): boolean {
  const code = character.codePointAt(0) ?? 0;
  const after = offset + character.length;

  if (code === ZWJ || code === ZWNJ) {
    const before = codePointBefore(text, offset);
    const joinsAfterSelector = before !== undefined && isVariationSelector(before) &&
      keptSelector(before, offset - String.fromCodePoint(before).length, text);
    return (joinsAfterSelector || joinable(before)) && joinable(text.codePointAt(after));
  }

  if (isVariationSelector(code)) return keptSelector(code, offset, text);
  if (code >= FIRST_TAG && code <= CANCEL_TAG) return inFlagSequence(text, offset);
  return false;
}

function isVariationSelector(code: number): boolean {
  return (code >= 0xfe00 && code <= 0xfe0f) || (code >= 0xe0100 && code <= 0xe01ef);
}

/** A selector right after a shown non-ASCII character, or VS16 in a keycap ("1", VS16, U+20E3). */
function keptSelector(code: number, offset: number, text: string): boolean {
  const base = codePointBefore(text, offset);
  if (base === undefined || hidden(base)) return false;

  const baseText = String.fromCodePoint(base);
  if (base > 0x7f && SELECTABLE.test(baseText)) return true;
  const next = text.codePointAt(offset + String.fromCodePoint(code).length);
  return code === VS16 && KEYCAP_BASE.test(baseText) && next === KEYCAP;
}

/**
 * Whether the tag at offset belongs to a flag: U+1F3F4, then tags, then one cancel tag at the
 * end. The whole run of tags around the offset is measured, so all tags of a run are decided
 * alike; a run longer than a flag's is escaped, which also bounds the work per tag.
 */
function inFlagSequence(text: string, offset: number): boolean {
  // the run of tags around the offset (tags are astral: two UTF-16 units each)
  let start = offset;
  while (offset - start <= 2 * MAX_FLAG_TAGS && isTag(codePointBefore(text, start))) start -= 2;
  let end = offset;
  while (end - start <= 2 * MAX_FLAG_TAGS && isTag(text.codePointAt(end))) end += 2;
  const tags = (end - start) / 2;
  if (tags < 2 || tags > MAX_FLAG_TAGS || codePointBefore(text, start) !== BLACK_FLAG) {
    return false;
  }

  // one cancel tag, the last
  for (let at = start; at < end - 2; at += 2) {
    if (text.codePointAt(at) === CANCEL_TAG) return false;
  }
  return text.codePointAt(end - 2) === CANCEL_TAG;
}

function isTag(code: number | undefined): boolean {
  return code !== undefined && code >= FIRST_TAG && code <= CANCEL_TAG;
}

function hidden(code: number): boolean {
  return HIDDEN_ONE.test(String.fromCodePoint(code));
}

function joinable(code: number | undefined): boolean {
  if (code === undefined || hidden(code)) return false;
  const character = String.fromCodePoint(code);
  return JOINABLE.test(character) && !LATIN.test(character);
}

/** The code point that ends just before `offset`, a whole surrogate pair when there is one. */
function codePointBefore(text: string, offset: number): number | undefined {
  if (offset === 0) return undefined;
  const low = text.charCodeAt(offset - 1);
  if (low >= 0xdc00 && low <= 0xdfff && offset >= 2) {
    const high = text.charCodeAt(offset - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.codePointAt(offset - 2);
  }
  return low;
}

/**
 * visibleText for text of several lines: line feeds and tabs, which a reader expects and which
 * lay out a <pre> block, stay; a CR of a CRLF pair goes; every other hidden character is
 * escaped. The pieces between line feeds and tabs are escaped alone, with the same result as
 * a whole pass, since visibleText keeps no joiner or selector next to a control.
 */
export function visibleLines(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(/[^\n\t]+/g, (piece) => visibleText(piece));
}
