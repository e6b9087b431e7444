// Previous/next in the panel: moves between the findings of one rule in one document.
import type { Finding } from '../../core/types';

/** Indexes (into `findings`) of the findings of one rule, in document order. */
function indexesOfRule(findings: readonly Finding[], ruleId: string): number[] {
  const indexes: number[] = [];
  findings.forEach((finding, index) => {
    if (finding.ruleId === ruleId) indexes.push(index);
  });
  return indexes;
}

/** Zero-based position of a finding among its rule's findings, and how many there are. */
export function findingPosition(findings: readonly Finding[], ruleId: string,
  findingIndex: number): { index: number; total: number } | undefined {
  const indexes = indexesOfRule(findings, ruleId);
  const index = indexes.indexOf(findingIndex);
  return index < 0 ? undefined : { index, total: indexes.length };
}

/** The index of the previous or next finding of the same rule, or undefined at either end. */
export function neighbourFinding(findings: readonly Finding[], ruleId: string,
  findingIndex: number, direction: 'previous' | 'next'): number | undefined {
  const indexes = indexesOfRule(findings, ruleId);

  // When the current finding has gone (the document changed), step from where it would be.
  if (direction === 'next') return indexes.find((index) => index > findingIndex);
  return indexes.filter((index) => index < findingIndex).pop();
}

/**
 * The index of the finding the panel shows, after the document's findings were recomputed:
 * the same index while it still holds the same event for the rule, else that event's finding
 * of the rule found by eventID, else undefined.
 */
export function relocateFinding(findings: readonly Finding[], ruleId: string,
  findingIndex: number, eventId: string | undefined): number | undefined {
  const atIndex = findings[findingIndex] as Finding | undefined;
  const sameEvent = eventId === undefined || atIndex?.eventId === eventId;
  if (atIndex?.ruleId === ruleId && sameEvent) return findingIndex;
  if (eventId === undefined) return undefined;

  const index = findings.findIndex((finding) =>
    finding.ruleId === ruleId && finding.eventId === eventId);
  return index < 0 ? undefined : index;
}
