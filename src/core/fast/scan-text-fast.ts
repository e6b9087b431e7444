// The fast path of scanText: the same result, without parsing the events that no rule can
// match. A rule needs certain literals in an event's text (literal-plan.ts); events lacking
// them are skipped, after a look at their text that proves the reference path would have
// nothing to say about them either: the parser accepts them and Elasticsearch would index
// them without a note (event-flags.ts). Otherwise they are parsed like any other.
import { detectLayout } from '../layout';
import { locateEvents } from '../locate';
import type { LoadedRule, ScanOptions } from '../scan-options';
import type { ScanResult } from '../types';
import { activeRules, evaluateEvent } from '../evaluate-event';
import { locateFlagged } from './flagged-events';
import { literalPlan } from './literal-plan';
import { eventsToParse } from './prefilter';

/** Scans a whole text like scanText's reference path, parsing only what might match. */
export function scanTextFast(text: string, rules: readonly LoadedRule[],
  options: ScanOptions = {}): ScanResult {
  const active = activeRules(rules);
  const layout = detectLayout(text);

  // Without a rule to evaluate, no event is parsed on either path.
  if (active.length === 0) {
    const located = locateEvents(text, layout);
    return { layout, events: located.events.length, findings: [], suppressed: [],
      problems: located.problems };
  }

  const { events, problems, flags } = locateFlagged(text, layout);
  const plans = active.map((loaded) => literalPlan(loaded.query));
  const parse = eventsToParse(text, events, flags, plans);
  const result: ScanResult = {
    layout, events: events.length, findings: [], suppressed: [], problems: [...problems],
  };

  for (let i = 0; i < events.length; i++) {
    if (parse[i] !== 0) evaluateEvent(text, events[i], active, options, result);
  }
  return result;
}
