import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TextProblem } from '../../../src/core/types';
import { buildDiagnostics, capNotice, failureDiagnostic, ruleProblemDiagnostic,
  DIAGNOSTIC_SOURCE, type DiagnosticInput } from '../../../src/extension/diagnostics';
import { parseGuideTarget } from '../../../src/extension/guide/messages';
import { DEFAULT_SEVERITY_MAPPING, severityMappingOf } from '../../../src/extension/settings';
import { TEXT, makeFinding, positionAtIn, spanOf } from './finding-fixture';

const URI = 'file:///logs/trail.json';

function input(overrides: Partial<DiagnosticInput> = {}): DiagnosticInput {
  return {
    documentUri: URI,
    findings: [makeFinding(0), makeFinding(1)],
    problems: [],
    textLength: TEXT.length,
    positionAt: positionAtIn(TEXT),
    settings: { severityMapping: DEFAULT_SEVERITY_MAPPING, maxDiagnosticsPerFile: 1000 },
    ...overrides,
  };
}

/** The arguments of a command URI, decoded the way VS Code decodes them. */
function commandArgs(uri: string): unknown[] {
  const query = uri.slice(uri.indexOf('?') + 1);
  return JSON.parse(decodeURIComponent(query)) as unknown[];
}

void describe('buildDiagnostics', () => {
  void it('puts one diagnostic per flagged event on its eventName value', () => {
    const actual = buildDiagnostics(input());

    assert.equal(actual.length, 2);
    const expected = spanOf('"DescribeImages"', 1);
    assert.deepEqual(actual[1].range, {
      start: positionAtIn(TEXT)(expected.start), end: positionAtIn(TEXT)(expected.end),
    });
    assert.equal(TEXT.split('\n')[actual[1].range.start.line]
      .slice(actual[1].range.start.character, actual[1].range.end.character), '"DescribeImages"');
  });

  void it('names the rule, who called DescribeImages with includeDeprecated and from where', () => {
    const [first] = buildDiagnostics(input());

    assert.equal(first.message, 'AWS EC2 Deprecated AMI Discovery [low]: alice called ' +
      'DescribeImages with includeDeprecated=true from 198.51.100.7');
    assert.equal(first.source, DIAGNOSTIC_SOURCE);
  });

  void it('falls back to the identity ARN and source.address without user.name and source.ip',
    () => {
      const finding = makeFinding(0, { fields: {
        'aws.cloudtrail.user_identity.arn': 'arn:aws:iam::111122223333:role/ops',
        'source.address': 'ec2.amazonaws.com',
        'event.action': 'DescribeImages',
      } });

      const [actual] = buildDiagnostics(input({ findings: [finding] }));

      assert.match(actual.message, /: arn:aws:iam::111122223333:role\/ops called DescribeImages /);
      assert.match(actual.message, / from ec2\.amazonaws\.com$/);
    });

  void it('uses the rule id as code, with a command URI opening the guide on the finding', () => {
    const [, second] = buildDiagnostics(input());

    assert.equal(second.code?.value, '264c641e-c202-11ef-993e-f661ea17fbce');
    assert.match(second.code?.target ?? '', /^command:cloudtrailLens\.openGuide\?/);
    const [target] = commandArgs(second.code.target ?? '');
    assert.deepEqual(parseGuideTarget(target), {
      ruleId: '264c641e-c202-11ef-993e-f661ea17fbce', documentUri: URI, findingIndex: 1,
    });
  });

  void it('points related information at the values that satisfied the query and at the caller',
    () => {
      const [first] = buildDiagnostics(input());
      const at = (span: { start: number }) => positionAtIn(TEXT)(span.start);

      const messages = first.relatedInformation.map((r) => r.message);
      assert.ok(messages.some((m) => m.includes('includeDeprecated') && m.endsWith('= true')));
      assert.ok(messages.includes('caller: alice'));
      assert.ok(messages.includes('source address: 198.51.100.7'));
      const includeDeprecated = first.relatedInformation
        .find((r) => r.message.includes('includeDeprecated'))!;
      assert.deepEqual(includeDeprecated.range.start, at(spanOf('true', 0)));
    });

  void it('leaves out clauses that did not hold and keeps negated clauses that held', () => {
    const finding = makeFinding(0);
    finding.explanation.push(
      { clause: 'event.outcome: "failure"', field: 'event.outcome', matched: false,
        negated: false, value: 'success', span: spanOf('"alice"') },
      { clause: 'source.address: "cloudtrail.amazonaws.com"', field: 'source.address',
        matched: false, negated: true, value: '198.51.100.7', span: spanOf('"198.51.100.7"') });

    const [actual] = buildDiagnostics(input({ findings: [finding] }));

    const messages = actual.relatedInformation.map((r) => r.message);
    assert.ok(!messages.some((m) => m.includes('event.outcome')));
    assert.ok(messages.some((m) => m.startsWith('not source.address: "cloudtrail.amazonaws.com"')));
  });

  void it('merges the findings of several rules on one event, the most severe rule first',
    () => {
      const other = makeFinding(0, { ruleId: 'r-high', ruleName: 'AMI Shared', severity: 'high',
        riskScore: 73 });

      const actual = buildDiagnostics(input({ findings: [makeFinding(0), other] }));

      assert.equal(actual.length, 1);
      assert.equal(actual[0].code?.value, 'r-high');
      assert.equal(actual[0].severity, 'error');
      assert.deepEqual(actual[0].findingIndexes, [1, 0]);
      assert.match(actual[0].message, /^AMI Shared \[high\]: .*\(also: AWS EC2 Deprecated AMI Discovery \[low\]\)$/);
      assert.ok(actual[0].relatedInformation.some((r) => r.message.startsWith('also flagged by ' +
        'AWS EC2 Deprecated AMI Discovery [low]')));
    });

  void it('maps Elastic severities through the setting', () => {
    const mapping = severityMappingOf({ low: 'hint', medium: 'error' });
    const findings = [makeFinding(0), makeFinding(1, { severity: 'medium' })];

    const actual = buildDiagnostics(input({ findings,
      settings: { severityMapping: mapping, maxDiagnosticsPerFile: 1000 } }));

    assert.deepEqual(actual.map((d) => d.severity), ['hint', 'error']);
  });

  void it('turns text problems into diagnostics at their offset, errors as errors', () => {
    const problems: TextProblem[] = [
      { message: 'event 2 is not valid JSON', offset: spanOf('"bob"').start, severity: 'error' },
      { message: 'odd value', offset: 3, severity: 'note' },
    ];

    const actual = buildDiagnostics(input({ findings: [], problems }));

    assert.deepEqual(actual.map((d) => [d.severity, d.message]), [
      ['information', 'odd value'], ['error', 'event 2 is not valid JSON']]);
    assert.deepEqual(actual[1].range.start, positionAtIn(TEXT)(spanOf('"bob"').start));
    assert.equal(actual[1].code, undefined);
  });

  void it('keeps a problem at the very end of the text inside the text', () => {
    const problems: TextProblem[] = [
      { message: 'unexpected end', offset: TEXT.length + 5, severity: 'error' }];

    const [actual] = buildDiagnostics(input({ findings: [], problems }));

    assert.deepEqual(actual.range.start, positionAtIn(TEXT)(TEXT.length));
  });
});

