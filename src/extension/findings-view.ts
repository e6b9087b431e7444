// The CloudTrail Findings view: every finding of every analysed file (open documents, files
// read from disk, and the workspace scan), grouped rule -> file -> event
// (findings-tree-model.ts); clicking an event reveals it in its file. Findings suppressed by
// an exception are hidden by default, counted in the view's message, and listed (with the
// item that suppressed them) while the toggle is on; the toggle is remembered per workspace.
import * as vscode from 'vscode';
import {
  buildFindingsTree, countFindings, countSuppressed, findingsViewMessage, ruleDescription,
  ruleTooltip,
  type FindingsNode, type RuleNode,
} from './findings-tree-model';
import type { FileResult } from './file-results';
import { SHOW_SUPPRESSED_CONTEXT_KEY } from './command-ids';
import type { ResultsHub } from './results';

export const FINDINGS_VIEW_ID = 'cloudtrailLens.findings';
export const REVEAL_FINDING_COMMAND = 'cloudtrailLens.revealFinding';
export { HIDE_SUPPRESSED_COMMAND, SHOW_SUPPRESSED_COMMAND } from './command-ids';
const SHOW_SUPPRESSED_STATE_KEY = 'cloudtrailLens.showSuppressed';

const REFRESH_DELAY_MS = 150;

const SEVERITY_ICON: Readonly<Record<RuleNode['severity'], vscode.ThemeIcon>> = {
  low: new vscode.ThemeIcon('info'),
  medium: new vscode.ThemeIcon('warning'),
  high: new vscode.ThemeIcon('error'),
  critical: new vscode.ThemeIcon('flame'),
};
const SUPPRESSED_ICON = new vscode.ThemeIcon('eye-closed');

export class FindingsView implements vscode.TreeDataProvider<FindingsNode>, vscode.Disposable {
  private tree: RuleNode[] = [];
  private showSuppressed: boolean;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly changed = new vscode.EventEmitter<FindingsNode | undefined>();
  private readonly view: vscode.TreeView<FindingsNode>;
  private readonly subscription: vscode.Disposable;

  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly results: ResultsHub, private readonly state: vscode.Memento,
    private readonly labelOf: (result: FileResult) => string) {
    this.showSuppressed = state.get<boolean>(SHOW_SUPPRESSED_STATE_KEY) === true;
    void this.publishToggle();
    this.view = vscode.window.createTreeView(FINDINGS_VIEW_ID, {
      treeDataProvider: this, showCollapseAll: true,
    });
    // results of many documents can arrive together (settings change): rebuild once
    this.subscription = results.onDidChange(() => {
      if (this.timer !== undefined) return;
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.rebuild();
      }, REFRESH_DELAY_MS);
    });
    this.rebuild();
  }

  /** Shows or hides the suppressed findings. */
  async setShowSuppressed(show: boolean): Promise<void> {
    this.showSuppressed = show;
    await this.state.update(SHOW_SUPPRESSED_STATE_KEY, show);
    await this.publishToggle();
    this.rebuild();
  }

  getChildren(node?: FindingsNode): FindingsNode[] {
    if (node === undefined) return this.tree;
    if (node.kind === 'rule') return node.files;
    if (node.kind === 'file') return node.events;
    return [];
  }

  getTreeItem(node: FindingsNode): vscode.TreeItem {
    const collapsed = vscode.TreeItemCollapsibleState.Collapsed;
    if (node.kind === 'rule') {
      const item = new vscode.TreeItem(node.ruleName, vscode.TreeItemCollapsibleState.Expanded);
      item.description = ruleDescription(node);
      item.tooltip = ruleTooltip(node);
      item.iconPath = SEVERITY_ICON[node.severity];
      item.contextValue = 'rule';
      return item;
    }
    if (node.kind === 'file') {
      const item = new vscode.TreeItem(node.label, collapsed);
      item.resourceUri = vscode.Uri.parse(node.uri);
      item.description = `${node.events.length}`;
      item.contextValue = 'file';
      return item;
    }
    const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
    item.description = node.description;
    item.tooltip = node.tooltip;
    item.contextValue = node.list === 'suppressed' ? 'suppressedEvent' : 'event';
    if (node.list === 'suppressed') item.iconPath = SUPPRESSED_ICON;
    item.command = {
      command: REVEAL_FINDING_COMMAND,
      title: 'Reveal Event',
      arguments: [node.documentUri, node.findingIndex, node.list],
    };
    return item;
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.subscription.dispose();
    this.view.dispose();
    this.changed.dispose();
  }

  private async publishToggle(): Promise<void> {
    await vscode.commands.executeCommand('setContext', SHOW_SUPPRESSED_CONTEXT_KEY,
      this.showSuppressed);
  }

  private rebuild(): void {
    const files = this.results.all().map((result) => ({
      uri: result.uri,
      label: this.labelOf(result),
      findings: result.findings,
      suppressed: result.suppressed,
    }));
    this.tree = buildFindingsTree(files, { showSuppressed: this.showSuppressed });

    const count = countFindings(this.tree);
    this.view.badge = count === 0 ? undefined :
      { value: count, tooltip: `${count} CloudTrail ${count === 1 ? 'finding' : 'findings'}` };
    this.view.message = findingsViewMessage(this.showSuppressed, countSuppressed(files),
      this.results.scanNote());
    this.changed.fire(undefined);
  }
}
