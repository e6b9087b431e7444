// One place to read every result from: the live analyses of open documents (analyzer.ts) and
// the workspace scan's snapshot (workspace-scan.ts), merged by URI with the live one winning
// (file-results.ts). The Findings view, the guide, the exports and the summary all read here,
// so they always agree.
import * as vscode from 'vscode';
import type { PlacedFinding } from '../core/report';
import type { Analyzer } from './analyzer';
import { mergeResults, type FileResult } from './file-results';
import type { WorkspaceScanner } from './workspace-scan';

export class ResultsHub implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscriptions: vscode.Disposable[];

  /** Fires when any result may have changed. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly analyzer: Analyzer, private readonly scanner: WorkspaceScanner) {
    this.subscriptions = [
      analyzer.onDidChange(() => this.changed.fire()),
      scanner.onDidChange(() => this.changed.fire()),
    ];
  }

  /** Every result: live ones, then the scanned files no live result covers. */
  all(): FileResult[] {
    return mergeResults(this.live(), this.scanner.all());
  }

  /** Live results only (open documents and files analysed from disk). */
  live(): FileResult[] {
    return this.analyzer.all().map((analysis) => analysis.result);
  }

  /** The result for a URI, the live one first. */
  get(uri: string): FileResult | undefined {
    return this.analyzer.get(uri)?.result ?? this.scanner.get(uri);
  }

  /** A finding by URI, list and index, as the Findings view names it. */
  finding(uri: string, index: number,
    list: 'findings' | 'suppressed' = 'findings'): PlacedFinding | undefined {
    const result = this.get(uri);
    return list === 'findings' ? result?.findings[index] : result?.suppressed[index];
  }

  /** How the last workspace scan ended, when it did not cover everything. */
  scanNote(): string | undefined {
    return this.scanner.scanNote();
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }
}

/** A result's path for display and exports: relative to its workspace folder when inside one. */
export function workspacePathOf(result: FileResult): string {
  const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
  return vscode.workspace.asRelativePath(vscode.Uri.parse(result.sourceUri, true), multiRoot);
}
