// The parts of package.json that the code of issue 7 relies on: commands it registers, the
// toggle buttons of the Findings view, schema validation of the exceptions file, activation.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  ADD_EXCEPTION_COMMAND, EXPORT_FINDINGS_COMMAND, HIDE_SUPPRESSED_COMMAND,
  OPEN_EXCEPTIONS_FILE_COMMAND, SCAN_WORKSPACE_COMMAND, SHOW_SUMMARY_COMMAND,
  SHOW_SUPPRESSED_COMMAND, SHOW_SUPPRESSED_CONTEXT_KEY, SUMMARY_SCHEME,
} from '../../../src/extension/command-ids';

const FINDINGS_VIEW_ID = 'cloudtrailLens.findings';

const ROOT = path.resolve(__dirname, '../../..');

interface MenuEntry {
  command: string;
  when?: string;
  group?: string;
}

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  activationEvents: string[];
  contributes: {
    commands: { command: string; title: string; icon?: string }[];
    menus: Record<string, MenuEntry[]>;
    jsonValidation: { fileMatch: string; url: string }[];
    viewsWelcome: { view: string; contents: string }[];
  };
};
const { contributes } = manifest;

void describe('package.json for exceptions, scans and exports', () => {
  void it('contributes every command the extension registers for them', () => {
    const contributed = new Set(contributes.commands.map((c) => c.command));

    for (const command of [SCAN_WORKSPACE_COMMAND, EXPORT_FINDINGS_COMMAND, SHOW_SUMMARY_COMMAND,
      SHOW_SUPPRESSED_COMMAND, HIDE_SUPPRESSED_COMMAND, ADD_EXCEPTION_COMMAND,
      OPEN_EXCEPTIONS_FILE_COMMAND]) {
      assert.ok(contributed.has(command), command);
    }
  });

  void it('shows one toggle button at a time in the Findings view title', () => {
    const title = contributes.menus['view/title'];
    const show = title.find((m) => m.command === SHOW_SUPPRESSED_COMMAND);
    const hide = title.find((m) => m.command === HIDE_SUPPRESSED_COMMAND);

    assert.equal(show?.when, `view == ${FINDINGS_VIEW_ID} && !${SHOW_SUPPRESSED_CONTEXT_KEY}`);
    assert.equal(hide?.when, `view == ${FINDINGS_VIEW_ID} && ${SHOW_SUPPRESSED_CONTEXT_KEY}`);
    assert.ok(show?.group?.startsWith('navigation'));
    assert.ok(title.some((m) => m.command === EXPORT_FINDINGS_COMMAND &&
      m.when === `view == ${FINDINGS_VIEW_ID}`));
  });

  void it('keeps the add-exception command, which needs a finding, out of the palette', () => {
    const palette = contributes.menus.commandPalette;

    assert.equal(palette.find((m) => m.command === ADD_EXCEPTION_COMMAND)?.when, 'false');
    assert.equal(palette.some((m) => m.command === EXPORT_FINDINGS_COMMAND), false);
  });

  void it('validates the exceptions file with the shipped schema', () => {
    const [entry] = contributes.jsonValidation;

    assert.deepEqual(entry, { fileMatch: '**/.cloudtrail-lens/exceptions.json',
      url: './schemas/exceptions.schema.json' });
    const schema = JSON.parse(readFileSync(path.join(ROOT, entry.url), 'utf8')) as
      { required: string[] };
    assert.deepEqual(schema.required, ['version', 'exceptions']);
  });

  void it('activates for a workspace with exceptions and for the summary document', () => {
    assert.ok(manifest.activationEvents.includes(
      'workspaceContains:.cloudtrail-lens/exceptions.json'));
    assert.ok(manifest.activationEvents.includes(`onFileSystem:${SUMMARY_SCHEME}`));
    assert.ok(existsSync(path.join(ROOT, 'schemas', 'exceptions.schema.json')));
  });
});
