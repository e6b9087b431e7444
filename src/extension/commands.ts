// The extension's commands. Each takes its arguments from wherever VS Code calls it (palette,
// explorer context menu, command URI, tree item, code action) and validates them before use.
// A command's result is passed on, so that tests can read what a command did.
import * as vscode from 'vscode';
import { visibleText } from '../core/display-text';
import type { Rule } from '../core/types';
import { OPEN_EXCEPTIONS_FILE_COMMAND, addException, openExceptionsFile } from './add-exception';
import type { Analyzer } from './analyzer';
import { inertIcons } from './code-lens-plan';
import { ADD_EXCEPTION_COMMAND } from './exception-actions';
import type { ExceptionStore } from './exception-store';
import { exportFindings } from './export-command';
import { EXPORT_FINDINGS_COMMAND } from './export-formats';
import type { GuideTarget } from './guide/guide-types';
import { parseGuideTarget } from './guide/messages';
import { GuidePanel } from './guide/panel';
import { revealRange, type ExtensionGuideHost } from './guide-host';
import { FOCUS_FINDINGS_COMMAND, OPEN_GUIDE_COMMAND } from './guide-target';
import { gzViewUri } from './gz-view';
import { guideTargetOfNode } from './findings-tree-model';
import {
  HIDE_SUPPRESSED_COMMAND, REVEAL_FINDING_COMMAND, SHOW_SUPPRESSED_COMMAND, type FindingsView,
} from './findings-view';
import { ANALYZE_FILE_COMMAND, OPEN_DECOMPRESSED_COMMAND } from './large-files';
import { GZ_FILE_NAME } from './limits';
import { SHOW_LOG_COMMAND, type ExtensionLog } from './log';
import type { ResultsHub } from './results';
import type { RuleStore } from './rule-store';
import { errorMessage } from './error-text';
import { SHOW_SUMMARY_COMMAND, showSummary } from './summary-view';
import { SCAN_WORKSPACE_COMMAND, type WorkspaceScanner } from './workspace-scan';
import { describeScanOutcome, type ScanOutcome } from './workspace-scan-plan';

export const ANALYZE_CURRENT_FILE_COMMAND = 'cloudtrailLens.analyzeCurrentFile';
export const RELOAD_RULES_COMMAND = 'cloudtrailLens.reloadRules';

/** Shows the Findings view once something has been analysed or scanned. */
export const ACTIVE_CONTEXT_KEY = 'cloudtrailLens.active';

/** What the commands work with. */
export interface CommandContext {
  extension: vscode.ExtensionContext;
  analyzer: Analyzer;
  rules: RuleStore;
  host: ExtensionGuideHost;
  log: ExtensionLog;
  results: ResultsHub;
  scanner: WorkspaceScanner;
  exceptions: ExceptionStore;
  view: FindingsView;
  /** Re-analyses everything after the rules were reloaded. */
  refresh(): void;
}

/** Registers every command; the disposables belong in context.subscriptions. */
export function registerCommands(c: CommandContext): vscode.Disposable[] {
  const register = (id: string, run: (...args: unknown[]) => unknown) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await run(...args);
      } catch (error) {
        c.log.error(`command ${id} failed`, error);
        void vscode.window.showErrorMessage(`CloudTrail Lens: ${errorMessage(error)}`);
        return undefined;
      }
    });

  return [
    register(ANALYZE_CURRENT_FILE_COMMAND, () => analyzeCurrentFile(c)),
    register(ANALYZE_FILE_COMMAND, async (arg) => {
      const file = asUri(arg) ?? activeTabUri() ?? await pickFile();
      if (file !== undefined) report(await c.analyzer.analyzeFile(file));
    }),
    register(OPEN_DECOMPRESSED_COMMAND, async (arg) => {
      const file = asUri(arg) ?? gzTabUri() ?? await pickFile({ 'Compressed logs': ['gz'] });
      if (file === undefined) return;
      await vscode.window.showTextDocument(gzViewUri(file), { preview: false });
    }),
    register(OPEN_GUIDE_COMMAND, async (arg) => {
      // from a command URI or another command, or a rule or event of the Findings view
      const target = parseGuideTarget(arg) ?? parseGuideTarget(guideTargetOfNode(arg)) ??
        await pickRule(c.rules);
      if (target !== undefined) GuidePanel.show(c.extension, c.host, target);
    }),
    register(REVEAL_FINDING_COMMAND, async (uri, index, list) => {
      if (typeof uri !== 'string' || typeof index !== 'number') return;
      const finding = c.results.finding(uri, index, list === 'suppressed' ? list : 'findings');
      if (finding !== undefined) await revealRange(vscode.Uri.parse(uri), finding.range);
    }),
    register(RELOAD_RULES_COMMAND, async () => {
      const set = await c.rules.reload();
      c.refresh();
      vscode.window.setStatusBarMessage(`CloudTrail Lens: ${set.active.length} rules active`, 4000);
    }),
    register(SHOW_LOG_COMMAND, () => c.log.show()),
    register(ADD_EXCEPTION_COMMAND, (arg) => addException(c, arg)),
    register(OPEN_EXCEPTIONS_FILE_COMMAND, () => openExceptionsFile(c.exceptions)),
    register(SHOW_SUPPRESSED_COMMAND, () => c.view.setShowSuppressed(true)),
    register(HIDE_SUPPRESSED_COMMAND, () => c.view.setShowSuppressed(false)),
    register(SCAN_WORKSPACE_COMMAND, () => scanWorkspace(c)),
    register(EXPORT_FINDINGS_COMMAND, (format, target) => exportFindings(c, format, target)),
    register(SHOW_SUMMARY_COMMAND, () => showSummary(c.log)),
  ];
}

