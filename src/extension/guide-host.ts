// What the investigation-guide panel (guide/panel.ts) may ask of the extension: rules,
// findings, document text, revealing an event, and opening a link after the URL check.
// Findings come from the ResultsHub, so that the guide also opens on a workspace scan's
// findings (whose text is not kept: the guide then shows the finding without the event).
import * as vscode from 'vscode';
import { visibleText } from '../core/display-text';
import type { Finding, Range, Rule, Span } from '../core/types';
import type { Analyzer } from './analyzer';
import { toRange } from './diagnostics-adapter';
import type { GuideHost } from './guide/guide-types';
import { normalizeExternalUrl } from './guide/messages';
import type { ExtensionLog } from './log';
import type { ResultsHub } from './results';
import type { RuleStore } from './rule-store';
import { errorMessage } from './error-text';

export class ExtensionGuideHost implements GuideHost {
  readonly log: vscode.LogOutputChannel;

  constructor(private readonly rules: RuleStore, private readonly analyzer: Analyzer,
    private readonly results: ResultsHub, private readonly extensionLog: ExtensionLog,
    private readonly allowHttp: () => boolean) {
    this.log = extensionLog.channel;
  }

  findRule(id: string): Rule | undefined {
    return this.rules.find(id);
  }

  findingsOf(uri: string): Finding[] {
    return [...this.results.get(uri)?.findings ?? []];
  }

  /** The text the findings of `uri` refer to: the open document's, or the file read from disk. */
  documentText(uri: string): string | undefined {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    return document?.getText() ?? this.analyzer.get(uri)?.text;
  }

  /** Opens the document and selects the span. */
  async reveal(uri: string, span: Span): Promise<void> {
    await revealSpan(this.results, vscode.Uri.parse(uri), span);
  }

  /** Opens https links (http only when allowed); checked again here, whoever the caller. */
  async openExternal(url: string): Promise<void> {
    const allowed = normalizeExternalUrl(url, this.allowHttp());
    if (allowed === undefined) {
      this.extensionLog.warn(`refused to open the link ${JSON.stringify(url)}`);
      void vscode.window.showWarningMessage('CloudTrail Lens opens only https links ' +
        '(http with the setting cloudtrailLens.links.allowHttp).');
      return;
    }
    await vscode.env.openExternal(vscode.Uri.parse(allowed, true));
  }
}

/** Shows a span of an analysed document in an editor; explains when the file is too large. */
export async function revealSpan(results: ResultsHub, uri: vscode.Uri, span: Span): Promise<void> {
  try {
    const document = await vscode.workspace.openTextDocument(uri);
    const range = new vscode.Range(document.positionAt(span.start), document.positionAt(span.end));
    await vscode.window.showTextDocument(document, { selection: range, preview: true });
  } catch (error) {
    // files above 50 MB cannot be opened as documents by an extension, but the workbench
    // can still show them at a position the engine placed
    const result = results.get(uri.toString());
    const placed = [...result?.findings ?? [], ...result?.suppressed ?? []]
      .find((f) => f.span.start === span.start || f.eventSpan.start === span.start);
    if (placed !== undefined) {
      await revealRange(uri, placed.range);
      return;
    }
    const shown = visibleText(uri.toString(true));
    void vscode.window.showWarningMessage(`CloudTrail Lens cannot open ${shown}: ` +
      `${errorMessage(error)}.`);
  }
}

/** Shows a placed range: in the open document, else through the workbench's own open. */
export async function revealRange(uri: vscode.Uri, range: Range): Promise<void> {
  const selection = toRange(range);
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  try {
    if (open !== undefined) {
      await vscode.window.showTextDocument(open, { selection, preview: true });
    } else {
      const options: vscode.TextDocumentShowOptions = { selection, preview: true };
      await vscode.commands.executeCommand('vscode.open', uri, options);
    }
  } catch (error) {
    const shown = visibleText(uri.toString(true));
    void vscode.window.showWarningMessage(`CloudTrail Lens cannot open ${shown}: ` +
      `${errorMessage(error)}. The event is at line ${range.start.line + 1}.`);
  }
}
