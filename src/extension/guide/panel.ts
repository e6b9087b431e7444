// The investigation-guide panel: one webview, reused, restored after a window reload. The
// page is built by render.ts; this class only wires it to VS Code and to the extension's data.
import { randomBytes } from 'crypto';
import { visibleText } from '../../core/display-text';
import * as vscode from 'vscode';
import type { Finding, Span } from '../../core/types';
import { SECTION, readWindowSettings } from '../settings';
import { eventTextOf } from './event-text';
import { findingPosition, neighbourFinding, relocateFinding } from './finding-navigation';
import { clauseSpan, fieldSpan } from './finding-spans';
import type { GuideHost, GuideTarget } from './guide-types';
import { normalizeExternalUrl, parseGuideTarget, parseWebviewMessage,
  type WebviewMessage } from './messages';
import { type GuideRenderInput, renderGuideHtml, renderNoticeHtml } from './render';

export type { GuideHost, GuideTarget } from './guide-types';

type RevealMessage = Extract<WebviewMessage, { type: 'reveal' }>;

export class GuidePanel {
  static readonly viewType = 'cloudtrailLens.guide';

  private static current: GuidePanel | undefined;

  private readonly disposables: vscode.Disposable[] = [];

  /** eventID of the finding shown, to find it again when the document's findings change. */
  private shownEventId: string | undefined;

