// The shape of the Findings view, built from analysis results: rule -> file -> event. Pure,
// so that grouping and ordering are unit-tested; findings-view.ts only wraps it in TreeItems.
// Every label, description and tooltip here is shown text: rule names and ids, file labels,
// exception ids and comments have their hidden characters made visible (visibleText), so a
// bidi control or zero-width character cannot reorder or hide what the view says. The ids and
// URIs that commands act on stay exact.
import { visibleText } from '../core/display-text';
import type { Finding, Severity } from '../core/types';
import { actionOf, addressOf, compareBySeverity, describeCall, fieldText, principalOf }
  from './finding-text';

/** The findings of one analysed file, as the view receives them. */
export interface FileFindings {
  uri: string;
  /** What to show for the file (a workspace-relative path, or the file name). */
  label: string;
  findings: readonly Finding[];
  /** Findings that an exception suppressed; listed only when the view is asked to. */
  suppressed?: readonly Finding[];
}

/** How the tree is built. */
export interface TreeOptions {
  /** List suppressed findings too, each with the exception item that suppressed it. */
  showSuppressed: boolean;
}

/**
 * An event. For an active finding its ruleId, documentUri and findingIndex make it a
 * GuideTarget as it is; a suppressed one indexes the file's suppressed list instead.
 */
export interface EventNode {
  kind: 'event';
  ruleId: string;
  documentUri: string;
  findingIndex: number;
  /** Which list of the file findingIndex points into. */
  list: 'findings' | 'suppressed';
  /** The exception item that suppressed the finding (suppressed events only). */
  suppressedBy?: { id: string; comment: string };
  label: string;
  description: string;
  tooltip: string;
}

export interface FileNode {
  kind: 'file';
  ruleId: string;
  uri: string;
  /** The file's label as shown. */
  label: string;
  events: EventNode[];
}

export interface RuleNode {
  kind: 'rule';
  ruleId: string;
  /** The rule's name as shown (the tree item's label). */
  ruleName: string;
  severity: Severity;
  /** Active findings of the rule. */
  count: number;
  /** Suppressed findings listed under the rule (0 while they are hidden). */
  suppressedCount: number;
  files: FileNode[];
}

export type FindingsNode = RuleNode | FileNode | EventNode;

/**
 * Groups the findings of every file by rule, then by file, then by event (active events
 * first, then the suppressed ones when shown), the most severe rule first.
 */
export function buildFindingsTree(files: readonly FileFindings[],
  options: TreeOptions = { showSuppressed: false }): RuleNode[] {
  const rules = new Map<string, { first: Finding; files: FileNode[] }>();

  for (const file of [...files].sort((a, b) => a.label.localeCompare(b.label))) {
    const byRule = new Map<string, { active: EventNode[]; suppressed: EventNode[] }>();
    const add = (finding: Finding, node: EventNode, list: 'active' | 'suppressed'): void => {
      const events = byRule.get(finding.ruleId) ?? { active: [], suppressed: [] };
      events[list].push(node);
      byRule.set(finding.ruleId, events);
      if (!rules.has(finding.ruleId)) rules.set(finding.ruleId, { first: finding, files: [] });
    };

    file.findings.forEach((finding, index) =>
      add(finding, eventNode(file.uri, finding, index, 'findings'), 'active'));
    if (options.showSuppressed) {
      (file.suppressed ?? []).forEach((finding, index) =>
        add(finding, eventNode(file.uri, finding, index, 'suppressed'), 'suppressed'));
    }

    for (const [ruleId, { active, suppressed }] of byRule) {
      const spanStart = (e: EventNode): number => (e.list === 'findings'
        ? file.findings : file.suppressed ?? [])[e.findingIndex].span.start;
      active.sort((a, b) => spanStart(a) - spanStart(b));
      suppressed.sort((a, b) => spanStart(a) - spanStart(b));
      rules.get(ruleId)!.files.push({ kind: 'file', ruleId, uri: file.uri,
        label: visibleText(file.label), events: [...active, ...suppressed] });
    }
  }

  return [...rules.values()]
    .sort((a, b) => compareBySeverity(a.first, b.first))
    .map(({ first, files: fileNodes }): RuleNode => {
      const events = fileNodes.flatMap((f) => f.events);
      return {
        kind: 'rule',
        ruleId: first.ruleId,
        ruleName: visibleText(first.ruleName),
        severity: first.severity,
        count: events.filter((e) => e.list === 'findings').length,
        suppressedCount: events.filter((e) => e.list === 'suppressed').length,
        files: fileNodes,
      };
    });
}

