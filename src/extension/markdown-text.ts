// Escaping of untrusted text (log values, rule names) for VS Code's Markdown renderer. Every
// ASCII punctuation character is backslash-escaped, which CommonMark allows for all of them:
// that defeats emphasis, links, images, HTML, entities and the GFM autolinks of bare URLs
// (whose detection needs a literal "://" or "www.").

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/g;
const LINE_BREAKS = /\r\n|[\r\n\u2028\u2029]/g;
const ELLIPSIS = '\u2026';

/** Makes text render literally on one line, cut to maxLength characters (with an ellipsis). */
export function escapeMarkdown(text: string, maxLength = 300): string {
  const flat = text.replace(LINE_BREAKS, ' ');
  const cut = flat.length > maxLength ? flat.slice(0, maxLength) + ELLIPSIS : flat;
  return cut.replace(ASCII_PUNCTUATION, (character) => '\\' + character);
}
