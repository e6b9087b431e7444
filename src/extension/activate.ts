// The extension's entry point (bundled to dist/extension.js). Activation only installs
// listeners and providers; rules are read and documents scanned once a CloudTrail-shaped
// document is open (analyzer.ts sniffs the layout first).
import * as vscode from 'vscode';
import { Analyzer } from './analyzer';
import { FindingCodeLensProvider } from './code-lens';
import { GuideCodeActionProvider } from './code-actions';
import { registerCommands } from './commands';
import { FindingsView } from './findings-view';
import { GuidePanel } from './guide/panel';
import { ExtensionGuideHost } from './guide-host';
import { GzViewProvider } from './gz-view';
import { FindingHoverProvider } from './hover';
import { LargeFileWatcher, ANALYZE_FILE_COMMAND } from './large-files';
import { megabytes } from './limits';
import { ExtensionLog } from './log';
import { RuleStore } from './rule-store';
import { SECTION, readWindowSettings, type WindowSettings } from './settings';
import { ANALYSED_SCHEMES, GZ_SCHEME } from './sniff';
import { FindingsStatusItem } from './status-item';

const ACTIVE_CONTEXT_KEY = 'cloudtrailLens.active';

/** Installs everything; cheap, since nothing is read or scanned here. */
export function activate(context: vscode.ExtensionContext): void {
  const log = new ExtensionLog();
  let windowSettings = readSettings();
  const diagnostics = vscode.languages.createDiagnosticCollection('cloudtrail-lens');
  const ruleDiagnostics = vscode.languages.createDiagnosticCollection('cloudtrail-lens-rules');
  const rules = new RuleStore(context.extensionUri, log, ruleDiagnostics, () => windowSettings);
  const analyzer = new Analyzer(rules, diagnostics, log, windowSettings.throttleMs);
  const host = new ExtensionGuideHost(rules, analyzer, log, () => windowSettings.allowHttpLinks);
  const codeLenses = new FindingCodeLensProvider(analyzer);
  context.subscriptions.push(log, diagnostics, ruleDiagnostics, rules, analyzer, codeLenses);

  // providers, on every scheme the analyzer accepts
  const selector = ANALYSED_SCHEMES.map((scheme) => ({ scheme }));
  context.subscriptions.push(
    vscode.languages.registerHoverProvider(selector, new FindingHoverProvider(analyzer, rules)),
    vscode.languages.registerCodeActionsProvider(selector, new GuideCodeActionProvider(analyzer),
      GuideCodeActionProvider.metadata),
    vscode.languages.registerCodeLensProvider(selector, codeLenses),
    vscode.workspace.registerTextDocumentContentProvider(GZ_SCHEME, new GzViewProvider(log,
      (file, characters) => offerDiskAnalysis(file, characters))),
    new FindingsView(analyzer),
    new FindingsStatusItem(analyzer),
    new LargeFileWatcher(),
    GuidePanel.registerSerializer(context, host),
  );

  const refresh = (): void => analyzer.refreshAll();
  const reloadRules = (): void => {
    rules.reload().then(refresh, (error) => log.error('loading rules failed', error));
  };
  context.subscriptions.push(...registerCommands({
    extension: context, analyzer, rules, host, log, refresh,
  }));

  // document life cycle: open and visible at once, edits throttled, close forgets
  let shown = false;
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument((document) => analyzer.opened(document)),
    vscode.window.onDidChangeVisibleTextEditors((editors) => {
      for (const editor of editors) analyzer.opened(editor.document);
    }),
    vscode.workspace.onDidChangeTextDocument((event) => analyzer.edited(event)),
    vscode.workspace.onDidCloseTextDocument((document) => analyzer.closed(document)),
    analyzer.onDidChange(() => {
      if (shown) return;
      shown = true;
      void vscode.commands.executeCommand('setContext', ACTIVE_CONTEXT_KEY, true);
    }),
  );

  // settings, trust and rule files change what is loaded and how results look
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(SECTION)) return;
      windowSettings = readSettings();
      analyzer.setThrottle(windowSettings.throttleMs);
      codeLenses.refresh();
      if (event.affectsConfiguration(`${SECTION}.rules`)) reloadRules();
      else refresh();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(reloadRules),
    rules.onDidReload(refresh),
  );

  for (const document of vscode.workspace.textDocuments) analyzer.opened(document);
  log.info(`activated (trusted workspace: ${vscode.workspace.isTrusted})`);

  function offerDiskAnalysis(file: vscode.Uri, characters: number): void {
    const analyse = 'Analyze from Disk';
    void vscode.window.showWarningMessage(`CloudTrail Lens: the decompressed text is ` +
      `${megabytes(characters)}, above the 50 MB VS Code passes to extensions.`, analyse)
      .then((choice) => {
        if (choice === analyse) void vscode.commands.executeCommand(ANALYZE_FILE_COMMAND, file);
      });
  }
}

/** Nothing to do: every resource is in context.subscriptions. */
export function deactivate(): void {}

function readSettings(): WindowSettings {
  return readWindowSettings(vscode.workspace.getConfiguration(SECTION));
}
