import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseGuideTarget } from '../../../src/extension/guide/messages';
import { buildFindingsTree, countFindings, guideTargetOfNode }
  from '../../../src/extension/findings-tree-model';
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
