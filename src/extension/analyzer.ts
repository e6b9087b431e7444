// Document -> findings. Sniffs the layout before any real work, analyses at once on open and
// throttled on edits, never publishes a result for an older state of a document, keeps one
// result per document, and forgets it on close. Files too large for an editor document are
// read from disk through workspace.fs. Findings that a workspace exception suppresses are kept
// apart (for the Findings view) and never diagnosed.
import * as vscode from 'vscode';
import { visibleText } from '../core/display-text';
import { detectLayout } from '../core/layout';
import { LineIndex } from '../core/positions';
import type { PlacedFinding } from '../core/report';
import { IncrementalScanner } from '../core/fast/incremental-scanner';
import { scanText, type ExceptionMatcher, type ScanOptions } from '../core/scan';
import { decodeBytes } from '../core/source/decode';
import type { LayoutKind, ScanResult, TextProblem } from '../core/types';
import { AnalysisScheduler, systemClock } from './analysis-scheduler';
import { buildDiagnostics, failureDiagnostic, type DiagnosticData } from './diagnostics';
import { toDiagnostic } from './diagnostics-adapter';
import { isExceptionsFilePath } from './exception-diagnostics';
import { toFileResult, type FileResult } from './file-results';
import { gzSourceUri, gzViewUri } from './gz-view';
import { GZ_FILE_NAME, SYNC_LIMIT_CHARS } from './limits';
import type { ExtensionLog } from './log';
import type { RuleSet, RuleStore } from './rule-store';
import { SECTION, readDocumentSettings, type DocumentSettings } from './settings';
import { GZ_SCHEME, decideFromLayout, isCandidate } from './sniff';
import { errorMessage } from './error-text';
import { EditTracker } from './edit-tracker';

/** The result of analysing one document or file. */
export interface Analysis {
  uri: vscode.Uri;
  /** The document version analysed; undefined for a file read from disk. */
  version: number | undefined;
  fromDisk: boolean;
  layout: LayoutKind;
  events: number;
  /** The active findings, placed (zero-based lines and characters of each span). */
  findings: readonly PlacedFinding[];
  /** Findings an exception suppressed: not diagnosed, listed on request in the view. */
  suppressed: readonly PlacedFinding[];
  problems: readonly TextProblem[];
  /** The result as the Findings view, the exports and the summary read it. */
  result: FileResult;
  /** The analysed text, kept only for files read from disk (open documents have their own). */
  text: string | undefined;
  ruleGeneration: number;
  settingsGeneration: number;
}

/** What the incremental path keeps of a document between analyses. */
interface IncrementalState {
  scanner: IncrementalScanner;
  /** Rule and settings generations the scanner was built for (exceptions count as settings). */
  context: string;
  edits: EditTracker;
}

/** The rule exceptions a scan applies (exception-store.ts). */
export interface ExceptionSource {
  /** Loads the exceptions file once, if it has not been loaded yet. */
  ensure(): Promise<void>;
  /** The matcher for scanText, with expiry judged now; undefined when none apply. */
  matcher(): ExceptionMatcher | undefined;
}

export class Analyzer implements vscode.Disposable {
  private readonly results = new Map<string, Analysis>();
  /** Documents analysed on request although they did not look like CloudTrail. */
  private readonly forced = new Set<string>();
  /** Files analysed from disk: view or file URI -> the file to read again. */
  private readonly diskFiles = new Map<string, vscode.Uri>();
  private readonly scheduler: AnalysisScheduler;
  private settingsGeneration = 0;
  /** Per open document: the engine state of its last analysis, and the edits made since. */
  private readonly incremental = new Map<string, IncrementalState>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri | undefined>();

  /** Fires with the URI whose results changed, or undefined when all may have. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly rules: RuleStore, private readonly exceptions: ExceptionSource,
    private readonly collection: vscode.DiagnosticCollection,
    private readonly log: ExtensionLog, throttleMs: number) {
    this.scheduler = new AnalysisScheduler((key, generation) => {
      const document = findDocument(key);
      if (document !== undefined) void this.analyzeDocument(document, generation);
    }, systemClock, throttleMs);
  }

  /** The result for a URI (a document, a decompressed view or a file read from disk). */
  get(uri: vscode.Uri | string): Analysis | undefined {
    return this.results.get(typeof uri === 'string' ? uri : uri.toString());
  }

  /** Every result, for the Findings view. */
  all(): Analysis[] {
    return [...this.results.values()];
  }

