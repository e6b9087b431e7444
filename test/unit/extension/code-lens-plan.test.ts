import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_LENSES_PER_EVENT, planCodeLenses } from '../../../src/extension/code-lens-plan';
import { TEXT, makeFinding, positionAtIn } from './finding-fixture';

const URI = 'file:///logs/trail.json';
const lineOf = (offset: number) => positionAtIn(TEXT)(offset).line;

void describe('planCodeLenses', () => {
  void it('puts a lens opening the guide on the line where each flagged event starts', () => {
    const actual = planCodeLenses([makeFinding(0), makeFinding(1)], URI, lineOf);

    assert.deepEqual(actual.map((lens) => lens.line), [1, 2]);
    assert.equal(actual[0].title,
      '$(shield) AWS EC2 Deprecated AMI Discovery [low]: open investigation guide');
    assert.deepEqual(actual[1].target, { ruleId: '264c641e-c202-11ef-993e-f661ea17fbce',
      documentUri: URI, findingIndex: 1 });
  });

  void it('shows one lens per rule on an event, most severe first, then sums up the rest', () => {
    const findings = ['low', 'high', 'medium', 'critical', 'low'].map((severity, i) =>
      makeFinding(0, { ruleId: `r${i}`, ruleName: `Rule ${i}`,
        severity: severity as 'low' | 'medium' | 'high' | 'critical' }));

    const actual = planCodeLenses(findings, URI, lineOf);

    assert.equal(actual.length, MAX_LENSES_PER_EVENT + 1);
    assert.deepEqual(actual.slice(0, 3).map((lens) => lens.target?.findingIndex), [3, 1, 2]);
    assert.equal(actual[3].title, '+2 more rules');
    assert.equal(actual[3].target, undefined);
  });

  void it('sums up several flagged events that share a line in one lens', () => {
    const oneLine = TEXT.replace(/\n/g, '');
    const sameLine = (offset: number) => positionAtIn(oneLine)(offset).line;

    const actual = planCodeLenses([makeFinding(0), makeFinding(1), makeFinding(1, {
      ruleId: 'x' })], URI, sameLine);

    assert.equal(actual.length, 1);
    assert.equal(actual[0].title, '$(shield) 2 flagged events on this line (3 findings)');
    assert.equal(actual[0].target, undefined);
  });

  void it('keeps "$(" in a rule name from becoming an icon', () => {
    const [actual] = planCodeLenses([makeFinding(0, { ruleName: 'Evil $(zap) rule' })], URI,
      lineOf);

    assert.ok(!actual.title.includes('$(zap)'));
    assert.ok(actual.title.startsWith('$(shield) Evil $'));
  });

  void it('shows hidden characters of the rule id in the tooltip, and keeps the exact id', () => {
    const ruleId = '\u202eevil a\u200bb \u001b[31mred';

    const [actual] = planCodeLenses([makeFinding(0, { ruleId, ruleName: '\u202eName' })], URI,
      lineOf);

    assert.equal(actual.tooltip,
      'Open the investigation guide of rule \\u{202e}evil a\\u{200b}b \\u{1b}[31mred');
    assert.equal(actual.title, '$(shield) \\u{202e}Name [low]: open investigation guide');
    assert.equal(actual.target?.ruleId, ruleId);
  });
});
