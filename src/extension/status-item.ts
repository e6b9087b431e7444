// The status bar count of findings in the active file; clicking it focuses the Findings view.
import * as vscode from 'vscode';
import type { Analyzer } from './analyzer';
import { FOCUS_FINDINGS_COMMAND } from './guide-target';

export class FindingsStatusItem implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly analyzer: Analyzer) {
    this.item = vscode.window.createStatusBarItem('cloudtrailLens.status',
      vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'CloudTrail Lens';
    this.item.command = FOCUS_FINDINGS_COMMAND;
    this.subscriptions = [
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      analyzer.onDidChange(() => this.update()),
    ];
    this.update();
  }

  /** Shows the count for the active editor's document, or hides when it was not analysed. */
  update(): void {
    const document = vscode.window.activeTextEditor?.document;
    const analysis = document === undefined ? undefined : this.analyzer.get(document.uri);
    if (analysis === undefined) {
      this.item.hide();
      return;
    }

    const findings = analysis.findings.length;
    const events = new Set(analysis.findings.map((finding) => finding.eventIndex)).size;
    this.item.text = `$(shield) ${findings}`;
    this.item.tooltip = findings === 0
      ? `CloudTrail Lens: no findings in ${analysis.events} events (layout: ${analysis.layout})`
      : `CloudTrail Lens: ${findings} ${findings === 1 ? 'finding' : 'findings'} on ${events} ` +
        `of ${analysis.events} events. Click to show the Findings view.`;
    this.item.show();
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.item.dispose();
  }
}