  /** True when the last render lacked data (rule not loaded yet, finding gone). */
  private stale = false;

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly context: vscode.ExtensionContext,
    private host: GuideHost,
    private target: GuideTarget,
  ) {
    panel.webview.options = webviewOptions(context);

    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        this.receive(raw).catch((error: unknown) => {
          this.host.log.error(`Guide panel: ${errorText(error)}`);
        });
      }),
      // A panel restored before the scan finished shows what it had; catch up when seen again.
      panel.onDidChangeViewState(() => {
        if (this.panel.visible && this.stale) this.render();
      }),
    );
    this.render();
  }

  /** Shows the guide for a rule (and finding), reusing the open panel if there is one. */
  static show(context: vscode.ExtensionContext, host: GuideHost, target: GuideTarget): void {
    const open = GuidePanel.current;
    if (open) {
      open.host = host;
      open.target = target;
      open.shownEventId = undefined;
      open.render();
      open.panel.reveal(undefined, false);
      return;
    }

    const column = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside
      : vscode.ViewColumn.Active;
    const panel = vscode.window.createWebviewPanel(GuidePanel.viewType, 'Guide',
      { viewColumn: column, preserveFocus: false }, webviewOptions(context));
    GuidePanel.current = new GuidePanel(panel, context, host, target);
  }

  /** Restores the panel after a window reload, from the target the page kept in its state. */
  static registerSerializer(context: vscode.ExtensionContext, host: GuideHost): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(GuidePanel.viewType, {
      deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Thenable<void> {
        const target = parseGuideTarget(state);
        if (!target) {
          host.log.warn('Guide panel: the saved state was not usable; closing the restored panel.');
          panel.dispose();
          return Promise.resolve();
        }

        // Only one guide panel exists at a time.
        GuidePanel.current?.panel.dispose();
        GuidePanel.current = new GuidePanel(panel, context, host, target);
        return Promise.resolve();
      },
    });
  }

  /** Re-renders the open panel from the host's current data (after a rescan, say). */
  static refresh(): void {
    GuidePanel.current?.render();
  }

  private render(): void {
    const rule = this.host.findRule(this.target.ruleId);

    // First follow the finding, so that the state the page stores is the updated target.
    this.stale = false;
    const findingView = rule ? this.findingView() : {};

    const webview = this.panel.webview;
    const media = vscode.Uri.joinPath(this.context.extensionUri, 'media');
    const page = {
      cspSource: webview.cspSource,
      nonce: randomBytes(18).toString('base64'),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'guide.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'guide.css')).toString(),
      state: this.target,
    };

    if (!rule) {
      this.stale = true;
      this.panel.title = 'Guide';
      webview.html = renderNoticeHtml(page, 'Rule not available',
        `The rule ${this.target.ruleId} is not loaded. It may have been removed from the `
        + 'rule paths, or the rules are still loading.');
      return;
    }

    this.panel.title = `Guide: ${visibleText(rule.name)}`;
    webview.html = renderGuideHtml({ ...page, rule, ...findingView });
  }

  /** The finding part of the page, if the target names a finding that still exists. */
  private findingView(): Partial<GuideRenderInput> {
    const { documentUri, findingIndex } = this.target;
    if (documentUri === undefined || findingIndex === undefined) return {};

    const located = this.currentFinding();
    if (!located) {
      this.stale = true;
      return { notice: 'The finding is no longer available: the document was closed or '
        + 'changed. The rule\'s guide is shown on its own.' };
    }

    const { finding, index, findings } = located;
    const text = this.host.documentText(documentUri);
    return {
      finding,
      findingPosition: findingPosition(findings, this.target.ruleId, index),
      eventText: text === undefined ? undefined : eventTextOf(text, finding),
      documentLabel: documentLabel(documentUri),
    };
  }

  /** The target's finding in the host's current list (following it if the list changed). */
  private currentFinding(): { finding: Finding; index: number; findings: Finding[] } | undefined {
    const { documentUri, findingIndex, ruleId } = this.target;
    if (documentUri === undefined || findingIndex === undefined) return undefined;

    const findings = this.host.findingsOf(documentUri);
    const index = relocateFinding(findings, ruleId, findingIndex, this.shownEventId);
    if (index === undefined) return undefined;

    this.target = { ...this.target, findingIndex: index };
    this.shownEventId = findings[index].eventId;
    return { finding: findings[index], index, findings };
  }

  private async receive(raw: unknown): Promise<void> {
    const message = parseWebviewMessage(raw);
    if (!message) {
      this.host.log.warn('Guide panel: ignored a malformed message from the page.');
      return;
    }

    switch (message.type) {
      case 'reveal':
        await this.reveal(message);
        return;
      case 'openLink':
        await this.openLink(message.url);
        return;
      case 'navigate':
        await this.navigate(message.direction);
        return;
    }
  }

  /** Takes the editor to a field's value, a clause's value, or the event. */
  private async reveal(message: RevealMessage): Promise<void> {
    const documentUri = this.target.documentUri;
    const located = this.currentFinding();
    if (documentUri === undefined || !located) {
      this.host.log.info('Guide panel: the finding is no longer available to reveal.');
      this.render();
      return;
    }

    const span = revealSpan(located.finding, message);
    if (!span) {
      this.host.log.info('Guide panel: nothing to reveal for that item of the finding.');
      return;
    }
    await this.host.reveal(documentUri, span);
  }

  /** Opens a link of the page, once the extension itself has checked it. */
  private async openLink(url: string): Promise<void> {
    const allowHttp = readWindowSettings(vscode.workspace.getConfiguration(SECTION))
      .allowHttpLinks;
    const checked = normalizeExternalUrl(url, allowHttp);

    if (checked === undefined) {
      this.host.log.warn(`Guide panel: refused to open ${JSON.stringify(url.slice(0, 200))}.`);
      void vscode.window.showWarningMessage(allowHttp
        ? 'CloudTrail Lens opens only http and https links without credentials.'
        : `CloudTrail Lens opens only https links (see the setting ${SECTION}.links.allowHttp).`);
      return;
    }
    await this.host.openExternal(checked);
  }

  /** Moves to the previous or next finding of the same rule, and shows it in the editor. */
  private async navigate(direction: 'previous' | 'next'): Promise<void> {
    const { documentUri, findingIndex, ruleId } = this.target;
    if (documentUri === undefined || findingIndex === undefined) return;

    const current = this.currentFinding()?.index ?? findingIndex;
    const findings = this.host.findingsOf(documentUri);
    const next = neighbourFinding(findings, ruleId, current, direction);
    if (next === undefined) return;

    this.target = { ...this.target, findingIndex: next };
    this.shownEventId = findings[next].eventId;
    this.render();
    await this.host.reveal(documentUri, findings[next].span);
  }

  private dispose(): void {
    if (GuidePanel.current === this) GuidePanel.current = undefined;

    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}

/** Scripts on, and nothing readable but the extension's media folder. */
function webviewOptions(context: vscode.ExtensionContext):
  vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'media')],
    retainContextWhenHidden: false,
    enableFindWidget: true,
  };
}

function revealSpan(finding: Finding, message: RevealMessage): Span | undefined {
  switch (message.kind) {
    case 'field':
      return fieldSpan(finding, message.field);
    case 'clause':
      return clauseSpan(finding, message.index);
    case 'event':
      return finding.span;
  }
}

/** The file name of a document URI, for the finding bar. */
function documentLabel(documentUri: string): string | undefined {
  try {
    const name = vscode.Uri.parse(documentUri, true).path.split('/').pop();
    return name === undefined || name === '' ? undefined : name;
  } catch {
    return undefined;
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
