// The "Add exception for this ..." command behind the quick fixes: asks which rules (when
// several flag the event) and for a comment (prefilled, so Enter alone accepts it), then
// appends the item to `.cloudtrail-lens/exceptions.json` with a WorkspaceEdit planned by the
// core (one insertion, so the rest of the file stays as written and Undo takes it back),
// creating the file if needed, and saves it. Reloading the exceptions re-analyses everything,
// which takes the diagnostic away. Rule names, ids and values reach the quick pick, the input
// box, the status bar and the error message as shown text (exception-actions.ts, visibleText).
import * as os from 'node:os';
import * as vscode from 'vscode';
import { visibleText } from '../core/display-text';
import {
  ExceptionsEditError, parseExceptionsFile, planExceptionInsertion, type ExceptionItem,
  type TextEdit,
} from '../core/exceptions';
import type { Finding } from '../core/types';
import { inertIcons } from './code-lens-plan';
import {
  defaultComment, exceptionActionsFor, newExceptionItem, parseAddExceptionArgs, resolveAuthor,
  rulePickItems, rulesOfEvent, validateComment, type ExceptionAction,
} from './exception-actions';
import type { ExceptionStore } from './exception-store';
import type { ResultsHub } from './results';
import { SECTION, readExceptionSettings } from './settings';

export { OPEN_EXCEPTIONS_FILE_COMMAND } from './command-ids';

/** What the command works with. */
export interface AddExceptionContext {
  results: ResultsHub;
  exceptions: ExceptionStore;
}

/** Runs the command; returns the ids of the items written (none when cancelled). */
export async function addException(c: AddExceptionContext, arg: unknown): Promise<string[]> {
  const args = parseAddExceptionArgs(arg);
  if (args === undefined) {
    void vscode.window.showInformationMessage('CloudTrail Lens: add exceptions with the quick ' +
      'fix (Ctrl+.) on a flagged event.');
    return [];
  }

  // the finding as the document holds it now; an edit since the quick fix may have moved it
  const result = c.results.get(args.documentUri);
  const finding = result?.findings[args.findingIndex];
  const action = finding === undefined ? undefined
    : exceptionActionsFor(finding).find((a) => a.kind === args.kind);
  if (result === undefined || finding === undefined || action === undefined) {
    void vscode.window.showInformationMessage('CloudTrail Lens: that finding is no longer ' +
      'there (the file changed or was closed); use the quick fix again.');
    return [];
  }

  const file = c.exceptions.fileUri();
  if (file === undefined) {
    void vscode.window.showWarningMessage('CloudTrail Lens: exceptions are kept in ' +
      '.cloudtrail-lens/exceptions.json of a workspace folder: open a folder first.');
    return [];
  }

  const ruleIds = await chooseRules(result.findings, args.findingIndex, action);
  if (ruleIds === undefined) return [];
  const comment = args.comment ?? await askComment(action);
  if (comment === undefined) return [];

  const settings = readExceptionSettings(vscode.workspace.getConfiguration(SECTION));
  const author = resolveAuthor(settings.author, () => os.userInfo().username);
  const now = new Date();
  const itemFor = (text: string): ExceptionItem => newExceptionItem(action,
    parseExceptionsFile(text, file.toString(true)).file,
    { comment: comment.trim(), author, now, expiryDays: settings.defaultExpiryDays });

  const ids = await writeItems(file, ruleIds, itemFor);
  if (ids.length === 0) return [];
  await c.exceptions.reload();
  // the label is shown text already (suggestExceptionItems); status bar text renders $(icons)
  vscode.window.setStatusBarMessage(`CloudTrail Lens: added exception ${ids.join(', ')} ` +
    `(${inertIcons(action.candidate.label)})`, 6000);
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('CloudTrail Lens: the exception is saved, but ' +
      'exceptions apply only once you trust this workspace (Restricted Mode).');
  }
  return ids;
}

