// The quick fixes on a flagged event, with a stand-in for the vscode API: the guide action's
// title quotes the rule name from a rule file, which must not reorder or hide its words.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../../../src/core/types';
import { makeFinding } from './finding-fixture';
import { installVscodeStub } from './vscode-stub';

type CodeActionsModule = typeof import('../../../src/extension/code-actions');

/** What the provider builds; the stub keeps title and command as given. */
class FakeCodeAction {
  command?: { command: string; title: string; arguments: unknown[] };
  diagnostics?: unknown[];
  isPreferred?: boolean;

  constructor(readonly title: string, readonly kind: string) {}
}

let provider: CodeActionsModule['FindingCodeActionProvider'];

void before(async () => {
  installVscodeStub({ CodeAction: FakeCodeAction, CodeActionKind: { QuickFix: 'quickfix' } });
  ({ FindingCodeActionProvider: provider } = await import(
    '../../../src/extension/code-actions'));
});

/** The code actions offered on the whole of a document whose findings are given. */
function actionsFor(findings: Finding[]): FakeCodeAction[] {
  const uri = { toString: () => 'file:///logs/trail.json' };
  const analyzer = { get: () => ({ version: 1, findings }) };
  const document = { uri, version: 1, offsetAt: (position: number) => position };
  const range = { start: 0, end: 100_000 };

  const actions = new provider(analyzer as never).provideCodeActions(document as never,
    range as never, { diagnostics: [] } as never);
  return actions as unknown as FakeCodeAction[];
}

void describe('FindingCodeActionProvider', () => {
  void it('names the rule in the guide action as it is when it holds nothing hidden', () => {
    const [guide] = actionsFor([makeFinding(0)]);

    assert.equal(guide.title, 'Open investigation guide: AWS EC2 Deprecated AMI Discovery');
    assert.equal(guide.command?.title, guide.title);
  });

  void it('shows bidi, zero-width and control characters of a rule name as escapes', () => {
    const finding = makeFinding(0, { ruleName: '\u202eevil a\u200bb \u001b[31mred 😀' });

    const [guide] = actionsFor([finding]);

    assert.equal(guide.title,
      'Open investigation guide: \\u{202e}evil a\\u{200b}b \\u{1b}[31mred 😀');
  });
});
