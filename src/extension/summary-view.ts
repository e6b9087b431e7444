// "Show Summary": a read-only virtual Markdown document (the cloudtrail-lens-summary: scheme)
// rendered from everything the Findings view holds, opened in the Markdown preview. The
// preview follows new results, since the provider announces every change of its document.
import * as vscode from 'vscode';
import { summarize } from '../core/export';
import { buildScanReport } from './file-results';
import { reportedRules } from './export-formats';
import { SUMMARY_SCHEME } from './command-ids';
import { errorMessage } from './error-text';
import type { ExtensionLog } from './log';
import { workspacePathOf, type ResultsHub } from './results';
import type { RuleStore } from './rule-store';
import { renderSummaryMarkdown } from './summary-markdown';

export { SHOW_SUMMARY_COMMAND, SUMMARY_SCHEME } from './command-ids';

/** The one summary document (its .md name gives it the Markdown language). */
export const SUMMARY_URI = vscode.Uri.from({ scheme: SUMMARY_SCHEME,
  path: '/CloudTrail Lens Summary.md' });

const REFRESH_DELAY_MS = 300;

export class SummaryProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly subscription: vscode.Disposable;

  readonly onDidChange = this.changed.event;

  constructor(private readonly results: ResultsHub, private readonly rules: RuleStore) {
    this.subscription = results.onDidChange(() => {
      if (this.timer !== undefined) return;
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.changed.fire(SUMMARY_URI);
      }, REFRESH_DELAY_MS);
    });
  }

  /** The summary of the current results. */
  async provideTextDocumentContent(): Promise<string> {
    const set = await this.rules.ensure();
    const all = this.results.all();
    const live = new Set(this.results.live().map((r) => r.uri));
    const report = buildScanReport(all,
      reportedRules(set.all, new Set(set.active.map((loaded) => loaded.rule.id))),
      workspacePathOf);

    return renderSummaryMarkdown(summarize(report), {
      generated: new Date().toISOString(),
      liveFiles: all.filter((r) => live.has(r.uri)).length,
      scannedFiles: all.filter((r) => !live.has(r.uri)).length,
      scanNote: this.results.scanNote(),
    });
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** Opens the summary in the Markdown preview, or as a read-only document without one. */
export async function showSummary(log: ExtensionLog): Promise<void> {
  try {
    await vscode.commands.executeCommand('markdown.showPreview', SUMMARY_URI);
  } catch (error) {
    // the built-in Markdown extension can be disabled
    log.warn(`no Markdown preview (${errorMessage(error)}); showing the summary as text`);
    await vscode.window.showTextDocument(SUMMARY_URI, { preview: true });
  }
}
