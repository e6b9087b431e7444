// CodeLens above flagged events (code-lens-plan.ts decides what they say). Turned off by the
// cloudtrailLens.codeLens.enabled setting; refreshed whenever results change.
import * as vscode from 'vscode';
import type { Analyzer } from './analyzer';
import { planCodeLenses } from './code-lens-plan';
import { FOCUS_FINDINGS_COMMAND, OPEN_GUIDE_COMMAND } from './guide-target';
import { SECTION, readDocumentSettings } from './settings';

export class FindingCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;

  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly analyzer: Analyzer) {
    this.subscription = analyzer.onDidChange(() => this.changed.fire());
  }

  /** Asks VS Code to ask again (the setting changed). */
  refresh(): void {
    this.changed.fire();
  }

  /** The lenses of a document, from its current (not stale) analysis. */
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const analysis = this.analyzer.get(document.uri);
    if (analysis === undefined || analysis.version !== document.version) return [];
    const settings = readDocumentSettings(
      vscode.workspace.getConfiguration(SECTION, document.uri));
    if (!settings.codeLensEnabled) return [];

    const plans = planCodeLenses(analysis.findings, document.uri.toString(),
      (offset) => document.positionAt(offset).line);
    return plans.map((plan) => new vscode.CodeLens(new vscode.Range(plan.line, 0, plan.line, 0), {
      title: plan.title,
      tooltip: plan.tooltip,
      command: plan.target === undefined ? FOCUS_FINDINGS_COMMAND : OPEN_GUIDE_COMMAND,
      arguments: plan.target === undefined ? [] : [plan.target],
    }));
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
