// The shape of the Findings view, built from analysis results: rule -> file -> event. Pure,
// so that grouping and ordering are unit-tested; findings-view.ts only wraps it in TreeItems.
import type { Finding, Severity } from '../core/types';
import { actionOf, addressOf, compareBySeverity, describeCall, fieldText, principalOf }
  from './finding-text';

/** The findings of one analysed file, as the view receives them. */
export interface FileFindings {
  uri: string;
  /** What to show for the file (a workspace-relative path, or the file name). */
  label: string;
  findings: readonly Finding[];
}

/** An event; its ruleId, documentUri and findingIndex make it a GuideTarget as it is. */
export interface EventNode {
  kind: 'event';
  ruleId: string;
  documentUri: string;
  findingIndex: number;
  label: string;
  description: string;
  tooltip: string;
}

export interface FileNode {
  kind: 'file';
  ruleId: string;
  uri: string;
  label: string;
  events: EventNode[];
}

export interface RuleNode {
  kind: 'rule';
  ruleId: string;
  ruleName: string;
  severity: Severity;
  count: number;
  files: FileNode[];
}

export type FindingsNode = RuleNode | FileNode | EventNode;

/** Groups the findings of every file by rule, then by file, then by event. */
export function buildFindingsTree(files: readonly FileFindings[]): RuleNode[] {
  const rules = new Map<string, { first: Finding; files: FileNode[] }>();

  for (const file of [...files].sort((a, b) => a.label.localeCompare(b.label))) {
    const byRule = new Map<string, EventNode[]>();
    file.findings.forEach((finding, findingIndex) => {
      const events = byRule.get(finding.ruleId) ?? [];
      events.push(eventNode(file.uri, finding, findingIndex));
      byRule.set(finding.ruleId, events);
      if (!rules.has(finding.ruleId)) rules.set(finding.ruleId, { first: finding, files: [] });
    });

    for (const [ruleId, events] of byRule) {
      const spanStart = (e: EventNode): number => file.findings[e.findingIndex].span.start;
      events.sort((a, b) => spanStart(a) - spanStart(b));
      rules.get(ruleId)!.files.push({ kind: 'file', ruleId, uri: file.uri, label: file.label,
        events });
    }
  }

  return [...rules.values()]
    .sort((a, b) => compareBySeverity(a.first, b.first))
    .map(({ first, files: fileNodes }): RuleNode => ({
      kind: 'rule',
      ruleId: first.ruleId,
      ruleName: first.ruleName,
      severity: first.severity,
      count: fileNodes.reduce((sum, f) => sum + f.events.length, 0),
      files: fileNodes,
    }));
}

/**
 * The guide target of a rule or event node (the view's context menu hands the node to the
 * command), or undefined. Only the shape is taken here; the command validates the values.
 */
export function guideTargetOfNode(value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const node = value as Record<string, unknown>;
  if (node.kind === 'rule') return { ruleId: node.ruleId };
  if (node.kind !== 'event') return undefined;
  return { ruleId: node.ruleId, documentUri: node.documentUri, findingIndex: node.findingIndex };
}

/** The number of findings in a tree, for the view's title or badge. */
export function countFindings(tree: readonly RuleNode[]): number {
  return tree.reduce((sum, rule) => sum + rule.count, 0);
}

function eventNode(uri: string, finding: Finding, findingIndex: number): EventNode {
  const action = actionOf(finding) ?? `event ${finding.eventIndex + 1}`;
  const who = principalOf(finding);
  const when = fieldText(finding, '@timestamp');
  const from = addressOf(finding);

  const description = [when, from].filter((part) => part !== undefined).join(' \u00b7 ');
  return {
    kind: 'event',
    ruleId: finding.ruleId,
    documentUri: uri,
    findingIndex,
    label: who === undefined ? action : `${action} by ${who}`,
    description,
    tooltip: describeCall(finding),
  };
}
