// A keyword value over its ignore_above is kept but not searchable in Elastic, so a rule that
// reads it cannot flag the event: faithful, but the scan says so (padding requestParameters past
// 8,191 characters evades the built-in rule's `aws.cloudtrail.request_parameters: *owner=*`).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadRuleTexts } from '../../../src/core/rules';
import { prepareRules, scanText, type LoadedRule } from '../../../src/core/scan';
import {
  builtinRules, currentRule, FIXTURES, naivePosition, permisoDescribeImages, positionOf,
  type RawRecord,
} from './helpers';

const v1 = builtinRules();

/** The test rule that flags every EC2 DescribeImages call (test/fixtures/scan). */
function anyDescribeImages(): LoadedRule[] {
  const file = path.join(FIXTURES, 'rules-describe-images/any_describe_images.toml');
  return prepareRules(loadRuleTexts([{ text: readFileSync(file, 'utf8'), source: file }]).rules);
}

/** A rule like the built-in one with another query. */
function ruleWithQuery(query: string, name = 'probe'): LoadedRule[] {
  return prepareRules([{ ...v1[0].rule, id: name, name, query }]);
}

/** The self-owner DescribeImages call for deprecated images, padded with a long string. */
function padded(length: number, edit: (record: RawRecord) => void = () => {}): RawRecord {
  const record = permisoDescribeImages();
  delete record.errorCode;
  delete record.errorMessage;
  record.requestParameters = { includeDeprecated: true,
    ownersSet: { items: [{ owner: 'self' }] }, padding: 'x'.repeat(length) };
  edit(record);
  return record;
}

/** The text of one record as CloudTrail delivers it, pretty-printed. */
function fileOf(record: RawRecord): string {
  return JSON.stringify({ Records: [record] }, null, 2);
}

/** Both scan paths, held identical, and the fast one's result. */
function scanBoth(text: string, rules: readonly LoadedRule[]): ReturnType<typeof scanText> {
  const fast = scanText(text, rules);
  assert.deepEqual(fast, scanText(text, rules, { reference: true }));
  return fast;
}

void describe('notes on values over ignore_above', () => {
  void it('notes a 13,000-character requestParameters at its value, naming the rule', () => {
    const text = fileOf(padded(13_000));

    const result = scanBoth(text, v1);

    assert.deepEqual(result.findings, []);
    assert.equal(result.problems.length, 1);
    const [note] = result.problems;
    assert.equal(note.severity, 'note');
    assert.equal(note.message, 'event 1: requestParameters renders to 13068 characters, over '
      + 'the ignore_above of 8191 for aws.cloudtrail.request_parameters: Elastic keeps the value '
      + 'but does not index it, which hides this event from rules that would otherwise flag it '
      + '(AWS EC2 Deprecated AMI Discovery)');
    const value = text.indexOf('"requestParameters": ') + '"requestParameters": '.length;
    assert.equal(note.offset, value);
    assert.deepEqual(positionOf(text, note.offset), naivePosition(text, value));
  });

  void it('says nothing and flags the event when the value is 8,000 characters', () => {
    const result = scanBoth(fileOf(padded(8_000)), v1);

    assert.deepEqual(result.problems, []);
    assert.equal(result.findings.length, 1);
  });

  void it('says nothing for rules that do not read the field', () => {
    const text = fileOf(padded(13_000));

    for (const rules of [anyDescribeImages(), currentRule(),
      ruleWithQuery('event.action: "DescribeImages" and aws.cloudtrail.request_parameters.text: '
        + 'owner')]) {
      const result = scanBoth(text, rules);
      assert.deepEqual(result.problems, [], rules[0].rule.name);
      assert.equal(result.findings.length, 1, rules[0].rule.name);
    }
  });

  void it('says nothing when the rule could not match the event anyway', () => {
    const instances = fileOf(padded(13_000, (r) => { r.eventName = 'DescribeInstances'; }));
    const failed = fileOf(padded(13_000, (r) => { r.errorCode = 'Client.DryRunOperation'; }));
    const noOwner = fileOf(padded(13_000, (r) => {
      delete (r.requestParameters as RawRecord).ownersSet;
    }));

    for (const text of [instances, failed, noOwner]) {
      assert.deepEqual(scanBoth(text, v1).problems, []);
    }
  });

  void it('says nothing when the rule matches the event because the value is unsearchable', () => {
    const probe = ruleWithQuery('event.action: "DescribeImages" and '
      + 'not aws.cloudtrail.request_parameters: *owner=*');

    const result = scanBoth(fileOf(padded(13_000)), probe);

    assert.equal(result.findings.length, 1);
    assert.deepEqual(result.problems, []);
    // the explanation still gives the keyword limit as the reason
    const entry = result.findings[0].explanation
      .find((e) => e.field === 'aws.cloudtrail.request_parameters');
    assert.match(entry?.note ?? '', /ignore_above 8191/);
  });

  void it('notes every field with an ignore_above, each for the rules reading it', () => {
    const response = ruleWithQuery('event.action: "DescribeImages" and '
      + 'aws.cloudtrail.response_elements: *imagesSet=*', 'response probe');
    const text = fileOf(padded(13_000, (r) => {
      r.responseElements = { imagesSet: { items: [{ description: 'y'.repeat(9_000) }] } };
    }));

    const result = scanBoth(text, [...v1, ...response]);

    assert.deepEqual(result.findings, []);
    assert.deepEqual(result.problems.map((p) => p.message.match(/for (\S+):/)?.[1]),
      ['aws.cloudtrail.request_parameters', 'aws.cloudtrail.response_elements']);
    assert.match(result.problems[0].message, /\(AWS EC2 Deprecated AMI Discovery\)$/);
    assert.match(result.problems[1].message, /\(response probe\)$/);
    const value = text.indexOf('"responseElements": ') + '"responseElements": '.length;
    assert.equal(result.problems[1].offset, value);
  });

  void it('names every rule the long value hides the event from, in one note', () => {
    const other = ruleWithQuery('event.provider: "ec2.amazonaws.com" and '
      + 'aws.cloudtrail.request_parameters: *includeDeprecated=true*', 'second probe');

    const [note, ...rest] = scanBoth(fileOf(padded(13_000)), [...v1, ...other]).problems;

    assert.deepEqual(rest, []);
    assert.match(note.message, /\(AWS EC2 Deprecated AMI Discovery, second probe\)$/);
  });

  void it('says nothing when the integration keeps no keyword copy (retain: flattened)', () => {
    const text = fileOf(padded(13_000));

    const result = scanText(text, v1, { retain: 'flattened' });

    assert.deepEqual(result.problems, []);
    assert.deepEqual(result, scanText(text, v1, { retain: 'flattened', reference: true }));
  });
});