void describe('the diagnostics cap', () => {
  void it('stops at the cap and says in one Information diagnostic how many more there are', () => {
    const findings = Array.from({ length: 5 }, (_, i) =>
      makeFinding((i % 2) as 0 | 1, { eventIndex: i }));
    const settings = { severityMapping: DEFAULT_SEVERITY_MAPPING, maxDiagnosticsPerFile: 3 };

    const actual = buildDiagnostics(input({ findings, settings }));

    assert.equal(actual.length, 3);
    const notice = actual[2];
    assert.equal(notice.severity, 'information');
    assert.equal(notice.message, '3 more flagged events not shown: at most 3 diagnostics per ' +
      'file (setting cloudtrailLens.maxDiagnosticsPerFile). The CloudTrail Findings view lists ' +
      'every finding.');
    assert.equal(notice.code?.target, 'command:cloudtrailLens.findings.focus');
  });

  void it('publishes everything when the count equals the cap', () => {
    const settings = { severityMapping: DEFAULT_SEVERITY_MAPPING, maxDiagnosticsPerFile: 2 };

    const actual = buildDiagnostics(input({ settings }));

    assert.equal(actual.length, 2);
    assert.ok(actual.every((d) => d.findingIndexes.length === 1));
  });

  void it('counts omitted problems apart from omitted events, singular for one', () => {
    const [event] = buildDiagnostics(input({ findings: [makeFinding(0)] }));
    const [problem] = buildDiagnostics(input({ findings: [],
      problems: [{ message: 'x', offset: 0, severity: 'error' }] }));

    const actual = capNotice([event, problem], 1000);

    assert.match(actual.message, /^1 more flagged event and 1 more problem not shown: at most 1000/);
    assert.deepEqual(actual.range, event.range);
  });
});

