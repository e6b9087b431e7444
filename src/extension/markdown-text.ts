// Escaping of untrusted text (log values, rule names) for VS Code's Markdown renderer. Every
// ASCII punctuation character is backslash-escaped, which CommonMark allows for all of them:
// that defeats emphasis, links, images, HTML, entities and the GFM autolinks of bare URLs
// (whose detection needs a literal "://" or "www."). Controls, bidi and zero-width characters
// become visible `\u{hex}` escapes (visibleText), so no value can reorder or hide hover text.
import { cutText, visibleText } from '../core/display-text';

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/g;
/** Line breaks and tabs are whitespace a reader expects; on one line they read as a space. */
const WHITESPACE_BREAKS = /\r\n|[\t\r\n\u2028\u2029]/g;

/** Makes text render literally on one line, cut to maxLength characters (with an ellipsis). */
export function escapeMarkdown(text: string, maxLength = 300): string {
  const flat = text.replace(WHITESPACE_BREAKS, ' ');
  const shown = visibleText(cutText(flat, maxLength));
  return shown.replace(ASCII_PUNCTUATION, (character) => '\\' + character);
}