/**
 * The guide target of a rule or event node (the view's context menu hands the node to the
 * command), or undefined. Only the shape is taken here; the command validates the values. A
 * suppressed event opens its rule's guide without the finding, since the guide indexes the
 * active findings of a document.
 */
export function guideTargetOfNode(value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const node = value as Record<string, unknown>;
  if (node.kind === 'rule') return { ruleId: node.ruleId };
  if (node.kind !== 'event') return undefined;
  if (node.list === 'suppressed') return { ruleId: node.ruleId };
  return { ruleId: node.ruleId, documentUri: node.documentUri, findingIndex: node.findingIndex };
}

/** The number of active findings in a tree, for the view's badge. */
export function countFindings(tree: readonly RuleNode[]): number {
  return tree.reduce((sum, rule) => sum + rule.count, 0);
}

/** The number of suppressed findings of every file, listed or not. */
export function countSuppressed(files: readonly FileFindings[]): number {
  return files.reduce((sum, file) => sum + (file.suppressed?.length ?? 0), 0);
}

/** The rule node's description: "low · 3", and the suppressed count when they are listed. */
export function ruleDescription(rule: RuleNode): string {
  const suppressed = rule.suppressedCount > 0 ? ` \u00b7 ${rule.suppressedCount} suppressed` : '';
  return `${rule.severity} \u00b7 ${rule.count}${suppressed}`;
}

/** The rule node's tooltip: "name (id): 3 flagged events", and the suppressed count. */
export function ruleTooltip(rule: RuleNode): string {
  const suppressed = rule.suppressedCount > 0 ? `, ${rule.suppressedCount} suppressed` : '';
  return `${rule.ruleName} (${visibleText(rule.ruleId)}): ${rule.count} flagged events` +
    suppressed;
}

/**
 * The line above the tree: while suppressed findings are hidden, how many there are and how
 * to show them, so that a suppression is never silent. Undefined when there is nothing to say.
 */
export function findingsViewMessage(showSuppressed: boolean, suppressed: number,
  scanNote?: string): string | undefined {
  const parts: string[] = [];
  if (!showSuppressed && suppressed > 0) {
    parts.push(`${suppressed} ${suppressed === 1 ? 'finding is' : 'findings are'} suppressed ` +
      'by exceptions and hidden (Show Suppressed Findings lists them).');
  }
  if (scanNote !== undefined) parts.push(`Workspace scan ${scanNote}.`);
  return parts.length > 0 ? parts.join(' ') : undefined;
}

function eventNode(uri: string, finding: Finding, findingIndex: number,
  list: EventNode['list']): EventNode {
  const action = actionOf(finding) ?? `event ${finding.eventIndex + 1}`;
  const who = principalOf(finding);
  const when = fieldText(finding, '@timestamp');
  const from = addressOf(finding);
  const by = finding.suppressedBy;

  const byId = by === undefined ? '' : visibleText(by.id);
  const byComment = by === undefined ? '' : visibleText(oneLine(by.comment));

  const description = list === 'suppressed' && by !== undefined
    ? `suppressed by ${byId}: ${byComment}`
    : [when, from].filter((part) => part !== undefined).join(' \u00b7 ');
  const node: EventNode = {
    kind: 'event',
    ruleId: finding.ruleId,
    documentUri: uri,
    findingIndex,
    list,
    label: who === undefined ? action : `${action} by ${who}`,
    description,
    tooltip: by === undefined ? describeCall(finding)
      : `${describeCall(finding)}\nSuppressed by exception ${byId}: ${byComment}`,
  };
  if (by !== undefined) node.suppressedBy = { id: by.id, comment: by.comment };
  return node;
}

function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ');
}
