import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseGuideTarget } from '../../../src/extension/guide/messages';
import {
  buildFindingsTree, countFindings, countSuppressed, findingsViewMessage, guideTargetOfNode,
  ruleDescription, ruleTooltip,
} from '../../../src/extension/findings-tree-model';
import { makeFinding } from './finding-fixture';

const high = (event: 0 | 1) => makeFinding(event, { ruleId: 'r-high', ruleName: 'AMI Shared',
  severity: 'high', riskScore: 73 });

void describe('buildFindingsTree', () => {
  void it('groups findings by rule, then file, then event, most severe rule first', () => {
    const tree = buildFindingsTree([
      { uri: 'file:///b.json', label: 'b.json', findings: [makeFinding(1), makeFinding(0)] },
      { uri: 'file:///a.json', label: 'a.json', findings: [makeFinding(0), high(0)] },
    ]);

    assert.deepEqual(tree.map((rule) => [rule.ruleName, rule.count]),
      [['AMI Shared', 1], ['AWS EC2 Deprecated AMI Discovery', 3]]);
    const low = tree[1];
    assert.deepEqual(low.files.map((file) => file.label), ['a.json', 'b.json']);
    assert.deepEqual(low.files[1].events.map((event) => event.findingIndex), [1, 0]);
  });

  void it('labels an event with its action, caller, time and address', () => {
    const finding = makeFinding(0);
    finding.fields['@timestamp'] = '2026-11-20T10:01:00Z';

    const [rule] = buildFindingsTree([{ uri: 'file:///a.json', label: 'a.json',
      findings: [finding] }]);
    const event = rule.files[0].events[0];

    assert.equal(event.label, 'DescribeImages by alice');
    assert.equal(event.description, '2026-11-20T10:01:00Z · 198.51.100.7');
    assert.equal(event.tooltip, 'alice called DescribeImages with includeDeprecated=true from ' +
      '198.51.100.7');
  });

  void it('counts every finding of every file', () => {
    const tree = buildFindingsTree([
      { uri: 'file:///a.json', label: 'a.json', findings: [makeFinding(0), high(0), high(1)] },
      { uri: 'file:///c.json', label: 'c.json', findings: [] },
    ]);

    assert.equal(countFindings(tree), 3);
    assert.equal(tree.some((rule) => rule.files.some((f) => f.uri === 'file:///c.json')), false);
  });
});

void describe('guideTargetOfNode', () => {
  void it('turns rule and event nodes into targets the guide accepts', () => {
    const [rule] = buildFindingsTree([{ uri: 'file:///a.json', label: 'a.json',
      findings: [makeFinding(0), makeFinding(1)] }]);
    const event = rule.files[0].events[1];

    assert.deepEqual(parseGuideTarget(guideTargetOfNode(rule)), { ruleId: rule.ruleId });
    assert.deepEqual(parseGuideTarget(guideTargetOfNode(event)),
      { ruleId: rule.ruleId, documentUri: 'file:///a.json', findingIndex: 1 });
  });

  void it('gives nothing for file nodes and for values that are not nodes', () => {
    const [rule] = buildFindingsTree([{ uri: 'file:///a.json', label: 'a.json',
      findings: [makeFinding(0)] }]);

    assert.equal(guideTargetOfNode(rule.files[0]), undefined);
    assert.equal(guideTargetOfNode('r-1'), undefined);
    assert.equal(parseGuideTarget(guideTargetOfNode({ kind: 'rule', ruleId: 42 })), undefined);
  });
});

