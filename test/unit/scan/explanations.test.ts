// Why a finding was raised: one explanation entry per clause of the rule's query, naming the
// ECS field, the raw CloudTrail path it came from and the value that satisfied it, with spans
// that point at that value in the scanned text.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fieldTypeOf } from '../../../src/core/ecs';
import type { ClauseExplanation, Finding } from '../../../src/core/types';
import { builtinRules, currentRule, positiveRecord, scan } from './helpers';

/** The positive Permiso event (self owner, includeDeprecated added), pretty-printed. */
function positiveText(): string {
  return JSON.stringify({ Records: [positiveRecord()] }, null, 2);
}

function only(text: string, rules = builtinRules()): Finding {
  const { findings } = scan(text, rules);
  assert.equal(findings.length, 1);
  return findings[0];
}

function entry(finding: Finding, field: string): ClauseExplanation {
  const found = finding.explanation.filter((e) => e.field === field);
  assert.equal(found.length, 1, field);
  return found[0];
}

function slice(text: string, e: ClauseExplanation): string | undefined {
  return e.span === undefined ? undefined : text.slice(e.span.start, e.span.end);
}

void describe('explanations of a v1 finding', () => {
  void it('has one matched, non-negated entry per clause of the v1 query, in query order', () => {
    const finding = only(positiveText());

    assert.deepEqual(finding.explanation.map((e) => [e.clause, e.matched, e.negated]), [
      ['event.dataset: "aws.cloudtrail"', true, false],
      ['event.provider: "ec2.amazonaws.com"', true, false],
      ['event.action: "DescribeImages"', true, false],
      ['event.outcome: "success"', true, false],
      ['aws.cloudtrail.flattened.request_parameters.includeDeprecated: "true"', true, false],
      ['aws.cloudtrail.request_parameters: *owner=*', true, false],
    ]);
  });

  void it('traces raw fields to their CloudTrail path, value and token', () => {
    const text = positiveText();
    const finding = only(text);

    const traced = ['event.provider', 'event.action',
      'aws.cloudtrail.flattened.request_parameters.includeDeprecated',
      'aws.cloudtrail.request_parameters'].map((field) => {
      const e = entry(finding, field);
      return [field, e.rawPath, e.value, slice(text, e)];
    });

    const start = text.indexOf('"requestParameters": ') + '"requestParameters": '.length;
    const params = text.slice(start, text.lastIndexOf('}', text.indexOf('"responseElements"')) + 1);
    assert.deepEqual(traced, [
      ['event.provider', 'eventSource', 'ec2.amazonaws.com', '"ec2.amazonaws.com"'],
      ['event.action', 'eventName', 'DescribeImages', '"DescribeImages"'],
      ['aws.cloudtrail.flattened.request_parameters.includeDeprecated',
        'requestParameters.includeDeprecated', 'true', 'true'],
      ['aws.cloudtrail.request_parameters', 'requestParameters',
        '{includeDeprecated=true, ownersSet={items=[{owner=self}]}}', params],
    ]);
  });

  void it('explains the data stream constant without a raw path or token', () => {
    const e = entry(only(positiveText()), 'event.dataset');

    // constant_keyword: every document of logs-aws.cloudtrail-* has it, whatever the record
    assert.equal(fieldTypeOf('event.dataset'), 'constant_keyword');
    assert.deepEqual([e.value, e.rawPath, e.span], ['aws.cloudtrail', undefined, undefined]);
  });

  void it('explains the outcome as derived, with the value the pipeline computes', () => {
    const e = entry(only(positiveText()), 'event.outcome');

    assert.deepEqual([e.value, e.rawPath, e.span], ['success', undefined, undefined]);
  });

  void it('names the string "true" of includeDeprecated as its value', () => {
    const text = JSON.stringify({ Records: [positiveRecord('true')] });

    const e = entry(only(text), 'aws.cloudtrail.flattened.request_parameters.includeDeprecated');

    assert.equal(e.value, 'true');
    assert.equal(slice(text, e), '"true"');
  });
});

void describe('explanations of a current-rule finding', () => {
  void it('uses data_stream.dataset, also a constant, and has no owner clause', () => {
    const finding = only(positiveText(), currentRule());

    assert.deepEqual(finding.explanation.map((e) => e.field), [
      'data_stream.dataset', 'event.provider', 'event.action', 'event.outcome',
      'aws.cloudtrail.flattened.request_parameters.includeDeprecated',
    ]);
    assert.equal(fieldTypeOf('data_stream.dataset'), 'constant_keyword');
    assert.equal(entry(finding, 'data_stream.dataset').value, 'aws.cloudtrail');
    assert.equal(entry(finding, 'data_stream.dataset').rawPath, undefined);
  });

  void it('gives the finding the investigation fields of the rule with their raw sources', () => {
    const text = positiveText();
    const finding = only(text, currentRule());

    assert.equal(finding.fields['user_agent.original'], 'AWS Internal');
    assert.equal(finding.fieldSources['user_agent.original'].rawPath, 'userAgent');
    const span = finding.fieldSources['@timestamp'].span;
    assert.ok(span);
    assert.equal(text.slice(span.start, span.end), '"2023-07-30T17:18:26Z"');
    assert.equal(finding.fields['@timestamp'], '2023-07-30T17:18:26.000Z');
  });
});