/** Scans the workspace and says what it found; returns the outcome (undefined if superseded). */
async function scanWorkspace(c: CommandContext): Promise<ScanOutcome | undefined> {
  if ((vscode.workspace.workspaceFolders?.length ?? 0) === 0) {
    void vscode.window.showInformationMessage('CloudTrail Lens: open a folder to scan it.');
    return undefined;
  }

  const outcome = await c.scanner.scan(true);
  if (outcome === undefined) return undefined;
  void vscode.commands.executeCommand('setContext', ACTIVE_CONTEXT_KEY, true);

  const summary = 'Show Summary';
  const view = 'Show Findings';
  void vscode.window.showInformationMessage(describeScanOutcome(outcome), view, summary)
    .then((choice) => {
      if (choice === view) void vscode.commands.executeCommand(FOCUS_FINDINGS_COMMAND);
      if (choice === summary) void vscode.commands.executeCommand(SHOW_SUMMARY_COMMAND);
    });
  return outcome;
}

/** Analyses the active editor's document whatever it holds, or the active tab's file. */
async function analyzeCurrentFile(c: CommandContext): Promise<void> {
  const document = vscode.window.activeTextEditor?.document;
  if (document !== undefined) {
    report(await c.analyzer.force(document));
    return;
  }

  // a .gz or a file above 50 MB has a tab but no document: read it from disk
  const file = activeTabUri();
  if (file !== undefined) {
    report(await c.analyzer.analyzeFile(file));
    return;
  }
  void vscode.window.showInformationMessage('CloudTrail Lens: open a file to analyse first.');
}

function report(analysis: { findings: readonly unknown[]; events: number } | undefined): void {
  if (analysis === undefined) return;
  const count = analysis.findings.length;
  vscode.window.setStatusBarMessage(`CloudTrail Lens: ${count} ` +
    `${count === 1 ? 'finding' : 'findings'} in ${analysis.events} events`, 4000);
}

/** Lets the user pick one of the loaded rules. */
async function pickRule(rules: RuleStore): Promise<GuideTarget | undefined> {
  const set = await rules.ensure();
  if (set.all.length === 0) {
    void vscode.window.showInformationMessage('CloudTrail Lens: no rules are loaded.');
    return undefined;
  }

  const active = new Set(set.active.map((loaded) => loaded.rule.id));
  const choice = await vscode.window.showQuickPick(ruleQuickPickItems(set.all, active), {
    title: 'CloudTrail Lens: Open Investigation Guide',
    placeHolder: 'Rule',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return choice === undefined ? undefined : { ruleId: choice.ruleId };
}

/** A rule of the "Open Investigation Guide" quick pick; ruleId keeps the exact id. */
export interface RuleQuickPickItem {
  label: string;
  description: string;
  detail: string;
  ruleId: string;
}

/**
 * The quick pick items of the loaded rules. Names and ids come from rule files: they are shown
 * with their hidden characters made visible, and "$(name)" in them stays text.
 */
export function ruleQuickPickItems(rules: readonly Rule[],
  active: ReadonlySet<string>): RuleQuickPickItem[] {
  return rules.map((rule) => ({
    label: inertIcons(visibleText(rule.name)),
    description: [rule.severity, `risk ${rule.riskScore}`,
      rule.support.supported ? (active.has(rule.id) ? undefined : 'disabled') : 'not evaluated']
      .filter((part) => part !== undefined).join(' \u00b7 '),
    detail: inertIcons(visibleText(rule.id)),
    ruleId: rule.id,
  }));
}

function asUri(value: unknown): vscode.Uri | undefined {
  return value instanceof vscode.Uri ? value : undefined;
}

function activeTabUri(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputText ? input.uri : undefined;
}

function gzTabUri(): vscode.Uri | undefined {
  const uri = activeTabUri();
  return uri !== undefined && GZ_FILE_NAME.test(uri.path) ? uri : undefined;
}

async function pickFile(filters?: Record<string, string[]>): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false, openLabel: 'Analyze', filters,
  });
  return picked?.[0];
}
