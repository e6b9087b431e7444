// Moves what one event produced (findings, problems) along with its event, when the text
// before the event grew or shrank (an edit) or was cut away (a stream): every offset shifts,
// and the event's index when events were added or removed before it.
import type { Finding, LocatedEvent, Span } from '../types';
import type { EventOutcome } from '../evaluate-event';

/** A span `delta` characters further on. */
export function moveSpan(span: Span, delta: number): Span {
  return { start: span.start + delta, end: span.end + delta };
}

/** An event `delta` characters and `indexDelta` events further on. */
export function movedEvent(event: LocatedEvent, delta: number, indexDelta: number): LocatedEvent {
  return { index: event.index + indexDelta, span: moveSpan(event.span, delta),
    encoding: event.encoding };
}

/** An event's outcome moved with it; `event` is the event already moved. */
export function movedOutcome<T extends EventOutcome>(outcome: T, event: LocatedEvent,
  delta: number, indexDelta: number): T {
  const move = (finding: Finding): Finding => movedFinding(finding, event, delta, indexDelta);
  return { ...outcome, findings: outcome.findings.map(move),
    suppressed: outcome.suppressed.map(move),
    problems: outcome.problems.map((p) => ({ ...p, offset: p.offset + delta })) };
}

/** A finding whose event moved: every offset it carries shifts with it. */
export function movedFinding(finding: Finding, event: LocatedEvent, delta: number,
  indexDelta: number): Finding {
  const fieldSources: Finding['fieldSources'] = {};
  for (const [field, source] of Object.entries(finding.fieldSources)) {
    fieldSources[field] = source.span === undefined ? { ...source }
      : { ...source, span: moveSpan(source.span, delta) };
  }

  return {
    ...finding,
    eventIndex: finding.eventIndex + indexDelta,
    eventSpan: event.span,
    span: moveSpan(finding.span, delta),
    explanation: finding.explanation.map((clause) => clause.span === undefined ? { ...clause }
      : { ...clause, span: moveSpan(clause.span, delta) }),
    fieldSources,
  };
}
