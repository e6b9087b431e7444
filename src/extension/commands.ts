// The extension's commands. Each takes its arguments from wherever VS Code calls it (palette,
// explorer context menu, command URI, tree item) and validates them before use.
import * as vscode from 'vscode';
import type { Analyzer } from './analyzer';
import type { GuideTarget } from './guide/guide-types';
import { parseGuideTarget } from './guide/messages';
import { GuidePanel } from './guide/panel';
import { revealSpan, type ExtensionGuideHost } from './guide-host';
import { OPEN_GUIDE_COMMAND } from './guide-target';
import { gzViewUri } from './gz-view';
import { guideTargetOfNode } from './findings-tree-model';
import { REVEAL_FINDING_COMMAND } from './findings-view';
import { ANALYZE_FILE_COMMAND, OPEN_DECOMPRESSED_COMMAND } from './large-files';
import { GZ_FILE_NAME } from './limits';
import { SHOW_LOG_COMMAND, type ExtensionLog } from './log';
import type { RuleStore } from './rule-store';
import { errorMessage } from './error-text';

export const ANALYZE_CURRENT_FILE_COMMAND = 'cloudtrailLens.analyzeCurrentFile';
export const RELOAD_RULES_COMMAND = 'cloudtrailLens.reloadRules';

/** What the commands work with. */
export interface CommandContext {
  extension: vscode.ExtensionContext;
  analyzer: Analyzer;
  rules: RuleStore;
  host: ExtensionGuideHost;
  log: ExtensionLog;
  /** Re-analyses everything after the rules were reloaded. */
  refresh(): void;
}

/** Registers every command; the disposables belong in context.subscriptions. */
export function registerCommands(c: CommandContext): vscode.Disposable[] {
  const register = (id: string, run: (...args: unknown[]) => Promise<void> | void) =>
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        await run(...args);
      } catch (error) {
        c.log.error(`command ${id} failed`, error);
        void vscode.window.showErrorMessage(`CloudTrail Lens: ${errorMessage(error)}`);
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
    register(REVEAL_FINDING_COMMAND, async (uri, index) => {
      if (typeof uri !== 'string' || typeof index !== 'number') return;
      const finding = c.analyzer.get(uri)?.findings[index];
      if (finding !== undefined) await revealSpan(c.analyzer, vscode.Uri.parse(uri), finding.span);
    }),
    register(RELOAD_RULES_COMMAND, async () => {
      const set = await c.rules.reload();
      c.refresh();
      vscode.window.setStatusBarMessage(`CloudTrail Lens: ${set.active.length} rules active`, 4000);
    }),
    register(SHOW_LOG_COMMAND, () => c.log.show()),
  ];
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
  const items = set.all.map((rule) => ({
    label: rule.name,
    description: [rule.severity, `risk ${rule.riskScore}`,
      rule.support.supported ? (active.has(rule.id) ? undefined : 'disabled') : 'not evaluated']
      .filter((part) => part !== undefined).join(' \u00b7 '),
    detail: rule.id,
    ruleId: rule.id,
  }));
  const choice = await vscode.window.showQuickPick(items, {
    title: 'CloudTrail Lens: Open Investigation Guide',
    placeHolder: 'Rule',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return choice === undefined ? undefined : { ruleId: choice.ruleId };
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
