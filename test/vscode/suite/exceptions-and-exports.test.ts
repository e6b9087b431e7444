// Issue 7 in a real VS Code: the "Add exception" quick fixes and the exceptions file, the
// suppressed-findings toggle, "Scan Workspace", "Export Findings" and "Show Summary". The
// workspace is samples/; every test removes the exceptions file it wrote.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { decodeBytes } from '../../../src/core/source/decode';
import {
  SAMPLES, activateExtension, engineScan, flaggedEvents, openSample, waitForDiagnostics,
} from './helpers';

const EXCEPTIONS_DIR = path.join(SAMPLES, '.cloudtrail-lens');
const EXCEPTIONS_FILE = vscode.Uri.file(path.join(EXCEPTIONS_DIR, 'exceptions.json'));

const TITLES = [
  'Add exception for this user',
  'Add exception for this access key',
  'Add exception for this user agent',
  'Add exception for this source address',
];

interface ScanOutcome {
  scanned: number;
  skipped: number;
  findings: number;
  suppressed: number;
  cancelled: boolean;
}

/** Removes the exceptions folder, through VS Code so that its watcher sees it go. */
async function removeExceptions(): Promise<void> {
  if (!fs.existsSync(EXCEPTIONS_DIR)) return;
  await vscode.workspace.fs.delete(vscode.Uri.file(EXCEPTIONS_DIR), { recursive: true });
}

/** The quick fixes on the first flagged event of a document. */
async function quickFixes(document: vscode.TextDocument): Promise<vscode.CodeAction[]> {
  const [first] = await waitForDiagnostics(document.uri, (d) => d.length > 0);
  return vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider', document.uri, first.range);
}

