// Rule text where VS Code shows it raw: the "Open Investigation Guide" quick pick (commands.ts)
// and the log lines and notification of the rule store (rule-store.ts; the log channel shows
// text as it is). Rule names, ids, sources and problem messages come from rule files.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Rule, RuleLoadProblem } from '../../../src/core/types';
import { installVscodeStub } from './vscode-stub';

type CommandsModule = typeof import('../../../src/extension/commands');
type RuleStoreModule = typeof import('../../../src/extension/rule-store');

/** What the rule store or a terminal must never show raw: controls and format characters. */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;
const PAYLOAD = '\u202eevil a\u200bb \u001b[31mred\n\u2028x';
const SHOWN = '\\u{202e}evil a\\u{200b}b \\u{1b}[31mred\\u{a}\\u{2028}x';

let commands: CommandsModule;
let store: RuleStoreModule;

void before(async () => {
  installVscodeStub();
  commands = await import('../../../src/extension/commands');
  store = await import('../../../src/extension/rule-store');
});

/** A minimal rule; only the shown fields matter here. */
function rule(id: string, name: string, supported = true): Rule {
  return {
    id, name, type: supported ? 'query' : 'eql', language: 'kuery', query: '', index: [],
    severity: 'high', riskScore: 73, interval: '5m', from: 'now-6m', maxSignals: 100, author: [],
    tags: [], description: '', falsePositives: [], references: [], threat: [],
    investigationFields: [], source: '/rules/r.toml', builtin: false,
    support: supported ? { supported: true, warnings: [] }
      : { supported: false, reason: `EQL ${PAYLOAD}`, warnings: [] },
  };
}

void describe('ruleQuickPickItems', () => {
  void it('shows each rule with severity, risk and state, keeping the exact id to open', () => {
    const rules = [rule('r-1', 'Plain rule'), rule('r-2', 'Off rule'), rule('r-3', 'EQL', false)];

    const items = commands.ruleQuickPickItems(rules, new Set(['r-1']));

    assert.deepEqual(items, [
      { label: 'Plain rule', description: 'high \u00b7 risk 73', detail: 'r-1', ruleId: 'r-1' },
      { label: 'Off rule', description: 'high \u00b7 risk 73 \u00b7 disabled', detail: 'r-2',
        ruleId: 'r-2' },
      { label: 'EQL', description: 'high \u00b7 risk 73 \u00b7 not evaluated', detail: 'r-3',
        ruleId: 'r-3' },
    ]);
  });

  void it('shows hidden characters of names and ids as escapes, and "$(" as text', () => {
    const id = `id${PAYLOAD}`;

    const [item] = commands.ruleQuickPickItems([rule(id, `$(zap) ${PAYLOAD} 😀`)], new Set());

    assert.equal(item.label, `$\u200b(zap) ${SHOWN} 😀`);
    assert.equal(item.detail, `id${SHOWN}`);
    assert.equal(item.ruleId, id, 'the guide opens the rule by its exact id');
  });
});

void describe('rule store log lines and notification', () => {
  void it('writes a rule that is not evaluated with its name, id and reason made visible', () => {
    const actual = store.unsupportedRuleLine(rule(`r${PAYLOAD}`, `Name ${PAYLOAD}`, false));

    assert.equal(actual, `rule "Name ${SHOWN}" (r${SHOWN}) is not evaluated: EQL ${SHOWN}`);
    assert.doesNotMatch(actual, HIDDEN);
  });

  void it('writes a load problem with its 1-based position, its source and message visible', () => {
    const problem: RuleLoadProblem = { source: `/rules/${PAYLOAD}.toml`, line: 2, character: 4,
      message: `bad name ${PAYLOAD}` };

    const actual = store.ruleProblemLine(problem);

    assert.equal(actual, `rule problem in /rules/${SHOWN}.toml:3:5: bad name ${SHOWN}`);
    assert.equal(store.ruleProblemLine({ source: 'builtin', message: 'cannot read' }),
      'rule problem in builtin: cannot read');
  });

  void it('quotes the first new problem in the notification, made visible', () => {
    const problems: RuleLoadProblem[] = [{ source: 'a.toml', message: `first ${PAYLOAD}` },
      { source: 'b.toml', message: 'second' }];

    assert.equal(store.ruleProblemsNotice(problems), 'CloudTrail Lens: 2 problems while loading ' +
      `detection rules (first: first ${SHOWN}).`);
    assert.equal(store.ruleProblemsNotice(problems.slice(1)), 'CloudTrail Lens: a problem while ' +
      'loading detection rules (first: second).');
  });
});
