// Notices files the extension cannot see as documents: .gz files (shown as binary) and files
// above 50 MB (never passed to extensions). When such a file opens in a tab, offer once to
// open a decompressed view or to analyse the file from disk.
import * as vscode from 'vscode';
import { visibleText } from '../core/display-text';
import { GZ_FILE_NAME, LOG_FILE_NAME, SYNC_LIMIT_CHARS, megabytes } from './limits';
import { GZ_SCHEME } from './sniff';
import { uriBaseName } from './uri-name';

export const ANALYZE_FILE_COMMAND = 'cloudtrailLens.analyzeFile';
export const OPEN_DECOMPRESSED_COMMAND = 'cloudtrailLens.openDecompressed';

// the tab event can arrive before the document's open event
const SETTLE_MS = 500;

export class LargeFileWatcher implements vscode.Disposable {
  private readonly offered = new Set<string>();
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.subscription = vscode.window.tabGroups.onDidChangeTabs((event) => {
      for (const tab of event.opened) void this.check(tab);
    });
    for (const group of vscode.window.tabGroups.all) {
      for (const tab of group.tabs) void this.check(tab);
    }
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private async check(tab: vscode.Tab): Promise<void> {
    if (!(tab.input instanceof vscode.TabInputText)) return;
    const uri = tab.input.uri;
    const id = uri.toString();
    if (uri.scheme === GZ_SCHEME || this.offered.has(id) || !LOG_FILE_NAME.test(uri.path)) return;

    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const compressed = GZ_FILE_NAME.test(uri.path);
    if (!compressed && vscode.workspace.textDocuments.some((d) => d.uri.toString() === id)) return;

    let size: number;
    try {
      size = (await vscode.workspace.fs.stat(uri)).size;
    } catch {
      return;
    }
    if (this.offered.has(id)) return;
    if (compressed) {
      this.offered.add(id);
      await this.offerDecompressed(uri);
    } else if (size > SYNC_LIMIT_CHARS) {
      this.offered.add(id);
      await this.offerDiskAnalysis(uri, size);
    }
  }

  private async offerDecompressed(uri: vscode.Uri): Promise<void> {
    const open = 'Open Decompressed View';
    const analyse = 'Analyze from Disk';
    const choice = await vscode.window.showInformationMessage(
      `${name(uri)} is compressed, so VS Code shows it as binary. CloudTrail Lens can open a ` +
      'read-only decompressed view and analyse it.', open, analyse);
    if (choice === open) await vscode.commands.executeCommand(OPEN_DECOMPRESSED_COMMAND, uri);
    if (choice === analyse) await vscode.commands.executeCommand(ANALYZE_FILE_COMMAND, uri);
  }

  private async offerDiskAnalysis(uri: vscode.Uri, size: number): Promise<void> {
    const analyse = 'Analyze from Disk';
    const choice = await vscode.window.showWarningMessage(
      `${name(uri)} is ${megabytes(size)}: VS Code does not pass files above 50 MB to ` +
      'extensions, so CloudTrail Lens cannot analyse it as you edit. It can read it from disk.',
      analyse);
    if (choice === analyse) await vscode.commands.executeCommand(ANALYZE_FILE_COMMAND, uri);
  }
}

function name(uri: vscode.Uri): string {
  return visibleText(uriBaseName(uri));
}
