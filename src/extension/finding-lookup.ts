// Which findings sit under a cursor or a selection. Pure; used by the hover and code actions.
import type { Finding } from '../core/types';
import { clauseSatisfied, compareBySeverity } from './finding-text';

/**
 * The findings of the event under `offset`, most severe first: the event whose eventName
 * value holds the offset, or else one whose satisfying clause values hold it. Returns indexes.
 */
export function findingsAt(findings: readonly Finding[], offset: number): number[] {
  const within = (start: number, end: number): boolean => start <= offset && offset <= end;
  let event = findings.find((f) => within(f.span.start, f.span.end))?.eventIndex;
  event ??= findings.find((f) => f.explanation.some((clause) => clauseSatisfied(clause) &&
    clause.span !== undefined && within(clause.span.start, clause.span.end)))?.eventIndex;
  if (event === undefined) return [];
  return ofEvent(findings, event);
}

/** The findings whose eventName value overlaps [start, end], most severe first per event. */
export function findingsOverlapping(findings: readonly Finding[], start: number,
  end: number): number[] {
  const events = new Set<number>();
  for (const finding of findings) {
    if (finding.span.start <= end && start <= finding.span.end) events.add(finding.eventIndex);
  }
  return [...events].flatMap((event) => ofEvent(findings, event));
}

function ofEvent(findings: readonly Finding[], eventIndex: number): number[] {
  const indexes: number[] = [];
  findings.forEach((finding, index) => {
    if (finding.eventIndex === eventIndex) indexes.push(index);
  });
  return indexes.sort((a, b) => compareBySeverity(findings[a], findings[b]));
}