void describe('suppressed findings in the tree', () => {
  const suppressed = (event: 0 | 1, id: string, comment: string) =>
    makeFinding(event, { suppressedBy: { id, comment } });
  const files = [
    { uri: 'file:///a.json', label: 'a.json', findings: [makeFinding(0)],
      suppressed: [suppressed(1, 'exc-2', 'Bob runs the nightly AMI report')] },
    { uri: 'file:///b.json', label: 'b.json', findings: [],
      suppressed: [{ ...high(0), suppressedBy: { id: 'exc-9', comment: 'Lab\naccount' } }] },
  ];

  void it('leaves them out by default, but counts them for the view\'s message', () => {
    const tree = buildFindingsTree(files);

    assert.deepEqual(tree.map((rule) => [rule.ruleName, rule.count, rule.suppressedCount]),
      [['AWS EC2 Deprecated AMI Discovery', 1, 0]]);
    assert.equal(countSuppressed(files), 2);
    assert.equal(findingsViewMessage(false, countSuppressed(files)),
      '2 findings are suppressed by exceptions and hidden (Show Suppressed Findings lists them).');
  });

  void it('lists them after the active events, labelled with the item id and comment', () => {
    const tree = buildFindingsTree(files, { showSuppressed: true });

    assert.deepEqual(tree.map((rule) => [rule.ruleName, rule.count, rule.suppressedCount]),
      [['AMI Shared', 0, 1], ['AWS EC2 Deprecated AMI Discovery', 1, 1]]);
    const events = tree[1].files[0].events;
    assert.deepEqual(events.map((e) => [e.list, e.findingIndex, e.label]),
      [['findings', 0, 'DescribeImages by alice'], ['suppressed', 0, 'DescribeImages by bob']]);
    assert.equal(events[1].description, 'suppressed by exc-2: Bob runs the nightly AMI report');
    assert.deepEqual(events[1].suppressedBy,
      { id: 'exc-2', comment: 'Bob runs the nightly AMI report' });
    assert.match(events[1].tooltip, /\nSuppressed by exception exc-2: Bob runs the nightly/);
    assert.equal(tree[0].files[0].events[0].description, 'suppressed by exc-9: Lab account');
  });

  void it('counts active findings for the badge and suppressed ones per rule', () => {
    const tree = buildFindingsTree(files, { showSuppressed: true });

    assert.equal(countFindings(tree), 1);
    assert.equal(ruleDescription(tree[1]), 'low \u00b7 1 \u00b7 1 suppressed');
    assert.equal(ruleDescription(buildFindingsTree(files)[0]), 'low \u00b7 1');
  });

  void it('opens only the rule\'s guide from a suppressed event', () => {
    const tree = buildFindingsTree(files, { showSuppressed: true });
    const event = tree[1].files[0].events[1];

    assert.deepEqual(parseGuideTarget(guideTargetOfNode(event)), { ruleId: event.ruleId });
  });

  void it('says nothing when nothing is hidden, and notes an incomplete workspace scan', () => {
    assert.equal(findingsViewMessage(true, 4), undefined);
    assert.equal(findingsViewMessage(false, 0), undefined);
    assert.equal(findingsViewMessage(false, 1, 'cancelled after 2 of 9 files'),
      '1 finding is suppressed by exceptions and hidden (Show Suppressed Findings lists them). ' +
      'Workspace scan cancelled after 2 of 9 files.');
  });
});

void describe('hostile text in the tree', () => {
  // from a rule file, a file name and an exceptions file: none may reach the view raw
  const PAYLOAD = '\u202eevil a\u200bb \u001b[31mred';
  const SHOWN = '\\u{202e}evil a\\u{200b}b \\u{1b}[31mred';
  const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
  const ruleId = `id${PAYLOAD}`;
  const hostile = (event: 0 | 1) => makeFinding(event, { ruleId, ruleName: `Rule ${PAYLOAD} 😀` });
  const files = [{ uri: 'file:///a.json', label: `logs/${PAYLOAD}.json`,
    findings: [hostile(0)],
    suppressed: [{ ...hostile(1), suppressedBy: { id: `exc${PAYLOAD}`,
      comment: `Lab\n${PAYLOAD}` } }] }];

  void it('shows the rule name, its id and the file label with hidden characters escaped', () => {
    const [rule] = buildFindingsTree(files, { showSuppressed: true });

    assert.equal(rule.ruleName, `Rule ${SHOWN} 😀`);
    assert.equal(rule.files[0].label, `logs/${SHOWN}.json`);
    assert.equal(ruleTooltip(rule), `Rule ${SHOWN} 😀 (id${SHOWN}): 1 flagged events, ` +
      '1 suppressed');
    assert.equal(rule.ruleId, ruleId, 'commands get the exact id');
    assert.equal(rule.files[0].uri, 'file:///a.json');
  });

  void it('shows the exception id and comment of a suppressed event with hidden characters ' +
    'escaped, keeping the item itself exact', () => {
    const [rule] = buildFindingsTree(files, { showSuppressed: true });
    const event = rule.files[0].events[1];

    assert.equal(event.description, `suppressed by exc${SHOWN}: Lab ${SHOWN}`);
    assert.match(event.tooltip, /\nSuppressed by exception exc\\u\{202e\}/);
    assert.doesNotMatch(event.tooltip.replace('\n', ' '), HIDDEN);
    assert.deepEqual(event.suppressedBy, { id: `exc${PAYLOAD}`, comment: `Lab\n${PAYLOAD}` });
  });

  void it('says what the rule node says when nothing is hidden or suppressed', () => {
    const [rule] = buildFindingsTree([{ uri: 'file:///a.json', label: 'a.json',
      findings: [makeFinding(0)] }]);

    assert.equal(ruleTooltip(rule), 'AWS EC2 Deprecated AMI Discovery ' +
      '(264c641e-c202-11ef-993e-f661ea17fbce): 1 flagged events');
  });
});
