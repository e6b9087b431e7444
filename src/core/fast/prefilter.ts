// Decides which events have to be parsed: those that one rule might match (its literals all
// occur in the event's text) and those the reference path would report something about (the
// parser or Elasticsearch would refuse them; event-flags.ts). Everything else is skipped
// unread. The rarest literal is searched for once over the whole text with indexOf; the others
// are only looked for inside the events holding it. An escape can spell a literal without its
// characters (\u0044escribeImages), so events with escapes are judged on their decoded text:
// every decoded string, key included, lies whole in it.
import { eventIndexOfOffset } from '../locate';
import type { LocatedEvent } from '../types';
import { HAS_ESCAPE, HAS_UNICODE_ESCAPE, mustParse } from './event-flags';
import type { LiteralPlan } from './literal-plan';

/** Characters read from each of a few places of the text to guess how common a literal is. */
const SAMPLE_SIZE = 64 * 1024;
const SAMPLE_PLACES = 3;

/**
 * One byte per event, 1 when the event must be parsed. A plan that is undefined stands for a
 * rule without literals, which every event may match.
 */
export function eventsToParse(text: string, events: readonly LocatedEvent[],
  flags: Uint8Array, plans: readonly (LiteralPlan | undefined)[]): Uint8Array {
  const parse = new Uint8Array(events.length);
  if (plans.some((plan) => plan === undefined)) return parse.fill(1);

  for (let i = 0; i < events.length; i++) if (mustParse(events[i], flags[i])) parse[i] = 1;

  for (const plan of plans as LiteralPlan[]) {
    for (const index of eventsHolding(text, events, probesOf(plan, text))) {
      if (parse[index] === 0 && mightMatch(plan, text, events[index], flags[index])) {
        parse[index] = 1;
      }
    }

    // An event whose escapes could spell a literal may hold it without the driver's text.
    const hiding = plan.shortEscapable ? HAS_ESCAPE : HAS_UNICODE_ESCAPE;
    for (let i = 0; i < events.length; i++) {
      if ((flags[i] & hiding) !== 0 && parse[i] === 0
        && mightMatch(plan, text, events[i], flags[i])) {
        parse[i] = 1;
      }
    }
  }
  return parse;
}

/** Whether the event's text holds the plan's literals, as written or once decoded. */
export function mightMatch(plan: LiteralPlan, text: string, event: LocatedEvent,
  flags: number): boolean {
  // A slice of a long string shares its characters, so the searches stay inside the event.
  const own = text.slice(event.span.start, event.span.end);
  if (planHolds(plan, own)) return true;
  if ((flags & HAS_ESCAPE) === 0) return false;

  // A literal can only straddle an escape that spells one of its own characters.
  if (!plan.shortEscapable && (flags & HAS_UNICODE_ESCAPE) === 0) return false;
  return planHolds(plan, decodeEscapes(own));
}

/** Whether every group of the plan holds in `text`. */
export function planHolds(plan: LiteralPlan, text: string): boolean {
  return plan.groups.every((group) => group.some((literals) =>
    literals.every((literal) => text.includes(literal))));
}

/**
 * The text with every JSON escape replaced by the character it stands for. Escapes are read
 * left to right, so "\\u0044" stays a backslash followed by u0044.
 */
export function decodeEscapes(text: string): string {
  return text.replace(/\\(?:u([0-9a-fA-F]{4})|(.))/g, (_, hex: string | undefined,
    single: string) => (hex !== undefined ? String.fromCharCode(parseInt(hex, 16))
    : SHORT_ESCAPES[single] ?? single));
}

const SHORT_ESCAPES: { readonly [escape: string]: string } = {
  b: '\b', f: '\f', n: '\n', r: '\r', t: '\t',
};

/**
 * For the group that looks rarest in the sample, one literal per alternative: an event can
 * only satisfy the group (and so the plan) when it contains one of these.
 */
