// Decides which events have to be parsed: those that one rule might match (its literals all
// occur in the event's text) and those the reference path would report something about (the
// parser or Elasticsearch would refuse them; event-flags.ts). Everything else is skipped
// unread. The rarest literal is searched for once over the whole text with indexOf; the others
// are only looked for inside the events holding it. An escape can spell a literal without its
// characters (\u0044escribeImages), so events with escapes are judged on their decoded text:
// every decoded string, key included, lies whole in it. The plan bounds how many literals
// there are (literal-plan.ts); each search here moves forward through the text, so the
// prefilter's work stays within a few passes over the text per literal.
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

  const sample = new Sample(text);
  for (const plan of plans as LiteralPlan[]) {
    for (const index of eventsHolding(text, events, probesOf(plan, sample))) {
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
 * only satisfy the group (and so the plan) when it contains one of these. Each literal is
 * counted once, however many groups hold it.
 */
function driverLiterals(plan: LiteralPlan, sample: string): string[] {
  const counts = new Map<string, number>();
  const countOf = (literal: string): number => {
    let count = counts.get(literal);
    if (count === undefined) {
      count = countIn(sample, literal);
      counts.set(literal, count);
    }
    return count;
  };
  let best: string[] = [];
  let bestCount = Infinity;

  for (const group of plan.groups) {
    const drivers = group.map((literals) => rarest(literals, countOf));
    const count = drivers.reduce((sum, d) => sum + countOf(d), 0);
    if (count < bestCount) {
      best = drivers;
      bestCount = count;
    }
  }
  return best;
}

/** The literal with the fewest occurrences in the sample (the longest among equals). */
function rarest(literals: readonly string[], countOf: (literal: string) => number): string {
  let best = literals[0];
  let bestCount = countOf(best);
  for (const literal of literals.slice(1)) {
    const count = countOf(literal);
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

/** The probes of a plan's driver literals, chosen from a sample of the text the first time. */
function probesOf(plan: LiteralPlan, sample: Sample): Probe[] {
  let probes = PROBES.get(plan);
  if (probes === undefined) {
    probes = driverLiterals(plan, sample.text).map((literal) => ({ literal,
      ...probeOf(literal, sample) }));
    PROBES.set(plan, probes);
  }
  return probes;
}

/** A few pieces of a text to count literals in, taken when first needed and shared by plans. */
class Sample {
  private taken?: string;
  private counts?: Uint32Array;

  constructor(private readonly whole: string) {}

  /** The pieces (start, middle, end), or the whole text when it is short. */
  get text(): string {
    this.taken ??= sampleOf(this.whole);
    return this.taken;
  }

  /** How often each UTF-16 code unit occurs in the pieces. */
  get characters(): Uint32Array {
    if (this.counts === undefined) {
      const text = this.text;
      this.counts = new Uint32Array(65536);
      for (let i = 0; i < text.length; i++) this.counts[text.charCodeAt(i)]++;
    }
    return this.counts;
  }
}

/**
 * Indexes of the events containing one of the driver literals, ascending, no repeats. Every
 * search starts past the last one: after an event holding the literal, at the next event
 * when the occurrence lies outside an event or runs past its end (any later one starting in
 * that event would too), or one character on when the probe was a false start.
 */
function eventsHolding(text: string, events: readonly LocatedEvent[],
  probes: readonly Probe[]): number[] {
  const found = new Set<number>();

  for (const { literal, probe, shift } of probes) {
    let at = text.indexOf(probe);
    while (at !== -1) {
      const start = at - shift;
      if (start < 0 || !text.startsWith(literal, start)) {
        at = text.indexOf(probe, at + 1);
        continue;
      }

      const index = firstEventEndingAfter(events, start);
      if (index === events.length) break;
      const { span } = events[index];
      if (span.start > start) {
        at = text.indexOf(probe, span.start + shift);
      } else if (start + literal.length <= span.end) {
        found.add(index);
        at = text.indexOf(probe, span.end + shift);
      } else if (index + 1 < events.length) {
        at = text.indexOf(probe, events[index + 1].span.start + shift);
      } else {
        break;
      }
    }
  }
  return [...found].sort((a, b) => a - b);
}

/** The index of the first event ending after `offset` (events.length when there is none). */
function firstEventEndingAfter(events: readonly LocatedEvent[], offset: number): number {
  let low = 0;
  let high = events.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (events[mid].span.end > offset) high = mid;
    else low = mid + 1;
  }
  return low;
}

/** Longest probe searched for; V8 searches short patterns by their first character. */
const PROBE_LENGTH = 6;

/**
 * Longest literal searched for by a probe. Each false start of a probe costs a comparison
 * with the literal; a longer literal is searched for whole (V8 skips through the text by
 * the literal's length then).
 */
const PROBED_LENGTH = 64;

/**
 * A short piece of the literal to search for instead of the literal: it starts at the literal's
 * rarest character (in the sample), so that the search stops at few false starts, and it is
 * short enough for V8's fast search. `shift` is where the piece starts in the literal.
 */
function probeOf(literal: string, sample: Sample): { probe: string; shift: number } {
  if (literal.length <= PROBE_LENGTH || literal.length > PROBED_LENGTH) {
    return { probe: literal, shift: 0 };
  }

  const characters = sample.characters;
  let shift = 0;
  let fewest = Infinity;
  for (let i = 0; i <= literal.length - PROBE_LENGTH; i++) {
    const count = characters[literal.charCodeAt(i)];
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

/**
 * Occurrences of `literal` in `text` that do not overlap: counting overlaps would compare a
 * long literal again at every character of a long run that matches it.
 */
function countIn(text: string, literal: string): number {
  let count = 0;
  for (let at = text.indexOf(literal); at !== -1;
    at = text.indexOf(literal, at + Math.max(literal.length, 1))) {
    count++;
  }
  return count;
}
