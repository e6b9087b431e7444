// The workspace's rule exceptions: `.cloudtrail-lens/exceptions.json` in the first workspace
// folder, read through workspace.fs and watched, so that saving it re-analyses everything.
// Scans apply what is saved (as the CLI would); the diagnostics on the file follow the editor
// while it is open, so that they stay where the problems are as the user types. In Restricted
// Mode the file is not applied: a folder from someone else could otherwise hide detections.
import * as vscode from 'vscode';
import {
  EXCEPTIONS_FILE_PATH, createExceptionMatcher, parseExceptionsFile, type ExceptionsFile,
  type ParseExceptionsResult,
} from '../core/exceptions';
import { fieldTypeOf } from '../core/ecs';
import type { ExceptionMatcher } from '../core/scan';
import type { ExceptionSource } from './analyzer';
import { toDiagnostic } from './diagnostics-adapter';
import { errorMessage } from './error-text';
import { exceptionsFileDiagnostics, nextExpiryDelay } from './exception-diagnostics';
import type { ExtensionLog } from './log';

// saving can raise several watcher events (write, then attribute change)
const RELOAD_DELAY_MS = 150;
const RECHECK_DELAY_MS = 250;
// fire a little after the expiry instant; a timer cannot wait more than 2^31 - 1 ms
const EXPIRY_MARGIN_MS = 1000;
const MAX_TIMER_MS = 2 ** 31 - 1;

/** What was last read from disk. */
interface Loaded {
  uri: vscode.Uri;
  /** The saved text; undefined when there is no file. */
  text: string | undefined;
  file: ExceptionsFile | undefined;
}

export class ExceptionStore implements ExceptionSource, vscode.Disposable {
  private loaded: Loaded | undefined;
  private loading: Promise<void> | undefined;
  /** Nothing is analysed before the first read ends (analyses await it): no event for it. */
  private readOnce = false;
  private watcher: vscode.FileSystemWatcher | undefined;
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  private recheckTimer: ReturnType<typeof setTimeout> | undefined;
  private expiryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<void>();

  /** Fires when what the exceptions suppress may have changed: analyse everything again. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: ExtensionLog,
    private readonly collection: vscode.DiagnosticCollection,
    private readonly knownRuleIds: () => ReadonlySet<string> | undefined) {
    this.watch();
    this.subscriptions.push(
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        this.watch();
        this.scheduleReload();
      }),
      // granting trust reloads the rules and analyses everything again (activate.ts); the
      // matcher reads the trust state each time, so only the diagnostics need updating
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.recheck()),
      vscode.workspace.onDidSaveTextDocument((document) => {
        if (this.isFile(document.uri)) this.scheduleReload();
      }),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (this.isFile(event.document.uri) && event.contentChanges.length > 0) {
          this.scheduleRecheck();
        }
      }),
      vscode.workspace.onDidOpenTextDocument((document) => {
        if (this.isFile(document.uri)) void this.ensure().then(() => this.recheck());
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (this.isFile(document.uri)) this.recheck();
      }),
    );
  }

  /** The exceptions file of the workspace, or undefined when no folder is open. */
  fileUri(): vscode.Uri | undefined {
    const folder = vscode.workspace.workspaceFolders?.[0];
    return folder === undefined ? undefined : vscode.Uri.joinPath(folder.uri,
      ...EXCEPTIONS_FILE_PATH.split('/'));
  }

  /** Whether a URI is the workspace's exceptions file. */
  isFile(uri: vscode.Uri): boolean {
    return uri.toString() === this.fileUri()?.toString();
  }

  /** Loads the file once; later changes arrive through the watcher and reload(). */
  ensure(): Promise<void> {
    if (this.loaded !== undefined) return Promise.resolve();
    return this.loading ?? this.reload();
  }

  /** Reads the file again; fires onDidChange when its saved content changed. */
  reload(): Promise<void> {
    const loading = this.read().finally(() => {
      if (this.loading === loading) this.loading = undefined;
    });
    this.loading = loading;
    return loading;
  }

  /** The matcher for scans, with expiry judged now; undefined when nothing applies. */
  matcher(): ExceptionMatcher | undefined {
    const file = this.loaded?.file;
    if (file === undefined || !vscode.workspace.isTrusted) return undefined;
    return createExceptionMatcher(file, new Date());
  }

  /** The items that loaded from the saved file (for ids of new items, and tests). */
  current(): ExceptionsFile | undefined {
    return this.loaded?.file;
  }

