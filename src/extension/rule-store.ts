// Loads the rules: the built-in pack from the extension's folder, then the files and folders
// of cloudtrailLens.rules.paths, all through workspace.fs. Loading is lazy (the first
// CloudTrail-shaped document pays for it), problems are shown where they are, never thrown.
// The log channel and notifications show text as it is, so every rule name, id, path and
// problem message written there has its hidden characters made visible first (visibleText).
import * as os from 'node:os';
import * as vscode from 'vscode';
import { visibleText } from '../core/display-text';
import { loadRuleTexts, type RuleText } from '../core/rules';
import { prepareRules, type LoadedRule } from '../core/scan';
import type { Rule, RuleLoadProblem } from '../core/types';
import { ruleProblemDiagnostic } from './diagnostics';
import { toDiagnostic } from './diagnostics-adapter';
import type { ExtensionLog } from './log';
import { classifyRulePath, filterByTrust, type ResolvedRulePath } from './rule-locations';
import type { WindowSettings } from './settings';
import { errorMessage } from './error-text';
import { uriBaseName } from './uri-name';

/** One loaded set of rules; `generation` changes on every reload. */
export interface RuleSet {
  generation: number;
  /** Every rule that loaded, including disabled and unsupported ones (for the guide). */
  all: readonly Rule[];
  /** The rules scans evaluate: enabled and supported. */
  active: readonly LoadedRule[];
  problems: readonly RuleLoadProblem[];
}

const BUILTIN_FOLDER = ['src', 'rules'];
const RULE_FILE = /\.toml$/i;
const MAX_FOLDER_DEPTH = 4;
const WATCH_DELAY_MS = 300;

export class RuleStore implements vscode.Disposable {
  private loading: Promise<RuleSet> | undefined;
  private loaded: RuleSet | undefined;
  private generation = 0;
  private loadToken = 0;
  private readonly byId = new Map<string, Rule>();
  /** Rule source (as in Rule.source) -> the URI it was read from, for diagnostics. */
  private readonly sourceUris = new Map<string, vscode.Uri>();
  private readonly notified = new Set<string>();
  private watchers: vscode.Disposable[] = [];
  private watchTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly changed = new vscode.EventEmitter<RuleSet>();

  /** Fires after a reload that the store started itself (a watched rule file changed). */
  readonly onDidReload = this.changed.event;

  constructor(private readonly extensionUri: vscode.Uri, private readonly log: ExtensionLog,
    private readonly problemsCollection: vscode.DiagnosticCollection,
    private readonly settings: () => WindowSettings) {}

  /** The current rule set, loading it first if nothing has been loaded yet. */
  ensure(): Promise<RuleSet> {
    if (this.loaded !== undefined) return Promise.resolve(this.loaded);
    return this.loading ?? this.reload();
  }

  /** Loads everything again (settings, trust or rule files changed). */
  reload(): Promise<RuleSet> {
    const loading = this.load().catch((error: unknown) => {
      if (this.loading === loading) this.loading = undefined;
      throw error;
    });
    this.loading = loading;
    return loading;
  }

  /** The loaded rule set, if any, without starting a load. */
  current(): RuleSet | undefined {
    return this.loaded;
  }

  /** A loaded rule by id, disabled and unsupported ones included. */
  find(id: string): Rule | undefined {
    return this.byId.get(id);
  }

  dispose(): void {
    this.disposeWatchers();
    this.changed.dispose();
  }

  private async load(): Promise<RuleSet> {
    const started = Date.now();
    const token = ++this.loadToken;
    const settings = this.settings();
    this.sourceUris.clear();

    // the pack first, so that a user file with the same rule_id replaces a built-in rule
    const problems: RuleLoadProblem[] = [];
    const texts = [...await this.readBuiltins(problems)];
    const locations = this.resolveUserPaths(settings.rulePaths, problems);
    for (const location of locations) texts.push(...await this.readLocation(location, problems));

    // a newer load started while this one was reading: let that one decide
    if (token !== this.loadToken && this.loading !== undefined) return this.loading;
    this.watch(locations);

    const result = loadRuleTexts(texts);
    problems.push(...result.problems);
    const set = this.commit(result.rules, problems, settings.disabledRules);

    this.log.info(`loaded ${set.all.length} rules (${set.active.length} active) from ` +
      `${texts.length} files in ${Date.now() - started} ms`);
    this.showProblems(problems);
    return set;
  }

