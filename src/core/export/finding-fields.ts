// The few fields every export shows for a finding (who, from where, with what, when), read
// from the finding's fields with the same fallbacks everywhere.
import type { Finding, JsonPlain } from '../types';

/** The first scalar of a field's value, as text. */
export function fieldText(value: JsonPlain | undefined): string | undefined {
  const first = Array.isArray(value) ? value.find((v) => v !== null && typeof v !== 'object')
    : value;
  if (typeof first === 'string') return first;
  if (typeof first === 'number' || typeof first === 'boolean') return String(first);
  return undefined;
}

function firstField(finding: Finding, names: string[]): string | undefined {
  for (const name of names) {
    const text = fieldText(finding.fields[name]);
    if (text !== undefined) return text;
  }
  return undefined;
}

/** Who acted: user.name, or the identity's ARN when there is no user name. */
export function principalOf(finding: Finding): string | undefined {
  return firstField(finding, ['user.name', 'aws.cloudtrail.user_identity.arn']);
}

/** Where from: source.address (an address or a service name), else source.ip. */
export function sourceAddressOf(finding: Finding): string | undefined {
  return firstField(finding, ['source.address', 'source.ip']);
}

/** With what: the raw user agent string. */
export function userAgentOf(finding: Finding): string | undefined {
  return firstField(finding, ['user_agent.original']);
}

/** When: the event's @timestamp (its eventTime). */
export function timestampOf(finding: Finding): string | undefined {
  return firstField(finding, ['@timestamp']);
}

/** What: the API call (event.action, CloudTrail's eventName). */
export function actionOf(finding: Finding): string | undefined {
  return firstField(finding, ['event.action']);
}
