// What the CodeLens shows above flagged events. Pure. One lens per rule above an event; when
// several flagged events share a line (one-line S3 files), one summary lens for the line
// instead of a wall of lenses. Rule names and ids come from rule files: what a lens or its
// tooltip shows of them has its hidden characters made visible (visibleText).
import { visibleText } from '../core/display-text';
import type { Finding } from '../core/types';
import { compareBySeverity, ruleHeadline } from './finding-text';
import type { GuideTarget } from './guide/guide-types';

/** One lens: where, what it says, and what clicking it does. */
export interface LensPlan {
  line: number;
  title: string;
  tooltip: string;
  /** The guide to open; absent for a summary lens, which focuses the Findings view. */
  target?: GuideTarget;
}

/** Rules per event shown as lenses before the rest are summed up in one more lens. */
export const MAX_LENSES_PER_EVENT = 3;

/** Plans the lenses of one document. `lineOf` converts an offset to its zero-based line. */
export function planCodeLenses(findings: readonly Finding[], documentUri: string,
  lineOf: (offset: number) => number): LensPlan[] {
  // line -> event index -> finding indexes
  const lines = new Map<number, Map<number, number[]>>();
  findings.forEach((finding, index) => {
    const line = lineOf(finding.eventSpan.start);
    const events = lines.get(line) ?? new Map<number, number[]>();
    const members = events.get(finding.eventIndex) ?? [];
    members.push(index);
    events.set(finding.eventIndex, members);
    lines.set(line, events);
  });

  const plans: LensPlan[] = [];
  for (const [line, events] of [...lines].sort(([a], [b]) => a - b)) {
    if (events.size > 1) {
      const count = [...events.values()].reduce((sum, members) => sum + members.length, 0);
      plans.push({
        line,
        title: `$(shield) ${events.size} flagged events on this line (${count} findings)`,
        tooltip: 'Show them in the CloudTrail Findings view',
      });
      continue;
    }
    const members = [...events.values()][0]
      .sort((a, b) => compareBySeverity(findings[a], findings[b]));
    plans.push(...eventLenses(findings, members, documentUri, line));
  }
  return plans;
}

function eventLenses(findings: readonly Finding[], members: readonly number[],
  documentUri: string, line: number): LensPlan[] {
  const shown = members.slice(0, MAX_LENSES_PER_EVENT).map((index): LensPlan => {
    const finding = findings[index];
    return {
      line,
      title: `$(shield) ${inertIcons(ruleHeadline(finding))}: open investigation guide`,
      tooltip: `Open the investigation guide of rule ${visibleText(finding.ruleId)}`,
      target: { ruleId: finding.ruleId, documentUri, findingIndex: index },
    };
  });
  const rest = members.length - shown.length;
  if (rest > 0) {
    shown.push({ line, title: `+${rest} more ${rest === 1 ? 'rule' : 'rules'}`,
      tooltip: 'Show them in the CloudTrail Findings view' });
  }
  return shown;
}

/**
 * Keeps "$(name)" in third-party text from turning into an icon where VS Code renders icons
 * (lens titles, quick pick items, status bar messages).
 */
export function inertIcons(text: string): string {
  return text.replace(/\$\(/g, '$\u200b(');
}
