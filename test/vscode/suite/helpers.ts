// Shared helpers of the extension-host tests: opening samples, waiting for diagnostics, and
// the engine's own answer for a text (the oracle the diagnostics are compared with).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { createExceptionMatcher, parseExceptionsFile } from '../../../src/core/exceptions';
import { loadRuleTexts } from '../../../src/core/rules';
import { prepareRules, scanText } from '../../../src/core/scan';
import type { ScanResult } from '../../../src/core/types';

/** The repository root (the bundle runs from out/vscode-test/). */
export const ROOT = path.resolve(__dirname, '../..');
export const SAMPLES = path.join(ROOT, 'samples');
export const EXTENSION_ID = 'cloudtrail-lens.cloudtrail-lens';

/** Activates the extension under test. */
export async function activateExtension(): Promise<void> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (extension === undefined) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  await extension.activate();
}

/** Opens a sample file in an editor. */
export async function openSample(name: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(path.join(SAMPLES, name));
  await vscode.window.showTextDocument(document);
  return document;
}

/** Waits until the diagnostics of our source for `uri` satisfy `done`, or fails. */
export async function waitForDiagnostics(uri: vscode.Uri,
  done: (diagnostics: vscode.Diagnostic[]) => boolean, timeoutMs = 15_000):
  Promise<vscode.Diagnostic[]> {
  const started = Date.now();
  for (;;) {
    const ours = vscode.languages.getDiagnostics(uri)
      .filter((d) => d.source === 'CloudTrail Lens');
    if (done(ours)) return ours;
    if (Date.now() - started > timeoutMs) {
      throw new Error(`diagnostics of ${uri.toString()} did not settle: ${ours.length} found`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** How many events the engine flags in a text with the built-in rules (and exceptions). */
export function flaggedEvents(text: string, exceptionsText?: string): number {
  const result = engineScan(text, exceptionsText);
  return new Set(result.findings.map((finding) => finding.eventIndex)).size;
}

/** The engine's scan of a text with the built-in rules, and an exceptions file if given. */
export function engineScan(text: string, exceptionsText?: string): ScanResult {
  const folder = path.join(ROOT, 'src', 'rules');
  const texts = fs.readdirSync(folder).filter((name) => name.endsWith('.toml')).map((name) => ({
    text: fs.readFileSync(path.join(folder, name), 'utf8'), source: `builtin:${name}`,
    builtin: true,
  }));
  const rules = prepareRules(loadRuleTexts(texts).rules);
  const file = exceptionsText === undefined ? undefined
    : parseExceptionsFile(exceptionsText, 'exceptions.json').file;
  return scanText(text, rules, { exceptions: createExceptionMatcher(file, new Date()) });
}

/** Sets a cloudtrailLens setting globally for one test, and returns how to undo it. */
export async function withSetting(key: string, value: unknown): Promise<() => Promise<void>> {
  const configuration = vscode.workspace.getConfiguration('cloudtrailLens');
  const before = configuration.inspect(key)?.globalValue;
  await configuration.update(key, value, vscode.ConfigurationTarget.Global);
  return async () => {
    await vscode.workspace.getConfiguration('cloudtrailLens')
      .update(key, before, vscode.ConfigurationTarget.Global);
  };
}