  /** Compiles the queries and publishes the set; a query that fails makes its rule unsupported. */
  private commit(loaded: readonly Rule[], problems: RuleLoadProblem[],
    disabled: readonly string[]): RuleSet {
    const prepared = prepareRules(loaded);
    const rules = prepared.map((item) => item.rule);
    this.byId.clear();
    for (const rule of rules) this.byId.set(rule.id, rule);

    for (const rule of rules) {
      if (!rule.support.supported) this.log.info(unsupportedRuleLine(rule));
    }

    const off = new Set(disabled);
    const active = prepared.filter((item) => item.query !== undefined && !off.has(item.rule.id));
    this.generation += 1;
    this.loaded = { generation: this.generation, all: rules, active, problems };
    return this.loaded;
  }

  private async readBuiltins(problems: RuleLoadProblem[]): Promise<RuleText[]> {
    const folder = vscode.Uri.joinPath(this.extensionUri, ...BUILTIN_FOLDER);
    try {
      const entries = await vscode.workspace.fs.readDirectory(folder);
      const names = entries
        .filter(([name, type]) => type === vscode.FileType.File && RULE_FILE.test(name))
        .map(([name]) => name)
        .sort();
      return await Promise.all(names.map(async (name) => ({
        text: await readText(vscode.Uri.joinPath(folder, name)),
        source: `builtin:${name}`,
        builtin: true,
      })));
    } catch (error) {
      problems.push({ source: 'builtin',
        message: `cannot read the built-in rules: ${errorMessage(error)}` });
      return [];
    }
  }

  /** Turns setting values into URIs and drops workspace paths in Restricted Mode. */
  private resolveUserPaths(values: readonly string[],
    problems: RuleLoadProblem[]): ResolvedRulePath[] {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const resolved: ResolvedRulePath[] = [];
    for (const setting of values) {
      const uri = resolveRulePath(setting, folders);
      if (uri === undefined) {
        problems.push({ source: setting, message: `rule path "${setting}" is relative, and no ` +
          'folder is open to resolve it against' });
        continue;
      }
      resolved.push({ setting, uri: uri.toString() });
    }

    const trusted = vscode.workspace.isTrusted;
    const { accepted, skipped } = filterByTrust(resolved, trusted,
      folders.map((folder) => folder.uri.toString()));
    for (const path of skipped) {
      this.log.info('Restricted Mode: not loading rules from the workspace path ' +
        `"${visibleText(path.setting)}"`);
    }
    return accepted;
  }

