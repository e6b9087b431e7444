// What the investigation-guide panel (guide/panel.ts) may ask of the extension: rules,
// findings, document text, revealing an event, and opening a link after the URL check.
import * as vscode from 'vscode';
import type { Finding, Rule, Span } from '../core/types';
import type { Analyzer } from './analyzer';
import type { GuideHost } from './guide/guide-types';
import { normalizeExternalUrl } from './guide/messages';
import type { ExtensionLog } from './log';
import type { RuleStore } from './rule-store';
import { errorMessage } from './error-text';

export class ExtensionGuideHost implements GuideHost {
  readonly log: vscode.LogOutputChannel;

  constructor(private readonly rules: RuleStore, private readonly analyzer: Analyzer,
    private readonly extensionLog: ExtensionLog, private readonly allowHttp: () => boolean) {
    this.log = extensionLog.channel;
  }

  findRule(id: string): Rule | undefined {
    return this.rules.find(id);
  }

  findingsOf(uri: string): Finding[] {
    return [...this.analyzer.get(uri)?.findings ?? []];
  }

  /** The text the findings of `uri` refer to: the open document's, or the file read from disk. */
  documentText(uri: string): string | undefined {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    return document?.getText() ?? this.analyzer.get(uri)?.text;
  }

  /** Opens the document and selects the span. */
  async reveal(uri: string, span: Span): Promise<void> {
    await revealSpan(this.analyzer, vscode.Uri.parse(uri), span);
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
export async function revealSpan(analyzer: Analyzer, uri: vscode.Uri, span: Span): Promise<void> {
  try {
    const document = await vscode.workspace.openTextDocument(uri);
    const range = new vscode.Range(document.positionAt(span.start), document.positionAt(span.end));
    await vscode.window.showTextDocument(document, { selection: range, preview: true });
  } catch (error) {
    // files above 50 MB cannot be opened as documents by an extension
    const analysis = analyzer.get(uri);
    const index = analysis?.findings.findIndex((f) => f.span.start === span.start) ?? -1;
    const line = index < 0 ? undefined : analysis?.findingLines[index];
    const where = line === undefined ? '' : ` The event is at line ${line + 1}.`;
    void vscode.window.showWarningMessage(`CloudTrail Lens cannot open ${uri.toString(true)}: ` +
      `${errorMessage(error)}.${where}`);
  }
}
