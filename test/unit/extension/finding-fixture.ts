// Builds findings the way the engine reports them, over a small CloudTrail text written for
// these tests (documentation addresses and account ids only), so that spans are real offsets.
import type { Finding, Position } from '../../../src/core/types';

/** Two DescribeImages events on separate lines of a Records file. */
export const TEXT = [
  '{"Records":[',
  '{"eventName":"DescribeImages","userIdentity":{"userName":"alice",' +
    '"arn":"arn:aws:iam::111122223333:user/alice"},"sourceIPAddress":"198.51.100.7",' +
    '"requestParameters":{"includeDeprecated":true,"ownersSet":{"items":[{"owner":"self"}]}}},',
  '{"eventName":"DescribeImages","userIdentity":{"userName":"bob",' +
    '"arn":"arn:aws:iam::111122223333:user/bob"},"sourceIPAddress":"203.0.113.9",' +
    '"requestParameters":{"includeDeprecated":true}}',
  ']}',
].join('\n');

/** The span of the n-th occurrence (0-based) of a token in TEXT. */
export function spanOf(token: string, occurrence = 0): { start: number; end: number } {
  let start = -1;
  for (let i = 0; i <= occurrence; i++) {
    start = TEXT.indexOf(token, start + 1);
    if (start < 0) throw new Error(`token ${token} #${occurrence} not in the test text`);
  }
  return { start, end: start + token.length };
}

/** Offsets -> positions for TEXT (or any text), counted the way VS Code does. */
export function positionAtIn(text: string): (offset: number) => Position {
  return (offset) => {
    const before = text.slice(0, offset);
    const line = before.split('\n').length - 1;
    return { line, character: offset - (before.lastIndexOf('\n') + 1) };
  };
}

/** The event object on line 1 + event of TEXT (without the separating comma). */
export function eventSpanOf(event: 0 | 1): { start: number; end: number } {
  const lines = TEXT.split('\n');
  const start = lines.slice(0, 1 + event).reduce((sum, line) => sum + line.length + 1, 0);
  return { start, end: start + lines[1 + event].replace(/,$/, '').length };
}

/** A finding of event `event` (0 or 1) of TEXT, for the seed rule unless overridden. */
export function makeFinding(event: 0 | 1, overrides: Partial<Finding> = {}): Finding {
  const user = event === 0 ? 'alice' : 'bob';
  const ip = event === 0 ? '198.51.100.7' : '203.0.113.9';
  return {
    ruleId: '264c641e-c202-11ef-993e-f661ea17fbce',
    ruleName: 'AWS EC2 Deprecated AMI Discovery',
    severity: 'low',
    riskScore: 21,
    eventId: `event-${event}`,
    eventIndex: event,
    eventSpan: eventSpanOf(event),
    span: spanOf('"DescribeImages"', event),
    explanation: [
      { clause: 'event.action: "DescribeImages"', field: 'event.action', matched: true,
        negated: false, value: 'DescribeImages', rawPath: 'eventName',
        span: spanOf('"DescribeImages"', event) },
      { clause: 'aws.cloudtrail.flattened.request_parameters.includeDeprecated: "true"',
        field: 'aws.cloudtrail.flattened.request_parameters.includeDeprecated', matched: true,
        negated: false, value: 'true', rawPath: 'requestParameters.includeDeprecated',
        span: spanOf('true', event) },
    ],
    fields: {
      'user.name': user,
      'aws.cloudtrail.user_identity.arn': `arn:aws:iam::111122223333:user/${user}`,
      'source.ip': ip,
      'event.action': 'DescribeImages',
    },
    fieldSources: {
      'user.name': { rawPath: 'userIdentity.userName', span: spanOf(`"${user}"`) },
      'source.ip': { rawPath: 'sourceIPAddress', span: spanOf(`"${ip}"`) },
    },
    ...overrides,
  };
}
