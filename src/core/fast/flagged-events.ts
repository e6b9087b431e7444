// Locates a text's events together with each event's flags (event-flags.ts): in one pass for
// plain machine-written files, else with locate and a quick look at each raw event.
import { locateEvents } from '../locate';
import type { LayoutKind, LocatedEvent, TextProblem } from '../types';
import { locateClean, type CleanLocate } from './clean-locate';
import { MUST_PARSE } from './event-flags';
import { RecordReader } from './record-reader';

/** Events as locate returns them, and one flags value per event. */
export interface FlaggedEvents {
  events: LocatedEvent[];
  problems: TextProblem[];
  flags: Uint8Array;
  /** Set when the one-pass reader read the text (then an edit can be re-read locally). */
  clean?: CleanLocate;
}

/** Locates the events of `text` (in `layout`) and flags them. */
export function locateFlagged(text: string, layout: LayoutKind): FlaggedEvents {
  const clean = locateClean(text, layout);
  if (clean !== undefined) return { events: clean.events, problems: [], flags: clean.flags, clean };

  // Events that are not raw records (escaped strings, ECS documents, Lake rows) are always
  // parsed, so only raw ones need the look. Locate has checked their JSON; the reader flags
  // them (and, should it still refuse one, the event is simply parsed).
  const { events, problems } = locateEvents(text, layout);
  const flags = new Uint8Array(events.length);
  const reader = new RecordReader(text);
  for (let i = 0; i < events.length; i++) {
    const { span, encoding } = events[i];
    const end = encoding === 'raw' ? reader.read(span.start) : -1;
    flags[i] = end === span.end ? reader.flags : MUST_PARSE;
  }
  return { events, problems, flags };
}
