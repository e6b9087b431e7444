// What a quick look at an event's text can tell the prefilter, as bits of one number per event.
import { eventIndexOfOffset } from '../locate';
import type { LocatedEvent } from '../types';

/**
 * The event must be parsed whatever the prefilter says: a key may be repeated in one of its
 * objects, or a string holds a raw control character (both make the strict parser fail).
 */
export const MUST_PARSE = 1;
/** The event holds an escape, which could spell a literal in a way indexOf does not see. */
export const HAS_ESCAPE = 2;

/**
 * Control characters other than tab, line feed and carriage return. Locate's scanner finds
 * those three inside strings; the strict parser refuses the others as well.
 */
// eslint-disable-next-line no-control-regex -- looking for control characters is the point
const OTHER_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

/** Flags every event whose text holds a control character the parser refuses. */
export function flagControlCharacters(text: string, events: readonly LocatedEvent[],
  flags: Uint8Array): void {
  const pattern = new RegExp(OTHER_CONTROL.source, 'g');
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const index = eventIndexOfOffset(events, match.index);
    if (index < 0) continue;
    flags[index] |= MUST_PARSE;
    pattern.lastIndex = events[index].span.end;
  }
}
