// "Scan Workspace": every CloudTrail file of the workspace, read through workspace.fs (so .gz
// files and files above VS Code's 50 MB document limit are scanned as well), sniffed, and
// scanned by the engine, with a cancellable progress notification. The results are a snapshot
// kept apart from the live results of open documents (file-results.ts merges the two, the live
// one winning); they publish no diagnostics, so that the Problems panel never shows a file
// twice. The snapshot is refreshed when a scanned file is saved, and scanned again in the
// background when rules, settings or exceptions change.
import * as vscode from 'vscode';
import { detectLayout } from '../core/layout';
import { scanText, type ExceptionMatcher } from '../core/scan';
import { decodeKeepingCut } from '../core/source/decode';
import type { TextProblem } from '../core/types';
import type { ExceptionSource } from './analyzer';
import { errorMessage } from './error-text';
import { toFileResult, unreadableResult, type FileResult } from './file-results';
import { gzViewUri } from './gz-view';
import { GZ_FILE_NAME } from './limits';
import type { ExtensionLog } from './log';
import { isInside } from './rule-locations';
import type { RuleSet, RuleStore } from './rule-store';
import { SECTION, readDocumentSettings } from './settings';
import { decideFromLayout } from './sniff';
import {
  MAX_SCAN_FILES, SCAN_EXCLUDE_GLOB, SCAN_INCLUDE_GLOB, progressIncrement, selectScanFiles,
  type ScanOutcome,
} from './workspace-scan-plan';

export { SCAN_WORKSPACE_COMMAND } from './command-ids';
export type { ScanOutcome } from './workspace-scan-plan';

/** What reading one file gave. */
type FileScan =
  | { kind: 'scanned' | 'unreadable'; result: FileResult }
  | { kind: 'skipped' };

export class WorkspaceScanner implements vscode.Disposable {
  private results = new Map<string, FileResult>();
  private running: vscode.CancellationTokenSource | undefined;
  private note: string | undefined;
  private hasRun = false;
  private readonly subscriptions: vscode.Disposable[];
  private readonly changed = new vscode.EventEmitter<void>();

  /** Fires when the snapshot changed. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly rules: RuleStore, private readonly exceptions: ExceptionSource,
    private readonly log: ExtensionLog) {
    this.subscriptions = [
      vscode.workspace.onDidSaveTextDocument((document) => this.rescanFile(document.uri)),
      vscode.workspace.onDidDeleteFiles((event) => this.forget(event.files)),
      vscode.workspace.onDidRenameFiles((event) => this.forget(event.files.map((f) => f.oldUri))),
    ];
  }

  /** Every scanned CloudTrail file, in scan order. */
  all(): FileResult[] {
    return [...this.results.values()];
  }

  /** The result for a URI (a file, or the decompressed view of a .json.gz). */
  get(uri: string): FileResult | undefined {
    return this.results.get(uri);
  }

  /** How the last scan ended, when it did not cover the workspace: "cancelled after ...". */
  scanNote(): string | undefined {
    return this.note;
  }

  /**
   * Scans the workspace. Interactive scans show a cancellable notification; background ones
   * (after a change of rules or exceptions) only a status bar spinner. A newer scan cancels
   * an older one, whose results are then dropped.
   */
  async scan(interactive: boolean): Promise<ScanOutcome | undefined> {
    this.running?.cancel();
    const source = new vscode.CancellationTokenSource();
    this.running = source;

    try {
      return await vscode.window.withProgress({
        location: interactive ? vscode.ProgressLocation.Notification
          : vscode.ProgressLocation.Window,
        title: 'CloudTrail Lens: scanning the workspace',
        cancellable: interactive,
      }, (progress, token) => {
        token.onCancellationRequested(() => source.cancel());
        return this.run(source, progress);
      });
    } finally {
      if (this.running === source) this.running = undefined;
      source.dispose();
    }
  }

  /** Scans again in the background, when a scan has been run before. */
  rescan(): void {
    if (!this.hasRun) return;
    this.scan(false).catch((error) => this.log.error('re-scanning the workspace failed', error));
  }

  dispose(): void {
    this.running?.cancel();
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }

  private async run(source: vscode.CancellationTokenSource,
    progress: vscode.Progress<{ message?: string; increment?: number }>):
    Promise<ScanOutcome | undefined> {
    const started = Date.now();
    const found = await vscode.workspace.findFiles(SCAN_INCLUDE_GLOB, SCAN_EXCLUDE_GLOB,
      MAX_SCAN_FILES, source.token);
    const selection = selectScanFiles(found.map((uri) => ({ uri: uri.toString(),
      path: uri.path })));
    const [rules] = await Promise.all([this.rules.ensure(), this.exceptions.ensure()]);
    // one instant for the whole scan, so that an item expiring midway applies to all or none
    const matcher = this.exceptions.matcher();

    const outcome: ScanOutcome = { candidates: selection.files.length, scanned: 0, skipped: 0,
      unreadable: 0, events: 0, findings: 0, suppressed: 0, cancelled: false,
      truncated: selection.truncated };
    const results = new Map<string, FileResult>();
    const step = progressIncrement(selection.files.length);
    const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;

    for (const [index, candidate] of selection.files.entries()) {
      if (source.token.isCancellationRequested) break;
      const file = vscode.Uri.parse(candidate.uri, true);
      progress.report({ message: `${index + 1} of ${selection.files.length}: ` +
        vscode.workspace.asRelativePath(file, multiRoot) });

      const scanned = await this.scanFile(file, rules, matcher);
      outcome[scanned.kind]++;
      if (scanned.kind !== 'skipped') {
        const { result } = scanned;
        results.set(result.uri, result);
        outcome.events += result.file.events;
        outcome.findings += result.findings.length;
        outcome.suppressed += result.suppressed.length;
      }
      progress.report({ increment: step });

      // let the extension host answer hovers and edits between two files
      await new Promise((resolve) => setTimeout(resolve, 0));
    }

    // a newer scan started meanwhile: it decides what the view shows
    if (this.running !== source) return undefined;
    outcome.cancelled = source.token.isCancellationRequested;
    const done = outcome.scanned + outcome.skipped + outcome.unreadable;
    this.note = outcome.cancelled ? `cancelled after ${done} of ${outcome.candidates} files`
      : outcome.truncated ? `stopped at ${MAX_SCAN_FILES} files` : undefined;
    this.results = results;
    this.hasRun = true;
    this.changed.fire();

    this.log.info(`workspace scan: ${outcome.scanned} CloudTrail files of ${done} read ` +
      `(${outcome.skipped} not CloudTrail, ${outcome.unreadable} unreadable), ` +
      `${outcome.events} events, ${outcome.findings} findings, ${outcome.suppressed} ` +
      `suppressed, ${Date.now() - started} ms${outcome.cancelled ? ', cancelled' : ''}`);
    return outcome;
  }

  /** Reads, sniffs and scans one file. */
  private async scanFile(file: vscode.Uri, rules: RuleSet,
    matcher: ExceptionMatcher | undefined): Promise<FileScan> {
    const target = GZ_FILE_NAME.test(file.path) ? gzViewUri(file) : file;
    const id = target.toString();

    let text: string;
    let cut: TextProblem | undefined;
    try {
      ({ text, cut } = decodeKeepingCut(await vscode.workspace.fs.readFile(file)));
    } catch (error) {
      this.log.warn(`workspace scan: cannot read ${file.toString(true)}: ${errorMessage(error)}`);
      const message = `cannot read the file: ${errorMessage(error)}`;
      return { kind: 'unreadable', result: unreadableResult(id, file.toString(), message) };
    }

    const decision = decideFromLayout(detectLayout(text), false);
    if (!decision.analyze) return { kind: 'skipped' };

    const settings = readDocumentSettings(vscode.workspace.getConfiguration(SECTION, file));
    try {
      const result = scanText(text, rules.active, { pruning: settings.pruning,
        retain: settings.retain, exceptions: matcher });
      // a cut .json.gz: its events before the cut are kept, and the cut is shown at the end
      if (cut !== undefined) result.problems.push(cut);
      return { kind: 'scanned',
        result: toFileResult(id, file.toString(), 'workspace-scan', text, result) };
    } catch (error) {
      this.log.error(`workspace scan: analysing ${file.toString(true)} failed`, error);
      return { kind: 'unreadable', result: unreadableResult(id, file.toString(),
        `CloudTrail Lens could not analyse this file: ${errorMessage(error)}`) };
    }
  }

  /** A scanned file was saved: scan it again so that the snapshot follows. */
  private rescanFile(uri: vscode.Uri): void {
    const known = this.all().find((r) => r.sourceUri === uri.toString());
    if (known === undefined || this.running !== undefined) return;

    void (async () => {
      const [rules] = await Promise.all([this.rules.ensure(), this.exceptions.ensure()]);
      const scanned = await this.scanFile(uri, rules, this.exceptions.matcher());
      if (scanned.kind === 'skipped') this.results.delete(known.uri);
      else this.results.set(scanned.result.uri, scanned.result);
      this.changed.fire();
    })().catch((error) => this.log.error('re-scanning a saved file failed', error));
  }

  /** Files deleted or renamed in VS Code leave the snapshot (folders with all they hold). */
  private forget(uris: readonly vscode.Uri[]): void {
    const gone = uris.map((uri) => uri.toString());
    let changed = false;
    for (const [key, result] of this.results) {
      if (gone.some((uri) => isInside(result.sourceUri, uri))) {
        this.results.delete(key);
        changed = true;
      }
    }
    if (changed) this.changed.fire();
  }
}