  /** A document was opened or became visible: analyse at once (or reuse the cached result). */
  opened(document: vscode.TextDocument): void {
    if (this.wants(document)) this.scheduler.now(key(document));
  }

  /** A document was edited: analyse after the throttle delay. */
  edited(event: vscode.TextDocumentChangeEvent): void {
    if (event.contentChanges.length === 0) return;

    const id = key(event.document);
    this.incremental.get(id)?.edits.record(event.contentChanges, event.document.version);
    if (this.wants(event.document)) this.scheduler.later(id);
  }

  /** A document was closed: drop its pending work, results and diagnostics. */
  closed(document: vscode.TextDocument): void {
    const id = key(document);
    this.scheduler.cancel(id);
    this.forced.delete(id);
    this.diskFiles.delete(id);
    this.incremental.delete(id);
    this.remove(id, document.uri);
  }

  /** "Analyze Current File": analyse whatever the document holds, CloudTrail-shaped or not. */
  force(document: vscode.TextDocument): Promise<Analysis | undefined> {
    const id = key(document);
    this.forced.add(id);
    return this.analyzeDocument(document, this.scheduler.begin(id));
  }

  /** Reads a file through workspace.fs and analyses it without an editor document. */
  async analyzeFile(file: vscode.Uri): Promise<Analysis | undefined> {
    const target = GZ_FILE_NAME.test(file.path) ? gzViewUri(file) : file;
    const open = findDocument(target.toString());
    if (open !== undefined) return this.force(open);

    const id = target.toString();
    const generation = this.scheduler.begin(id);
    this.diskFiles.set(id, file);
    const name = visibleText(file.path.slice(file.path.lastIndexOf('/') + 1));
    const title = `CloudTrail Lens: analysing ${name}`;
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title },
      async () => {
        const bytes = await vscode.workspace.fs.readFile(file);
        if (!this.scheduler.isCurrent(id, generation)) return undefined;

        const { text } = decodeBytes(bytes);
        const decision = decideFromLayout(detectLayout(text), true);
        const [rules] = await Promise.all([this.rules.ensure(), this.exceptions.ensure()]);
        if (!this.scheduler.isCurrent(id, generation)) return undefined;

        const settings = readDocumentSettings(vscode.workspace.getConfiguration(SECTION, file));
        const analysis = this.publish(target, file, text, undefined, rules, settings);
        if (decision.analyze && decision.notice !== undefined) {
          void vscode.window.showInformationMessage(`CloudTrail Lens: ${decision.notice}`);
        }
        return analysis;
      });
  }

  /** Settings or rules changed: forget every result and analyse everything again. */
  refreshAll(): void {
    this.settingsGeneration += 1;
    for (const document of vscode.workspace.textDocuments) {
      if (this.wants(document)) this.scheduler.now(key(document));
    }
    for (const [id, file] of this.diskFiles) {
      if (findDocument(id) !== undefined) continue;
      this.analyzeFile(file).catch((error) => this.log.error('re-reading a file failed', error));
    }
  }

  /** The throttle delay setting changed. */
  setThrottle(ms: number): void {
    this.scheduler.setThrottle(ms);
  }

  dispose(): void {
    this.scheduler.dispose();
    this.changed.dispose();
  }

  /**
   * Scans a document's text, re-reading only what changed since its last analysis when the
   * rules, settings and exceptions are the same and every edit since was followed.
   */
  private scanDocument(id: string, text: string, version: number, rules: RuleSet,
    options: ScanOptions): ScanResult {
    const context = `${rules.generation}:${this.settingsGeneration}`;
    const last = this.incremental.get(id);
    const edit = last?.context === context ? last.edits.editTo(version, text.length) : undefined;

    let result: ScanResult;
    if (last !== undefined && edit !== undefined) {
      result = last.scanner.applyEdit(text, edit);
      this.log.debug(`re-read ${id}: ${last.scanner.lastStats.mode}, `
        + `${last.scanner.lastStats.evaluated} events evaluated`);
    } else {
      const scanner = new IncrementalScanner(rules.active, options);
      result = scanner.scanFull(text);
      this.incremental.set(id, { scanner, context, edits: new EditTracker(version, text.length) });
      return result;
    }

    last.edits = new EditTracker(version, text.length);
    return result;
  }

  private wants(document: vscode.TextDocument): boolean {
    // the exceptions file is JSON too, but it is read by exception-store.ts, never scanned
    if (isExceptionsFilePath(document.uri.path)) return false;
    return this.forced.has(key(document)) || isCandidate({
      languageId: document.languageId, scheme: document.uri.scheme, path: document.uri.path,
    });
  }

  private async analyzeDocument(document: vscode.TextDocument,
    generation: number): Promise<Analysis | undefined> {
    const id = key(document);
    const forced = this.forced.has(id);
    const settings = readDocumentSettings(
      vscode.workspace.getConfiguration(SECTION, document.uri));
    if (!settings.enable && !forced) {
      this.remove(id, document.uri);
      return undefined;
    }

    // an editor becoming visible again costs nothing when nothing changed
    const version = document.version;
    const cached = this.results.get(id);
    if (cached !== undefined && !cached.fromDisk && cached.version === version &&
      cached.ruleGeneration === this.rules.current()?.generation &&
      cached.settingsGeneration === this.settingsGeneration) {
      return cached;
    }

    // sniff the layout before loading any rule
    const text = document.getText();
    const decision = decideFromLayout(detectLayout(text), forced);
    if (!decision.analyze) {
      this.log.debug(`not analysing ${document.uri.toString(true)}: ${decision.reason}`);
      this.remove(id, document.uri);
      return undefined;
    }

    const [rules] = await Promise.all([this.rules.ensure(), this.exceptions.ensure()]);
    if (!this.scheduler.isCurrent(id, generation) || document.isClosed ||
      document.version !== version) {
      return undefined;
    }

    const source = document.uri.scheme === GZ_SCHEME ? gzSourceUri(document.uri) : document.uri;
    const analysis = this.publish(document.uri, source, text, version, rules, settings);
    if (forced && decision.notice !== undefined) {
      void vscode.window.showInformationMessage(`CloudTrail Lens: ${decision.notice}`);
    }
    return analysis;
  }

  /** Scans, publishes diagnostics and stores the result; engine failures become a diagnostic. */
  private publish(uri: vscode.Uri, source: vscode.Uri, text: string,
    version: number | undefined, rules: RuleSet, settings: DocumentSettings):
    Analysis | undefined {
    const id = uri.toString();
    const started = performance.now();
    let result: ScanResult;
    try {
      const options: ScanOptions = { pruning: settings.pruning, retain: settings.retain,
        exceptions: this.exceptions.matcher() };
      result = version === undefined ? scanText(text, rules.active, options)
        : this.scanDocument(id, text, version, rules, options);
    } catch (error) {
      this.log.error(`analysing ${uri.toString(true)} failed`, error);
      this.collection.set(uri, [toDiagnostic(failureDiagnostic(errorMessage(error)))]);
      this.results.delete(id);
      this.changed.fire(uri);
      return undefined;
    }

    const lines = new LineIndex(text);
    const diagnostics: DiagnosticData[] = buildDiagnostics({
      documentUri: id,
      findings: result.findings,
      problems: result.problems,
      textLength: text.length,
      positionAt: (offset) => lines.positionAt(offset),
      settings,
    });
    this.collection.set(uri, diagnostics.map((data) => toDiagnostic(data, uri)));

    const fromDisk = version === undefined;
    const placed = toFileResult(id, source.toString(), fromDisk ? 'disk' : 'editor', text, result);
    const analysis: Analysis = {
      uri, version, fromDisk, layout: result.layout, events: result.events,
      findings: placed.findings, suppressed: placed.suppressed, problems: result.problems,
      result: placed,
      // keep a disk file's text for the guide, unless it is too large to keep around
      text: fromDisk && text.length <= SYNC_LIMIT_CHARS ? text : undefined,
      ruleGeneration: rules.generation, settingsGeneration: this.settingsGeneration,
    };
    this.results.set(id, analysis);

    this.log.debug(`analysed ${uri.toString(true)}: layout ${result.layout}, ` +
      `${result.events} events, ${result.findings.length} findings, ` +
      `${result.suppressed.length} suppressed, ${result.problems.length} problems, ` +
      `${(performance.now() - started).toFixed(1)} ms`);
    this.changed.fire(uri);
    return analysis;
  }

  private remove(id: string, uri: vscode.Uri): void {
    this.collection.delete(uri);
    if (this.results.delete(id)) this.changed.fire(uri);
  }
}

function key(document: vscode.TextDocument): string {
  return document.uri.toString();
}

function findDocument(id: string): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((document) => document.uri.toString() === id);
}
