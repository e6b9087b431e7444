// What a quick look at an event's text can tell the prefilter, as bits of one number per event.
import type { LocatedEvent } from '../types';

/**
 * The event must be parsed whatever the prefilter says: a key may be repeated in one of its
 * objects, or a string holds a raw control character (both make the strict parser fail).
 */
export const MUST_PARSE = 1;
/** The event holds an escape, which could spell a literal in a way indexOf does not see. */
export const HAS_ESCAPE = 2;
/** The event holds a \u escape (which can spell any character). */
export const HAS_UNICODE_ESCAPE = 4;

/**
 * Events at least this long are parsed whatever the prefilter says: only in them can an object
 * render to the 32,766 characters past which Elastic creates no flattened copy, or a leaf
 * reach Lucene's term limit, and the reference path notes both. (Map.toString() renders raw
 * JSON at most 2.75 times longer: an array of 1E6 becomes "1000000.0, " each.) A shorter event
 * can still render past a keyword's ignore_above, but that note is only given for a rule that
 * would match the event were the value searchable, so the rule's literals decide as for a match
 * (ignore-above-notes.ts).
 */
export const LONG_EVENT = 8192;

/** Whether an event has to be parsed whatever its literals. */
export function mustParse(event: LocatedEvent, flags: number): boolean {
  return (flags & MUST_PARSE) !== 0 || event.encoding !== 'raw'
    || event.span.end - event.span.start >= LONG_EVENT;
}
