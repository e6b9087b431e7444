// Walks the members of one JSON object with the scanner, handing each value to a visitor that
// decides whether to skip it or look inside. Layout detection and the locators use it for
// the few containers they need to open (the root object, an EventBridge envelope, a search
// hit); everything inside an event is skipped by the scanner in one go.
import { decodeJsonStringToken } from './json-string';
import { describeChar, type JsonScanner } from './json-scanner';

const QUOTE = 34;
const COMMA = 44;
const COLON = 58;
const CLOSE_BRACE = 125;

/** Consumes the value that starts at `valueStart`; returns where it ends, or -1. */
export type MemberVisitor = (key: string, valueStart: number) => number;

/** The decoded text of a scanned key token (raw slice when it has no escape). */
export function keyText(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end - 1);
  return raw.includes('\\') ? decodeJsonStringToken(text, { start, end }, true).value : raw;
}

/** Fails at `pos`, naming what was expected (or saying that the text ended). */
export function failExpected(scanner: JsonScanner, pos: number, expected: string): number {
  if (pos >= scanner.limit) {
    return scanner.fail(scanner.limit, `The text ends where ${expected} was expected`);
  }
  return scanner.fail(pos, `Unexpected ${describeChar(scanner.text, pos)}: expected ${expected}`);
}

// Walks the object whose '{' is at `open`; returns the offset after its '}', or -1.
export function walkObject(scanner: JsonScanner, open: number, visit: MemberVisitor): number {
  let pos = scanner.skipWhitespace(open + 1);
  let c = scanner.codeAt(pos);
  if (c === CLOSE_BRACE) return pos + 1;

  for (;;) {
    if (c !== QUOTE) return failExpected(scanner, pos, 'a property name in double quotes');

    const keyEnd = scanner.scanString(pos);
    if (keyEnd < 0) return -1;
    const key = keyText(scanner.text, pos, keyEnd);

    pos = scanner.skipWhitespace(keyEnd);
    if (scanner.codeAt(pos) !== COLON) return failExpected(scanner, pos, '\':\'');

    const valueStart = scanner.skipWhitespace(pos + 1);
    if (valueStart >= scanner.limit) return failExpected(scanner, valueStart, 'a value');
    const valueEnd = visit(key, valueStart);
    if (valueEnd < 0) return -1;

    // Then a comma and the next key, or the end of the object.
    pos = scanner.skipWhitespace(valueEnd);
    c = scanner.codeAt(pos);
    if (c === CLOSE_BRACE) return pos + 1;
    if (c !== COMMA) return failExpected(scanner, pos, '\',\' or \'}\'');

    pos = scanner.skipWhitespace(pos + 1);
    c = scanner.codeAt(pos);
    if (c === CLOSE_BRACE) {
      return scanner.fail(pos, 'Unexpected \'}\' after a comma: trailing commas are not JSON');
    }
  }
}

/** One member of an object as sniffing sees it; valueEnd is -1 when the value did not end. */
export interface SniffedMember {
  key: string;
  valueStart: number;
  valueEnd: number;
}

/** The members of the object at `open`, as far as the scanner's text lets us read. */
export function readMembers(scanner: JsonScanner, open: number): {
  members: SniffedMember[];
  /** Offset after the object's '}', or -1 when it does not end inside the text. */
  end: number;
  /** True when invalid JSON (rather than the end of the text) stopped the reading. */
  damaged: boolean;
} {
  const members: SniffedMember[] = [];
  const end = walkObject(scanner, open, (key, valueStart) => {
    const member = { key, valueStart, valueEnd: -1 };
    members.push(member);
    member.valueEnd = scanner.scanValue(valueStart);
    return member.valueEnd;
  });
  return { members, end, damaged: end < 0 && scanner.errorOffset < scanner.limit };
}

/** The offset of the first element of the array at `open`, or -1 when it has none. */
export function firstElement(scanner: JsonScanner, open: number): number {
  const pos = scanner.skipWhitespace(open + 1);
  const c = scanner.codeAt(pos);
  return c === -1 || c === 93 /* ] */ ? -1 : pos;
}