  private async readLocation(location: ResolvedRulePath,
    problems: RuleLoadProblem[]): Promise<RuleText[]> {
    const uri = vscode.Uri.parse(location.uri);
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      const files = (stat.type & vscode.FileType.Directory) !== 0
        ? await ruleFilesUnder(uri, MAX_FOLDER_DEPTH)
        : [uri];
      return await Promise.all(files.map(async (file) => {
        const source = sourceOf(file);
        this.sourceUris.set(source, file);
        return { text: await readText(file), source };
      }));
    } catch (error) {
      problems.push({ source: location.setting,
        message: `cannot read rule path "${location.setting}": ${errorMessage(error)}` });
      return [];
    }
  }

  /** Diagnostics on user rule files, the log, and one notification per new set of problems. */
  private showProblems(problems: readonly RuleLoadProblem[]): void {
    this.problemsCollection.clear();
    const byFile = new Map<string, { uri: vscode.Uri; items: vscode.Diagnostic[] }>();
    for (const problem of problems) {
      this.log.warn(ruleProblemLine(problem));

      const uri = this.sourceUris.get(problem.source);
      if (uri === undefined) continue;
      const entry = byFile.get(uri.toString()) ?? { uri, items: [] };
      entry.items.push(toDiagnostic(ruleProblemDiagnostic(problem)));
      byFile.set(uri.toString(), entry);
    }
    for (const { uri, items } of byFile.values()) this.problemsCollection.set(uri, items);

    const fresh = problems.filter((p) => !this.notified.has(problemKey(p)));
    if (fresh.length === 0) return;
    for (const problem of fresh) this.notified.add(problemKey(problem));

    void vscode.window.showWarningMessage(ruleProblemsNotice(fresh), 'Show Log').then((choice) => {
      if (choice === 'Show Log') this.log.show();
    });
  }

  /** Reloads (after a short pause) when a rule file under a user path changes. */
  private watch(locations: readonly ResolvedRulePath[]): void {
    this.disposeWatchers();
    for (const location of locations) {
      const uri = vscode.Uri.parse(location.uri);
      const pattern = RULE_FILE.test(uri.path)
        ? new vscode.RelativePattern(vscode.Uri.joinPath(uri, '..'), uriBaseName(uri))
        : new vscode.RelativePattern(uri, '**/*.toml');
      const watcher = vscode.workspace.createFileSystemWatcher(pattern);
      const schedule = (): void => this.scheduleWatchedReload();
      this.watchers.push(watcher, watcher.onDidChange(schedule), watcher.onDidCreate(schedule),
        watcher.onDidDelete(schedule));
    }
  }

  private scheduleWatchedReload(): void {
    if (this.watchTimer !== undefined) clearTimeout(this.watchTimer);
    this.watchTimer = setTimeout(() => {
      this.watchTimer = undefined;
      this.reload().then((set) => this.changed.fire(set),
        (error) => this.log.error('reloading rules failed', error));
    }, WATCH_DELAY_MS);
  }

  private disposeWatchers(): void {
    if (this.watchTimer !== undefined) clearTimeout(this.watchTimer);
    for (const watcher of this.watchers) watcher.dispose();
    this.watchers = [];
  }
}

/** The log line of a rule that loaded but is not evaluated, with its reason. */
export function unsupportedRuleLine(rule: Rule): string {
  return visibleText(`rule "${rule.name}" (${rule.id}) is not evaluated: ` +
    (rule.support.reason ?? 'unsupported'));
}

/** The log line of a rule load problem, 1-based `:line:column` after the source. */
export function ruleProblemLine(problem: RuleLoadProblem): string {
  const position = problem.line === undefined ? '' :
    `:${problem.line + 1}:${(problem.character ?? 0) + 1}`;
  return visibleText(`rule problem in ${problem.source}${position}: ${problem.message}`);
}

/** The notification of new load problems, quoting the first (at least one is given). */
export function ruleProblemsNotice(fresh: readonly RuleLoadProblem[]): string {
  const what = fresh.length === 1 ? 'a problem' : `${fresh.length} problems`;
  return `CloudTrail Lens: ${what} while loading detection rules ` +
    `(first: ${visibleText(fresh[0].message)}).`;
}

/** Resolves one value of cloudtrailLens.rules.paths to a URI. */
function resolveRulePath(value: string,
  folders: readonly vscode.WorkspaceFolder[]): vscode.Uri | undefined {
  switch (classifyRulePath(value)) {
    case 'uri': return vscode.Uri.parse(value, true);
    case 'absolute': return vscode.Uri.file(value);
    case 'home': return vscode.Uri.file(os.homedir() + value.slice(1));
    case 'relative': {
      const folder = folders[0];
      return folder === undefined ? undefined : vscode.Uri.joinPath(folder.uri, value);
    }
  }
}

async function ruleFilesUnder(folder: vscode.Uri, depth: number): Promise<vscode.Uri[]> {
  const entries = await vscode.workspace.fs.readDirectory(folder);
  const files: vscode.Uri[] = [];
  for (const [name, type] of entries.sort(([a], [b]) => a.localeCompare(b))) {
    const child = vscode.Uri.joinPath(folder, name);
    if ((type & vscode.FileType.Directory) !== 0 && depth > 1 && !name.startsWith('.')) {
      files.push(...await ruleFilesUnder(child, depth - 1));
    } else if ((type & vscode.FileType.File) !== 0 && RULE_FILE.test(name)) {
      files.push(child);
    }
  }
  return files;
}

async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
}

/** Rule.source for a user file: a path for local files, the URI otherwise. */
function sourceOf(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? uri.fsPath : uri.toString();
}

function problemKey(problem: RuleLoadProblem): string {
  return `${problem.source}\u0000${problem.line ?? ''}\u0000${problem.message}`;
}