void describe('ruleProblemDiagnostic', () => {
  void it('places a rule file problem at its line and character', () => {
    const actual = ruleProblemDiagnostic({ source: '/rules/a.toml', message: 'bad query',
      line: 40, character: 7 });

    assert.deepEqual(actual.range.start, { line: 40, character: 7 });
    assert.equal(actual.severity, 'error');
    assert.equal(actual.message, 'bad query');
  });

  void it('places a problem without position at the start of the file', () => {
    const actual = ruleProblemDiagnostic({ source: '/rules/a.toml', message: 'not TOML' });

    assert.deepEqual(actual.range.start, { line: 0, character: 0 });
  });
});

void describe('diagnostics from hostile logs and rules', () => {
  /** Controls, format characters (bidi, zero-width), separators and unpaired surrogates. */
  const HIDDEN = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;

  void it('show no bidi control, zero-width character or control in any message', () => {
    const hostile = makeFinding(0, {
      ruleId: 'id\u202e',
      ruleName: 'Rule \u2067name\u2069\u200b',
      fields: { 'user.name': 'alice\u202egnp.exe', 'source.ip': '198.51.100.7\u2066' },
    });
    hostile.explanation = hostile.explanation.map((clause) => ({ ...clause,
      clause: `${clause.clause}\u200f`, rawPath: `${clause.rawPath ?? ''}\u2028`,
      value: `${clause.value ?? ''}\u001b[8m` }));
    const other = makeFinding(0, { ruleId: 'other\u200b', ruleName: 'Other\u202d',
      riskScore: 1 });
    const problems: TextProblem[] = [{ offset: 0, message: 'bad \u202ekey\u0000',
      severity: 'error' }];

    const actual = buildDiagnostics(input({ findings: [hostile, other], problems }));

    const messages = actual.flatMap((d) => [d.message, d.code?.value ?? '',
      ...d.relatedInformation.map((r) => r.message)]);
    assert.equal(actual.length, 2);
    assert.ok(messages.length > 6);
    for (const message of messages) assert.doesNotMatch(message, HIDDEN, message);
    assert.match(actual[1].message, /alice\\u\{202e\}gnp\.exe called/);
    assert.match(actual[1].message, /Rule \\u\{2067\}name\\u\{2069\}\\u\{200b\} \[low\]/);
    assert.equal(actual[0].message, 'bad \\u{202e}key\\u{0}');
  });

  void it('keep the rule id unchanged in the guide link', () => {
    const finding = makeFinding(0, { ruleId: 'id\u202e' });

    const [actual] = buildDiagnostics(input({ findings: [finding] }));

    assert.equal(actual.code?.value, 'id\\u{202e}');
    assert.equal((commandArgs(actual.code?.target ?? '')[0] as { ruleId: string }).ruleId,
      'id\u202e');
  });

  void it('show rule file problems and engine failures with hidden characters escaped', () => {
    const rule = ruleProblemDiagnostic({ source: '/rules/a.toml',
      message: 'name "\u202eevil\u202c" is \u200bbad' });
    const failure = failureDiagnostic('cannot read /logs/\u2067x\u2069.json\n');

    assert.equal(rule.message, 'name "\\u{202e}evil\\u{202c}" is \\u{200b}bad');
    assert.doesNotMatch(failure.message, HIDDEN);
    assert.match(failure.message, /\/logs\/\\u\{2067\}x\\u\{2069\}\.json\\u\{a\} \(details/);
  });
});
