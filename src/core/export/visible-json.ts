// JSON text for people as well as programs. The JSON and SARIF exports keep every value
// exactly, yet they are read in terminals and viewers too: besides the C0 controls that
// JSON.stringify escapes, every character that visibleText would not show as itself (DEL, the
// C1 controls such as CSI, bidi controls, zero-width characters, U+2028 and U+2029, tags) is
// written as a \uXXXX escape, which any JSON parser reads back as the same character.
import { visibleText } from '../display-text';

/** A `\u{hex}` escape as visibleText writes it. */
const SHOWN_ESCAPE = /\\u\{([0-9a-f]{1,6})\}/g;
/** The runs of JSON text between backslashes and line feeds. */
const BETWEEN_ESCAPES = /[^\\\n]+/g;
/** Text that is printable ASCII (and line feeds) only has nothing to escape. */
const ONLY_ASCII = /^[\n\x20-\x7e]*$/;

/** JSON.stringify with two-space indentation and hidden characters escaped (see above). */
export function visibleJson(value: unknown): string {
  return escapeHiddenInJson(JSON.stringify(value, null, 2));
}

/**
 * Writes the hidden characters of JSON.stringify's output as \uXXXX escapes (a surrogate pair
 * of them above U+FFFF), so that the parsed value is unchanged. visibleText decides which
 * characters are hidden, so emoji sequences stay as they are. It runs on the text between
 * backslashes and line feeds: there every `\u{hex}` in its result is one it wrote, and its
 * decisions are those of a whole pass, since it keeps no joiner or selector next to either.
 * In JSON.stringify's output hidden characters occur only inside strings, never after a
 * backslash, and line feeds only between values, so each escape lands inside a string.
 */
export function escapeHiddenInJson(json: string): string {
  if (ONLY_ASCII.test(json)) return json;
  return json.replace(BETWEEN_ESCAPES, (run) =>
    visibleText(run).replace(SHOWN_ESCAPE, (_, hex: string) => jsonEscape(parseInt(hex, 16))));
}

/** The JSON escape of one code point, lower-case hex as JSON.stringify writes it. */
function jsonEscape(code: number): string {
  const units = String.fromCodePoint(code);
  let escaped = '';
  for (let i = 0; i < units.length; i++) {
    escaped += `\\u${units.charCodeAt(i).toString(16).padStart(4, '0')}`;
  }
  return escaped;
}
