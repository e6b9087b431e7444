// "Export Findings": a quick pick of SARIF 2.1.0, CSV or JSON, a save dialog, and the core's
// exporter over a ScanReport of everything the Findings view holds (open documents and the
// workspace scan, suppressed findings included and marked), with paths relative to the
// workspace folder. Written through workspace.fs, so remote and virtual folders work too.
import * as vscode from 'vscode';
import { buildScanReport } from './file-results';
import {
  EXPORT_CHOICES, exportChoiceOf, renderExport, reportedRules, type ExportChoice,
} from './export-formats';
import { workspacePathOf, type ResultsHub } from './results';
import type { RuleStore } from './rule-store';

/** What the command works with. */
export interface ExportContext {
  extension: vscode.ExtensionContext;
  results: ResultsHub;
  rules: RuleStore;
}

/**
 * Runs the export; `format` ("sarif", "csv", "json") and `target` (a URI) skip the quick pick
 * and the save dialog when given. Returns the file written, if any.
 */
export async function exportFindings(c: ExportContext, format?: unknown,
  target?: unknown): Promise<vscode.Uri | undefined> {
  const results = c.results.all();
  if (results.length === 0) {
    void vscode.window.showInformationMessage('CloudTrail Lens: nothing to export yet. Open a ' +
      'CloudTrail file or run "CloudTrail Lens: Scan Workspace" first.');
    return undefined;
  }

  const choice = exportChoiceOf(format) ?? await pickFormat();
  if (choice === undefined) return undefined;
  const file = target instanceof vscode.Uri ? target : await askTarget(choice);
  if (file === undefined) return undefined;

  const set = await c.rules.ensure();
  const rules = reportedRules(set.all, new Set(set.active.map((loaded) => loaded.rule.id)));
  const report = buildScanReport(results, rules, workspacePathOf);
  const text = renderExport(choice.format, report, versionOf(c.extension));
  await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(text));

  const open = 'Open';
  void vscode.window.showInformationMessage(`CloudTrail Lens: exported ` +
    `${report.findings.length} findings and ${report.suppressed.length} suppressed ones of ` +
    `${report.files.length} files as ${choice.label}.`, open).then((answer) => {
    if (answer === open) void vscode.commands.executeCommand('vscode.open', file);
  });
  return file;
}

async function pickFormat(): Promise<ExportChoice | undefined> {
  const picked = await vscode.window.showQuickPick(EXPORT_CHOICES.map((choice) => ({
    label: choice.label, detail: choice.detail, choice,
  })), { title: 'CloudTrail Lens: Export Findings', placeHolder: 'Format' });
  return picked?.choice;
}

function askTarget(choice: ExportChoice): Thenable<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const [name, extensions] = choice.filter;
  return vscode.window.showSaveDialog({
    title: `CloudTrail Lens: Export Findings as ${choice.label}`,
    defaultUri: folder === undefined ? undefined : vscode.Uri.joinPath(folder, choice.fileName),
    filters: { [name]: extensions },
    saveLabel: 'Export',
  });
}

function versionOf(extension: vscode.ExtensionContext): string | undefined {
  const manifest = extension.extension.packageJSON as { version?: unknown };
  return typeof manifest.version === 'string' ? manifest.version : undefined;
}