function driverLiterals(plan: LiteralPlan, sample: string): string[] {
  let best: string[] = [];
  let bestCount = Infinity;

  for (const group of plan.groups) {
    const drivers = group.map((literals) => rarest(literals, sample));
    const count = drivers.reduce((sum, d) => sum + countIn(sample, d), 0);
    if (count < bestCount) {
      best = drivers;
      bestCount = count;
    }
  }
  return best;
}

/** The literal with the fewest occurrences in the sample (the longest among equals). */
function rarest(literals: readonly string[], sample: string): string {
  let best = literals[0];
  let bestCount = countIn(sample, best);
  for (const literal of literals.slice(1)) {
    const count = countIn(sample, literal);
    if (count < bestCount || (count === bestCount && literal.length > best.length)) {
      best = literal;
      bestCount = count;
    }
  }
  return best;
}

/** A driver literal and the piece of it that is searched for (see probeOf). */
interface Probe {
  literal: string;
  probe: string;
  shift: number;
}

/** Probes chosen once per plan: a stream scan asks again for every piece of text. */
const PROBES = new WeakMap<LiteralPlan, Probe[]>();

/** The probes of a plan's driver literals, chosen from a sample of `text` the first time. */
function probesOf(plan: LiteralPlan, text: string): Probe[] {
  let probes = PROBES.get(plan);
  if (probes === undefined) {
    const sample = sampleOf(text);
    probes = driverLiterals(plan, sample).map((literal) => ({ literal,
      ...probeOf(literal, sample) }));
    PROBES.set(plan, probes);
  }
  return probes;
}

/** Indexes of the events containing one of the driver literals, ascending, no repeats. */
function eventsHolding(text: string, events: readonly LocatedEvent[],
  probes: readonly Probe[]): number[] {
  const found = new Set<number>();

  for (const { literal, probe, shift } of probes) {
    let at = text.indexOf(probe);
    while (at !== -1) {
      const start = at - shift;
      const index = start >= 0 && text.startsWith(literal, start)
        ? eventIndexOfOffset(events, start) : -1;
      if (index >= 0 && start + literal.length <= events[index].span.end) {
        found.add(index);
        // One occurrence per event is enough: go on after the event.
        at = text.indexOf(probe, events[index].span.end + shift);
      } else {
        at = text.indexOf(probe, at + 1);
      }
    }
  }
  return [...found].sort((a, b) => a - b);
}

/** Longest probe searched for; V8 searches short patterns by their first character. */
const PROBE_LENGTH = 6;

/**
 * A short piece of the literal to search for instead of the literal: it starts at the literal's
 * rarest character (in the sample), so that the search stops at few false starts, and it is
 * short enough for V8's fast search. `shift` is where the piece starts in the literal.
 */
function probeOf(literal: string, sample: string): { probe: string; shift: number } {
  if (literal.length <= PROBE_LENGTH) return { probe: literal, shift: 0 };

  let shift = 0;
  let fewest = Infinity;
  for (let i = 0; i <= literal.length - PROBE_LENGTH; i++) {
    const count = countIn(sample, literal[i]);
    if (count < fewest) {
      fewest = count;
      shift = i;
    }
  }
  return { probe: literal.slice(shift, shift + PROBE_LENGTH), shift };
}

/** A few pieces of the text (start, middle, end) to count literals in. */
function sampleOf(text: string): string {
  if (text.length <= SAMPLE_SIZE * SAMPLE_PLACES) return text;

  const pieces: string[] = [];
  for (let i = 0; i < SAMPLE_PLACES; i++) {
    const start = Math.floor((text.length - SAMPLE_SIZE) * i / (SAMPLE_PLACES - 1));
    pieces.push(text.slice(start, start + SAMPLE_SIZE));
  }
  return pieces.join('\n');
}

/** Occurrences of `literal` in `text` (overlaps counted). */
function countIn(text: string, literal: string): number {
  let count = 0;
  for (let at = text.indexOf(literal); at !== -1; at = text.indexOf(literal, at + 1)) count++;
  return count;
}
