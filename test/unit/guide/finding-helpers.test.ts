import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eventTextOf } from '../../../src/extension/guide/event-text';
import {
  findingPosition, neighbourFinding, relocateFinding,
} from '../../../src/extension/guide/finding-navigation';
import {
  clauseSpan, fieldSpan, revealableFields,
} from '../../../src/extension/guide/finding-spans';
import type { Finding } from '../../../src/core/types';
import { DEPRECATED_AMI_RULE, describeImagesFinding, loadRule } from './guide-fixtures';

const rule = loadRule(DEPRECATED_AMI_RULE);
const fixture = describeImagesFinding(rule);

function finding(ruleId: string, eventId: string): Finding {
  return { ...fixture.finding, ruleId, eventId };
}

void describe('finding spans', () => {
  void it('points a field at its raw value, so revealing selects exactly that token', () => {
    const span = fieldSpan(fixture.finding, 'aws.cloudtrail.user_identity.arn')!;
    assert.equal(fixture.documentText.slice(span.start, span.end),
      '"arn:aws:iam::111122223333:user/ami-auditor"');
  });

  void it('falls back to a clause that read a field that is not an investigation field', () => {
    const span = fieldSpan(fixture.finding,
      'aws.cloudtrail.flattened.request_parameters.includeDeprecated')!;
    assert.equal(fixture.documentText.slice(span.start, span.end), 'true');
    assert.equal(fieldSpan(fixture.finding, 'event.outcome'), undefined);
    assert.equal(fieldSpan(fixture.finding, 'constructor'), undefined);
  });

  void it('lists the revealable fields from both sources and gives clause spans by index', () => {
    const names = revealableFields(fixture.finding);
    assert.ok(names.has('source.ip'));
    assert.ok(names.has('event.provider'));
    assert.ok(!names.has('event.outcome'));
    const span = clauseSpan(fixture.finding, 2)!;
    assert.equal(fixture.documentText.slice(span.start, span.end), '"DescribeImages"');
    assert.equal(clauseSpan(fixture.finding, 0), undefined);
    assert.equal(clauseSpan(fixture.finding, 99), undefined);
  });
});

void describe('finding navigation', () => {
  const findings = [finding('a', 'e0'), finding('b', 'e1'), finding('a', 'e2'),
    finding('a', 'e3'), finding('b', 'e4')];

  void it('counts a finding\'s position among the findings of its own rule', () => {
    assert.deepEqual(findingPosition(findings, 'a', 2), { index: 1, total: 3 });
    assert.deepEqual(findingPosition(findings, 'b', 4), { index: 1, total: 2 });
    assert.equal(findingPosition(findings, 'b', 0), undefined);
  });

  void it('steps to the previous and next finding of the same rule, and stops at the ends', () => {
    assert.equal(neighbourFinding(findings, 'a', 0, 'next'), 2);
    assert.equal(neighbourFinding(findings, 'a', 2, 'next'), 3);
    assert.equal(neighbourFinding(findings, 'a', 3, 'next'), undefined);
    assert.equal(neighbourFinding(findings, 'a', 3, 'previous'), 2);
    assert.equal(neighbourFinding(findings, 'a', 0, 'previous'), undefined);
    assert.equal(neighbourFinding(findings, 'b', 2, 'previous'), 1, 'from a gone finding too');
  });

  void it('follows the shown event when the document\'s findings were recomputed', () => {
    assert.equal(relocateFinding(findings, 'a', 2, 'e2'), 2);
    assert.equal(relocateFinding(findings, 'a', 0, 'e3'), 3);
    assert.equal(relocateFinding(findings, 'a', 1, undefined), undefined);
    assert.equal(relocateFinding(findings, 'a', 9, 'e9'), undefined);
    assert.equal(relocateFinding(findings, 'a', 3, undefined), 3);
  });
});

void describe('eventTextOf', () => {
  void it('cuts the record out of the document', () => {
    const text = eventTextOf(fixture.documentText, fixture.finding)!;
    assert.ok(text.startsWith('{') && text.endsWith('}'));
    assert.equal((JSON.parse(text) as { eventName: string }).eventName, 'DescribeImages');
  });

  void it('unescapes a record carried inside a JSON string, as lookup-events prints it', () => {
    const inner = '{"eventName":"DescribeImages","userAgent":"a \\"quoted\\" agent"}';
    const document = `{"Events":[{"CloudTrailEvent":${JSON.stringify(inner)}}]}`;
    const start = document.indexOf('"{');
    const end = start + JSON.stringify(inner).length;
    const escaped = { ...fixture.finding, eventSpan: { start, end } };
    assert.equal(eventTextOf(document, escaped), inner);
  });

  void it('gives nothing for a span outside the text', () => {
    const stale = { ...fixture.finding, eventSpan: { start: 10, end: 10_000_000 } };
    assert.equal(eventTextOf('{}', stale), undefined);
  });
});