describe('Exceptions, workspace scans and exports in VS Code', () => {
  before(async () => {
    assert.equal(fs.existsSync(EXCEPTIONS_DIR), false,
      'samples/.cloudtrail-lens exists: remove it before running the suite');
    await activateExtension();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeExceptions();
  });

  it('offers the four "Add exception" quick fixes on a flagged event', async () => {
    const document = await openSample('s3-delivery-pretty.json');

    const titles = (await quickFixes(document)).map((a) => a.title);

    assert.deepEqual(titles.filter((t) => t.startsWith('Add exception')), TITLES);
    const add = (await quickFixes(document)).find((a) => a.title === TITLES[0]);
    assert.equal(add?.command?.command, 'cloudtrailLens.addException');
    assert.ok(add?.kind?.contains(vscode.CodeActionKind.QuickFix));
  });

  it('writes the exception, and the diagnostics of its events go until it is removed', async () => {
    const document = await openSample('s3-delivery-pretty.json');
    const before = flaggedEvents(document.getText());
    const action = (await quickFixes(document)).find((a) => a.title === TITLES[0]);
    assert.ok(action?.command, 'no "Add exception for this user" action');
    const [args] = action.command.arguments as [Record<string, unknown>];

    const ids = await vscode.commands.executeCommand<string[]>(action.command.command,
      { ...args, comment: 'CI account, reviewed by the test suite' });

    assert.deepEqual(ids, ['exc-1']);
    const written = fs.readFileSync(EXCEPTIONS_FILE.fsPath, 'utf8');
    const file = JSON.parse(written) as { exceptions: Record<string, { comment: string }[]> };
    assert.deepEqual(Object.values(file.exceptions).flat().map((i) => i.comment),
      ['CI account, reviewed by the test suite']);
    const after = flaggedEvents(document.getText(), written);
    assert.ok(after < before, 'the exception should suppress at least one event');
    await waitForDiagnostics(document.uri, (d) => d.length === after);

    await removeExceptions();
    await waitForDiagnostics(document.uri, (d) => d.length === before);
  });

  it('reports an expired item on the exceptions file and suppresses nothing with it', async () => {
    const document = await openSample('s3-delivery-pretty.json');
    const expected = flaggedEvents(document.getText());
    const [ruleId] = engineScan(document.getText()).findings.map((f) => f.ruleId);
    const text = JSON.stringify({ version: 1, exceptions: { [ruleId]: [{
      id: 'exc-1', comment: 'old', author: 'test', created: '2020-01-01', expires: '2020-02-01',
      entries: [{ field: 'event.action', operator: 'is', value: 'DescribeImages' }] }] } },
    null, 2);

    await vscode.workspace.fs.writeFile(EXCEPTIONS_FILE, new TextEncoder().encode(text));

    const [expired] = await waitForDiagnostics(EXCEPTIONS_FILE, (d) => d.length === 1);
    assert.equal(expired.severity, vscode.DiagnosticSeverity.Information);
    assert.match(expired.message, /^Exception exc-1 expired on 2020-02-01/);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.equal(vscode.languages.getDiagnostics(document.uri)
      .filter((d) => d.source === 'CloudTrail Lens').length, expected);
  });

  it('shows and hides suppressed findings with the view toggle', async () => {
    await vscode.commands.executeCommand('cloudtrailLens.showSuppressedFindings');
    await vscode.commands.executeCommand('cloudtrailLens.hideSuppressedFindings');
  });

  it('scans every CloudTrail file of the workspace, skipping the others', async () => {
    const samples = fs.readdirSync(SAMPLES).filter((n) => /\.(json|jsonl|json\.gz)$/.test(n));
    const expected = samples.map((name) =>
      engineScan(decodeBytes(fs.readFileSync(path.join(SAMPLES, name))).text).findings.length)
      .reduce((a, b) => a + b, 0);

    const outcome = await vscode.commands.executeCommand<ScanOutcome>(
      'cloudtrailLens.scanWorkspace');

    assert.equal(outcome.cancelled, false);
    assert.equal(outcome.scanned + outcome.skipped, samples.length);
    assert.ok(outcome.skipped >= 1, 'the digest file should be skipped');
    assert.equal(outcome.findings, expected);
    assert.equal(outcome.suppressed, 0);
  });

  it('exports what the view holds as SARIF, CSV and JSON, with relative paths', async () => {
    const outcome = await vscode.commands.executeCommand<ScanOutcome>(
      'cloudtrailLens.scanWorkspace');
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ctl-export-'));

    try {
      const sarifUri = vscode.Uri.file(path.join(folder, 'out.sarif'));
      await vscode.commands.executeCommand('cloudtrailLens.exportFindings', 'sarif', sarifUri);
      const sarif = JSON.parse(fs.readFileSync(sarifUri.fsPath, 'utf8')) as { version: string;
        runs: { results: unknown[]; artifacts: { location: { uri: string } }[] }[] };
      assert.equal(sarif.version, '2.1.0');
      assert.equal(sarif.runs[0].results.length, outcome.findings + outcome.suppressed);
      assert.ok(sarif.runs[0].artifacts.every((a) => !a.location.uri.includes(':')));

      const csvUri = vscode.Uri.file(path.join(folder, 'out.csv'));
      await vscode.commands.executeCommand('cloudtrailLens.exportFindings', 'csv', csvUri);
      const lines = fs.readFileSync(csvUri.fsPath, 'utf8').trimEnd().split('\r\n');
      assert.match(lines[0], /^path,line,column,rule_id,/);

      const jsonUri = vscode.Uri.file(path.join(folder, 'out.json'));
      await vscode.commands.executeCommand('cloudtrailLens.exportFindings', 'json', jsonUri);
      const json = JSON.parse(fs.readFileSync(jsonUri.fsPath, 'utf8')) as
        { summary: { findings: number } };
      assert.equal(json.summary.findings, outcome.findings);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('shows the summary as a read-only Markdown document', async () => {
    await vscode.commands.executeCommand('cloudtrailLens.scanWorkspace');

    await vscode.commands.executeCommand('cloudtrailLens.showSummary');

    const document = await vscode.workspace.openTextDocument(vscode.Uri.from({
      scheme: 'cloudtrail-lens-summary', path: '/CloudTrail Lens Summary.md' }));
    assert.equal(document.languageId, 'markdown');
    assert.match(document.getText(), /^# CloudTrail Lens summary/);
    assert.match(document.getText(), /## By rule/);
  });
});