/** Opens the exceptions file, offering to create it when there is none. */
export async function openExceptionsFile(exceptions: ExceptionStore): Promise<void> {
  const file = exceptions.fileUri();
  if (file === undefined) {
    void vscode.window.showWarningMessage('CloudTrail Lens: open a folder first; exceptions ' +
      'are kept in its .cloudtrail-lens/exceptions.json.');
    return;
  }
  if (!await exists(file)) {
    const create = 'Create';
    const choice = await vscode.window.showInformationMessage('CloudTrail Lens: this workspace ' +
      'has no .cloudtrail-lens/exceptions.json yet. Create it?', create);
    if (choice !== create) return;
    await createEmptyFile(file, '{\n  "version": 1,\n  "exceptions": {}\n}\n');
  }
  await vscode.window.showTextDocument(file, { preview: false });
}

/** The rules the item is for: the finding's, or those the user keeps when several flag it. */
async function chooseRules(findings: readonly Finding[], findingIndex: number,
  action: ExceptionAction): Promise<string[] | undefined> {
  const rules = rulesOfEvent(findings, findingIndex);
  if (rules.length <= 1) return rules.map((r) => r.ruleId);

  const picked = await vscode.window.showQuickPick(rulePickItems(rules), {
    title: `CloudTrail Lens: ${action.title}`,
    placeHolder: 'Several rules flag this event: the rules the exception applies to',
    canPickMany: true,
    ignoreFocusOut: true,
  });
  return picked === undefined || picked.length === 0 ? undefined : picked.map((p) => p.ruleId);
}

/** Asks for the comment; the default is selected, so Enter alone accepts it. */
function askComment(action: ExceptionAction): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: `CloudTrail Lens: ${action.title}`,
    prompt: `Why is this expected? Shown on every finding the exception suppresses ` +
      `(${action.candidate.label}).`,
    value: defaultComment(action),
    ignoreFocusOut: true,
    validateInput: validateComment,
  });
}

/**
 * Appends one item per rule, each as one edit planned on the document's current text, then
 * saves. A file the edit cannot go into (not JSON, "exceptions" not an object) is shown at the
 * place that stops it.
 */
async function writeItems(uri: vscode.Uri, ruleIds: readonly string[],
  itemFor: (text: string) => ExceptionItem): Promise<string[]> {
  if (!await exists(uri)) await createEmptyFile(uri);
  const document = await vscode.workspace.openTextDocument(uri);

  const ids: string[] = [];
  for (const ruleId of ruleIds) {
    const text = document.getText();
    const item = itemFor(text);
    let plan: TextEdit;
    try {
      plan = planExceptionInsertion(text, ruleId, item);
    } catch (error) {
      if (!(error instanceof ExceptionsEditError)) throw error;
      // keep what went in for the rules before (one rule's list can be broken alone)
      if (ids.length > 0) await document.save();
      void showEditError(document, error);
      return ids;
    }

    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(document.positionAt(plan.offset),
      document.positionAt(plan.offset + plan.length)), plan.text);
    if (!await vscode.workspace.applyEdit(edit)) {
      throw new Error('VS Code did not apply the edit to the exceptions file');
    }
    ids.push(item.id);
  }

  if (!await document.save()) throw new Error(`${uri.toString(true)} could not be saved`);
  return ids;
}

/** Creates the file (and its folder) through a WorkspaceEdit, empty unless `text` is given. */
async function createEmptyFile(uri: vscode.Uri, text = ''): Promise<void> {
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(uri, { ignoreIfExists: true });
  if (text !== '') edit.insert(uri, new vscode.Position(0, 0), text);
  if (!await vscode.workspace.applyEdit(edit)) {
    throw new Error(`VS Code did not create ${uri.toString(true)}`);
  }
  if (text !== '') await (await vscode.workspace.openTextDocument(uri)).save();
}

async function showEditError(document: vscode.TextDocument,
  error: ExceptionsEditError): Promise<void> {
  const at = document.positionAt(error.offset);
  const open = 'Open Exceptions File';
  // the message quotes rule ids and JSON errors from the file
  const choice = await vscode.window.showErrorMessage(`CloudTrail Lens: cannot add the ` +
    `exception: ${visibleText(error.message)} (line ${at.line + 1}, column ${at.character + 1})`,
    open);
  if (choice === open) {
    await vscode.window.showTextDocument(document, { selection: new vscode.Range(at, at) });
  }
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
