// Plain-text descriptions of a finding (who did what, from where), shared by the diagnostic
// message, the hover, the CodeLens and the Findings view so that all four say the same thing.
// Every string returned here that comes from a log or a rule file has been through visibleText,
// so that bidi controls and zero-width characters in a hostile user name or rule name cannot
// reorder or hide what these places show. Only the display text is changed: exceptions and
// lookups read the finding's fields themselves.
import { cutText, visibleText } from '../core/display-text';
import type { ClauseExplanation, Finding, JsonPlain, Severity } from '../core/types';

const FLATTENED_REQUEST = 'aws.cloudtrail.flattened.request_parameters.';
const MAX_PARAMETERS = 3;
const MAX_VALUE_LENGTH = 120;

const SEVERITY_RANK: Readonly<Record<Severity, number>> = {
  low: 0, medium: 1, high: 2, critical: 3,
};

/** The printable value of an investigation field, cut to a readable length, made visible. */
export function fieldText(finding: Finding, name: string): string | undefined {
  const text = plainText(finding.fields[name]);
  if (text === undefined || text.length === 0) return undefined;
  return visibleText(cutText(text, MAX_VALUE_LENGTH));
}

/** Who made the call: the ECS user name, else the identity ARN. */
export function principalOf(finding: Finding): string | undefined {
  return fieldText(finding, 'user.name') ?? fieldText(finding, 'aws.cloudtrail.user_identity.arn');
}

/** Where the call came from: source.ip, else source.address (a service name for AWS calls). */
export function addressOf(finding: Finding): string | undefined {
  return fieldText(finding, 'source.ip') ?? fieldText(finding, 'source.address');
}

/** The API action of the event, from the fields or from the clause that tested it. */
export function actionOf(finding: Finding): string | undefined {
  const tested = finding.explanation.find((c) => c.field === 'event.action' && c.matched)?.value;
  return fieldText(finding, 'event.action') ??
    (tested === undefined ? undefined : visibleText(tested));
}

/** Whether a clause counted towards the match: it held, or it failed under a `not`. */
export function clauseSatisfied(clause: ClauseExplanation): boolean {
  return clause.matched !== clause.negated;
}

/** The request parameters the query matched on, as `name=value` pairs. */
export function matchedRequestParameters(finding: Finding): string[] {
  const pairs: string[] = [];
  for (const clause of finding.explanation) {
    if (!clause.matched || clause.negated || clause.field === undefined) continue;
    if (!clause.field.startsWith(FLATTENED_REQUEST)) continue;

    const name = clause.field.slice(FLATTENED_REQUEST.length);
    const pair = visibleText(clause.value === undefined ? name : `${name}=${clause.value}`);
    if (!pairs.includes(pair)) pairs.push(pair);
  }
  return pairs.slice(0, MAX_PARAMETERS);
}

/** One sentence: "alice called DescribeImages with includeDeprecated=true from 192.0.2.1". */
export function describeCall(finding: Finding): string {
  const who = principalOf(finding) ?? 'an unknown principal';
  const action = actionOf(finding) ?? 'an API';
  const parameters = matchedRequestParameters(finding);
  const address = addressOf(finding);

  const withPart = parameters.length > 0 ? ` with ${parameters.join(', ')}` : '';
  const fromPart = address === undefined ? '' : ` from ${address}`;
  return `${who} called ${action}${withPart}${fromPart}`;
}

/** The short first line of every message: "Rule name [severity]". */
export function ruleHeadline(finding: Finding): string {
  return visibleText(`${finding.ruleName} [${finding.severity}]`);
}

/** Orders findings most severe first, then by risk score, then by rule name. */
export function compareBySeverity(a: Finding, b: Finding): number {
  return SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    b.riskScore - a.riskScore ||
    a.ruleName.localeCompare(b.ruleName);
}

function plainText(value: JsonPlain | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const parts = value.map(plainText).filter((part): part is string => part !== undefined);
    return parts.length > 0 ? parts.join(', ') : undefined;
  }
  return JSON.stringify(value);
}
