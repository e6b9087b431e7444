// The extension's entry point (bundled to dist/extension.js). Activation only installs
// listeners and providers; rules are read and documents scanned once a CloudTrail-shaped
// document is open (analyzer.ts sniffs the layout first). The workspace's exceptions file is
// small and read at once, so that its problems show in the Problems panel from the start.
import * as vscode from 'vscode';
import { Analyzer } from './analyzer';
import { FindingCodeLensProvider } from './code-lens';
import { FindingCodeActionProvider } from './code-actions';
import { ACTIVE_CONTEXT_KEY, registerCommands } from './commands';
import { ExceptionStore } from './exception-store';
import { FindingsView } from './findings-view';
import { GuidePanel } from './guide/panel';
import { ExtensionGuideHost } from './guide-host';
import { GzViewProvider } from './gz-view';
import { FindingHoverProvider } from './hover';
import { LargeFileWatcher, ANALYZE_FILE_COMMAND } from './large-files';
import { visibleText } from '../core/display-text';
import { megabytes } from './limits';
import { ExtensionLog } from './log';
import { ResultsHub, workspacePathOf } from './results';
import { RuleStore } from './rule-store';
import { SECTION, readWindowSettings, type WindowSettings } from './settings';
import { ANALYSED_SCHEMES, GZ_SCHEME } from './sniff';
import { FindingsStatusItem } from './status-item';
import { SUMMARY_SCHEME, SummaryProvider } from './summary-view';
import { uriBaseName } from './uri-name';
import { WorkspaceScanner } from './workspace-scan';

/** Installs everything; cheap, since nothing but the exceptions file is read here. */
export function activate(context: vscode.ExtensionContext): void {
  const log = new ExtensionLog();
  let windowSettings = readSettings();
  const diagnostics = vscode.languages.createDiagnosticCollection('cloudtrail-lens');
  const ruleDiagnostics = vscode.languages.createDiagnosticCollection('cloudtrail-lens-rules');
  const exceptionDiagnostics =
    vscode.languages.createDiagnosticCollection('cloudtrail-lens-exceptions');
  const rules = new RuleStore(context.extensionUri, log, ruleDiagnostics, () => windowSettings);
  const exceptions = new ExceptionStore(log, exceptionDiagnostics, () => {
    const set = rules.current();
    return set === undefined ? undefined : new Set(set.all.map((rule) => rule.id));
  });
  const analyzer = new Analyzer(rules, exceptions, diagnostics, log, windowSettings.throttleMs);
  const scanner = new WorkspaceScanner(rules, exceptions, log);
  const results = new ResultsHub(analyzer, scanner);
  const host = new ExtensionGuideHost(rules, analyzer, results, log,
    () => windowSettings.allowHttpLinks);
  const codeLenses = new FindingCodeLensProvider(analyzer);
  const view = new FindingsView(results, context.workspaceState, workspacePathOf);
  const summary = new SummaryProvider(results, rules);
  context.subscriptions.push(log, diagnostics, ruleDiagnostics, exceptionDiagnostics, rules,
    exceptions, analyzer, scanner, results, codeLenses, view, summary);

  // providers, on every scheme the analyzer accepts
  const selector = ANALYSED_SCHEMES.map((scheme) => ({ scheme }));
  context.subscriptions.push(
    vscode.languages.registerHoverProvider(selector, new FindingHoverProvider(analyzer, rules)),
    vscode.languages.registerCodeActionsProvider(selector,
      new FindingCodeActionProvider(analyzer), FindingCodeActionProvider.metadata),
    vscode.languages.registerCodeLensProvider(selector, codeLenses),
    vscode.workspace.registerTextDocumentContentProvider(GZ_SCHEME, new GzViewProvider(log,
      (file, characters) => offerDiskAnalysis(file, characters), warnCut)),
    vscode.workspace.registerTextDocumentContentProvider(SUMMARY_SCHEME, summary),
    new FindingsStatusItem(analyzer),
    new LargeFileWatcher(),
    GuidePanel.registerSerializer(context, host),
  );

  // rules, settings and exceptions all change what a scan finds: the open documents are
  // analysed again at once, a workspace scan (if one was run) in the background
  const refresh = (): void => {
    analyzer.refreshAll();
    scanner.rescan();
  };
  const reloadRules = (): void => {
    rules.reload().then(refresh, (error) => log.error('loading rules failed', error));
  };
  context.subscriptions.push(...registerCommands({
    extension: context, analyzer, rules, host, log, refresh, results, scanner, exceptions, view,
  }));

  // document life cycle: open and visible at once, edits throttled, close forgets
  let shown = false;
  let checkedGeneration: number | undefined;
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument((document) => analyzer.opened(document)),
    vscode.window.onDidChangeVisibleTextEditors((editors) => {
      for (const editor of editors) analyzer.opened(editor.document);
    }),
    vscode.workspace.onDidChangeTextDocument((event) => analyzer.edited(event)),
    vscode.workspace.onDidCloseTextDocument((document) => analyzer.closed(document)),
    analyzer.onDidChange(() => {
      // the exceptions file names rule ids: check them once the rules are known
      const generation = rules.current()?.generation;
      if (generation !== checkedGeneration) {
        checkedGeneration = generation;
        exceptions.recheck();
      }
      if (shown) return;
      shown = true;
      void vscode.commands.executeCommand('setContext', ACTIVE_CONTEXT_KEY, true);
    }),
  );

  // settings, trust, rule files and exceptions change what is loaded and how results look
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(SECTION)) return;
      windowSettings = readSettings();
      analyzer.setThrottle(windowSettings.throttleMs);
      codeLenses.refresh();
      if (event.affectsConfiguration(`${SECTION}.rules`)) reloadRules();
      else if (!event.affectsConfiguration(`${SECTION}.exceptions`)) refresh();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(reloadRules),
    rules.onDidReload(refresh),
    exceptions.onDidChange(refresh),
  );

  exceptions.ensure().catch((error) => log.error('reading the exceptions file failed', error));
  for (const document of vscode.workspace.textDocuments) analyzer.opened(document);
  log.info(`activated (trusted workspace: ${vscode.workspace.isTrusted})`);

  function warnCut(file: vscode.Uri, message: string): void {
    log.warn(`${file.toString(true)}: ${message}: showing the text before the cut`);
    void vscode.window.showWarningMessage(`CloudTrail Lens: ${visibleText(uriBaseName(file))} is ` +
      'cut short: the view shows the events before the cut, and the events after it are lost.');
  }

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
