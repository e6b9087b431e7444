// A text in no layout that holds events (or a digest file) is still read to its end, so that
// one that is not JSON says so: plain text, CSV, a damaged or cut document, a bad line of JSON
// Lines. JSON that simply is not CloudTrail ({"x": 1}, [1,2], a digest) passes silently. The
// text is read as the locator reads every layout: JSON values one after another (JSON Lines,
// concatenated documents), so whatever locate accepts elsewhere is accepted here too.
import type { TextProblem } from '../types';
import { JsonScanner } from './json-scanner';

const BOM = 0xfeff;

/** Said of a text whose first character cannot start JSON: it is probably another format. */
const FORMATS_READ = 'CloudTrail Lens reads JSON, JSON Lines and their gzip files';

// The problem of a text that has no events to locate: none when it is JSON, one otherwise.
export function jsonTextProblems(text: string): TextProblem[] {
  const scanner = new JsonScanner(text);
  const first = scanner.skipWhitespace(text.charCodeAt(0) === BOM ? 1 : 0);

  // Empty is a warning, not an error: it loses no event (an error means events are lost),
  // and an empty file is a sound JSON Lines file of no lines, as a quiet hour's export can
  // be. It still gets a word, since an empty .json is no JSON document.
  if (first >= text.length) {
    return [{ message: 'The text is empty (or only whitespace): it holds no JSON, so no events',
      offset: 0, severity: 'warning' }];
  }

  let pos = first;
  while (pos < text.length) {
    const end = scanner.scanValue(pos);
    if (end < 0) return [scanProblem(scanner, first)];
    pos = scanner.skipWhitespace(end);
  }
  return [];
}

/** The scanner's failure as a problem: not JSON at all, invalid JSON, or a cut text. */
function scanProblem(scanner: JsonScanner, first: number): TextProblem {
  const offset = scanner.errorOffset;
  const reason = lowerFirst(scanner.errorMessage);

  if (offset >= scanner.limit) {
    return { message: `Invalid JSON: ${reason} (truncated file?)`, offset, severity: 'error' };
  }
  if (offset === first) {
    return { message: `Not a JSON document: ${reason} (${FORMATS_READ})`, offset,
      severity: 'error' };
  }
  return { message: `Invalid JSON: ${reason}`, offset, severity: 'error' };
}

function lowerFirst(message: string): string {
  return message.charAt(0).toLowerCase() + message.slice(1);
}
