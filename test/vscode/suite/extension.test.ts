// Opens the samples in a real VS Code and checks what a user sees: diagnostics, hovers, code
// actions, CodeLens, the decompressed .gz view and analysis from disk.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  SAMPLES, activateExtension, flaggedEvents, openSample, waitForDiagnostics, withSetting,
} from './helpers';

const RULE_ID = '264c641e-c202-11ef-993e-f661ea17fbce';

describe('CloudTrail Lens in VS Code', () => {
  before(async () => {
    await activateExtension();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('puts one diagnostic per flagged event on its eventName value', async () => {
    const document = await openSample('s3-delivery-pretty.json');
    const expected = flaggedEvents(document.getText());
    assert.ok(expected > 0, 'the sample should hold flagged events');

    const diagnostics = await waitForDiagnostics(document.uri, (d) => d.length === expected);

    for (const diagnostic of diagnostics) {
      assert.equal(document.getText(diagnostic.range), '"DescribeImages"');
      const code = diagnostic.code as { value: string; target: vscode.Uri };
      assert.equal(code.value, RULE_ID);
      assert.equal(code.target.scheme, 'command');
      assert.equal(code.target.path, 'cloudtrailLens.openGuide');
      assert.ok((diagnostic.relatedInformation ?? []).some((r) =>
        r.message.includes('includeDeprecated')));
      assert.match(diagnostic.message, /^AWS EC2 Deprecated AMI Discovery \[low\]: .+ called DescribeImages with includeDeprecated=/);
    }
  });

  it('shows a hover with the rule, the clauses and a guide link on a flagged event', async () => {
    const document = await openSample('s3-delivery-pretty.json');
    const [first] = await waitForDiagnostics(document.uri, (d) => d.length > 0);

    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider', document.uri, first.range.start.translate(0, 2));

    const text = hovers.flatMap((hover) => hover.contents)
      .map((content) => (typeof content === 'string' ? content : content.value)).join('\n');
    assert.ok(text.includes('AWS EC2 Deprecated AMI Discovery'));
    assert.ok(text.includes('command:cloudtrailLens.openGuide?'));
    assert.ok(text.includes('Why it matched'));
  });

  it('offers "Open investigation guide" as the preferred quick fix', async () => {
    const document = await openSample('s3-delivery-pretty.json');
    const [first] = await waitForDiagnostics(document.uri, (d) => d.length > 0);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider', document.uri, first.range);

    const guide = actions.find((a) => a.title.startsWith('Open investigation guide'));
    assert.ok(guide, 'no guide action');
    assert.equal(guide.isPreferred, true);
    assert.ok(guide.kind?.contains(vscode.CodeActionKind.QuickFix));
    assert.equal(guide.command?.command, 'cloudtrailLens.openGuide');
  });

  it('puts a CodeLens above flagged events, and none when the setting is off', async () => {
    const document = await openSample('s3-delivery-pretty.json');
    const diagnostics = await waitForDiagnostics(document.uri, (d) => d.length > 0);

    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
      'vscode.executeCodeLensProvider', document.uri);
    const ours = lenses.filter((l) => l.command?.command === 'cloudtrailLens.openGuide');
    assert.equal(ours.length, diagnostics.length);

    const restore = await withSetting('codeLens.enabled', false);
    try {
      const none = await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider', document.uri);
      assert.equal(none.filter((l) => l.command?.command === 'cloudtrailLens.openGuide').length,
        0);
    } finally {
      await restore();
    }
  });

  it('re-analyses after an edit and never leaves a stale diagnostic', async () => {
    const text = fs.readFileSync(path.join(SAMPLES, 'single-event.json'), 'utf8');
    const document = await vscode.workspace.openTextDocument({ language: 'json', content: text });
    await vscode.window.showTextDocument(document);
    await waitForDiagnostics(document.uri, (d) => d.length === flaggedEvents(text));

    const edit = new vscode.WorkspaceEdit();
    const at = text.indexOf('DescribeImages');
    edit.replace(document.uri, new vscode.Range(document.positionAt(at),
      document.positionAt(at + 'DescribeImages'.length)), 'DescribeImagez');
    assert.ok(await vscode.workspace.applyEdit(edit));

    await waitForDiagnostics(document.uri, (d) => d.length === 0);
  });

  it('removes the diagnostics of a document when it closes', async () => {
    const document = await openSample('bare-array.json');
    await waitForDiagnostics(document.uri, (d) => d.length > 0);

    await vscode.commands.executeCommand('workbench.action.closeAllEditors');

    await waitForDiagnostics(document.uri, (d) => d.length === 0, 60_000);
  });

  it('leaves a digest file alone', async () => {
    const document = await openSample('digest-file.json');
    await new Promise((resolve) => setTimeout(resolve, 2000));

    assert.equal(vscode.languages.getDiagnostics(document.uri).length, 0);
  });

  it('stops at the diagnostics cap and says how many more there are', async () => {
    const restore = await withSetting('maxDiagnosticsPerFile', 1);
    try {
      const document = await openSample('s3-delivery-pretty.json');
      const expected = flaggedEvents(document.getText());
      assert.ok(expected > 1, 'the sample should flag several events');

      const [notice] = await waitForDiagnostics(document.uri,
        (d) => d.length === 1 && d[0].severity === vscode.DiagnosticSeverity.Information);
      assert.match(notice.message, new RegExp(`^${expected} more flagged events not shown`));
    } finally {
      await restore();
    }
  });

  it('maps rule severity to diagnostic severity through the setting', async () => {
    const restore = await withSetting('severityMapping', { low: 'error' });
    try {
      const document = await openSample('s3-delivery-pretty.json');
      await waitForDiagnostics(document.uri, (d) => d.length > 0 &&
        d.every((x) => x.severity === vscode.DiagnosticSeverity.Error));
    } finally {
      await restore();
    }
  });

  it('opens a .json.gz as a read-only decompressed view and analyses it', async () => {
    const gz = fs.readdirSync(SAMPLES).find((name) => name.endsWith('.json.gz'));
    assert.ok(gz, 'no .json.gz sample');

    await vscode.commands.executeCommand('cloudtrailLens.openDecompressed',
      vscode.Uri.file(path.join(SAMPLES, gz)));

    const document = vscode.window.activeTextEditor?.document;
    assert.equal(document?.uri.scheme, 'cloudtrail-lens-gz');
    const expected = flaggedEvents(document.getText());
    await waitForDiagnostics(document.uri, (d) => d.length === expected);
  });

  it('analyses a file from disk without opening it', async () => {
    const file = vscode.Uri.file(path.join(SAMPLES, 'events.jsonl'));
    const expected = flaggedEvents(fs.readFileSync(file.fsPath, 'utf8'));

    await vscode.commands.executeCommand('cloudtrailLens.analyzeFile', file);

    await waitForDiagnostics(file, (d) => d.length === expected);
  });
});
