// The CloudTrail Findings view: every finding of every analysed file, grouped rule -> file ->
// event (findings-tree-model.ts); clicking an event reveals it in its file.
import * as vscode from 'vscode';
import type { Analyzer } from './analyzer';
import { buildFindingsTree, countFindings, type FindingsNode, type RuleNode }
  from './findings-tree-model';

export const FINDINGS_VIEW_ID = 'cloudtrailLens.findings';
export const REVEAL_FINDING_COMMAND = 'cloudtrailLens.revealFinding';

const REFRESH_DELAY_MS = 150;

const SEVERITY_ICON: Readonly<Record<RuleNode['severity'], vscode.ThemeIcon>> = {
  low: new vscode.ThemeIcon('info'),
  medium: new vscode.ThemeIcon('warning'),
  high: new vscode.ThemeIcon('error'),
  critical: new vscode.ThemeIcon('flame'),
};

export class FindingsView implements vscode.TreeDataProvider<FindingsNode>, vscode.Disposable {
  private tree: RuleNode[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly changed = new vscode.EventEmitter<FindingsNode | undefined>();
  private readonly view: vscode.TreeView<FindingsNode>;
  private readonly subscription: vscode.Disposable;

  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly analyzer: Analyzer) {
    this.view = vscode.window.createTreeView(FINDINGS_VIEW_ID, {
      treeDataProvider: this, showCollapseAll: true,
    });
    // results of many documents can arrive together (settings change): rebuild once
    this.subscription = analyzer.onDidChange(() => {
      if (this.timer !== undefined) return;
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.rebuild();
      }, REFRESH_DELAY_MS);
    });
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
      item.description = `${node.severity} \u00b7 ${node.count}`;
      item.tooltip = `${node.ruleName} (${node.ruleId}): ${node.count} flagged events`;
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
    item.contextValue = 'event';
    item.command = {
      command: REVEAL_FINDING_COMMAND,
      title: 'Reveal Event',
      arguments: [node.documentUri, node.findingIndex],
    };
    return item;
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.subscription.dispose();
    this.view.dispose();
    this.changed.dispose();
  }

  private rebuild(): void {
    const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
    this.tree = buildFindingsTree(this.analyzer.all().map((analysis) => ({
      uri: analysis.uri.toString(),
      label: vscode.workspace.asRelativePath(analysis.uri, multiRoot),
      findings: analysis.findings,
    })));
    const count = countFindings(this.tree);
    this.view.badge = count === 0 ? undefined :
      { value: count, tooltip: `${count} CloudTrail ${count === 1 ? 'finding' : 'findings'}` };
    this.changed.fire(undefined);
  }
}