  /** Checks the file again (the rules changed, or the editor's text did) and shows problems. */
  recheck(): void {
    const loaded = this.loaded;
    if (loaded === undefined) return;

    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() ===
      loaded.uri.toString());
    const text = open?.getText() ?? loaded.text;
    if (text === undefined) {
      this.collection.delete(loaded.uri);
      return;
    }
    const parsed = this.parse(text, loaded.uri);
    this.collection.set(loaded.uri, exceptionsFileDiagnostics(text, parsed, new Date(),
      vscode.workspace.isTrusted).map((data) => toDiagnostic(data, loaded.uri)));
  }

  dispose(): void {
    for (const timer of [this.reloadTimer, this.recheckTimer, this.expiryTimer]) {
      if (timer !== undefined) clearTimeout(timer);
    }
    this.watcher?.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }

  private async read(): Promise<void> {
    const uri = this.fileUri();
    const before = this.loaded;
    const first = !this.readOnce;
    if (uri === undefined) {
      if (before !== undefined) this.collection.delete(before.uri);
      this.loaded = undefined;
      this.readOnce = true;
      if (!first && before?.file !== undefined) this.changed.fire();
      return;
    }

    let text: string | undefined;
    try {
      text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
    } catch (error) {
      // no file is the usual case; anything else is worth a line in the log
      if (!(error instanceof vscode.FileSystemError && error.code === 'FileNotFound')) {
        this.log.warn(`cannot read ${uri.toString(true)}: ${errorMessage(error)}`);
      }
    }

    const file = text === undefined ? undefined : this.parse(text, uri).file;
    this.loaded = { uri, text, file };
    this.readOnce = true;
    if (before?.uri.toString() !== uri.toString() && before !== undefined) {
      this.collection.delete(before.uri);
    }
    this.recheck();
    this.scheduleExpiry(file);

    const changed = before === undefined ? file !== undefined
      : before.text !== text || before.uri.toString() !== uri.toString();
    if (changed) {
      const count = Object.values(file?.exceptions ?? {}).reduce((n, items) => n + items.length, 0);
      this.log.info(`exceptions: ${text === undefined ? 'no file' : `${count} items`} ` +
        `(${uri.toString(true)})`);
      if (!first) this.changed.fire();
    }
  }

  private parse(text: string, uri: vscode.Uri): ParseExceptionsResult {
    return parseExceptionsFile(text, uri.toString(true), {
      fieldTypeOf, knownRuleIds: this.knownRuleIds(),
    });
  }

  /** Watches the file in the first folder (re-created when the folders change). */
  private watch(): void {
    this.watcher?.dispose();
    this.watcher = undefined;
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (folder === undefined) return;

    // the folder too: deleting it is reported for the folder only, not for the file inside
    const [dir] = EXCEPTIONS_FILE_PATH.split('/');
    this.watcher = vscode.workspace.createFileSystemWatcher(
      new vscode.RelativePattern(folder, `{${dir},${EXCEPTIONS_FILE_PATH}}`));
    const reload = (): void => this.scheduleReload();
    this.watcher.onDidCreate(reload);
    this.watcher.onDidChange(reload);
    this.watcher.onDidDelete(reload);
  }

  private scheduleReload(): void {
    if (this.reloadTimer !== undefined) clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = undefined;
      this.reload().catch((error) => this.log.error('reading the exceptions file failed', error));
    }, RELOAD_DELAY_MS);
  }

  private scheduleRecheck(): void {
    if (this.recheckTimer !== undefined) clearTimeout(this.recheckTimer);
    this.recheckTimer = setTimeout(() => {
      this.recheckTimer = undefined;
      this.recheck();
    }, RECHECK_DELAY_MS);
  }

  /** When an item expires, its findings come back: analyse again at that moment. */
  private scheduleExpiry(file: ExceptionsFile | undefined): void {
    if (this.expiryTimer !== undefined) clearTimeout(this.expiryTimer);
    this.expiryTimer = undefined;
    const delay = nextExpiryDelay(file, new Date());
    if (delay === undefined) return;

    this.expiryTimer = setTimeout(() => {
      this.expiryTimer = undefined;
      this.recheck();
      this.scheduleExpiry(this.loaded?.file);
      this.changed.fire();
    }, Math.min(delay + EXPIRY_MARGIN_MS, MAX_TIMER_MS));
  }
}
