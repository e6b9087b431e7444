// A real scan for the tests of issue 7: two public DescribeImages events (Permiso), each given
// the caller, address and user agent of another public event (Stratus Red Team's assumed role,
// the AWS documentation's IAM user Alice) and includeDeprecated (no public event has it; see
// the corpus README), scanned with Elastic's published rule through the project's engine.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadRuleTexts } from '../../../src/core/rules';
import { prepareRules, scanText, type ExceptionMatcher } from '../../../src/core/scan';
import type { Rule, ScanResult } from '../../../src/core/types';

const SHARED = path.resolve(__dirname, '../../../../shared');

type Event = Record<string, unknown>;

const readJson = (file: string): unknown =>
  JSON.parse(readFileSync(path.join(SHARED, file), 'utf8'));

/** The text of a Records file holding the two positive events, pretty-printed. */
export function positiveText(): string {
  const [describe] = readJson('corpus/permiso_describeimages-shapes_subset.json') as Event[];
  const [stratus] = readJson('corpus/stratus_aws.discovery.ec2-download-user-data.json') as
    Event[];
  const alice = (readJson('corpus/awsdocs_log-file-examples_ec2-StartInstances.json') as
    { Records: Event[] }).Records[0];

  const positive = (caller: Event): Event => ({
    ...describe,
    userIdentity: caller.userIdentity,
    sourceIPAddress: caller.sourceIPAddress,
    userAgent: caller.userAgent,
    requestParameters: { ...describe.requestParameters as object, includeDeprecated: true },
  });
  return JSON.stringify({ Records: [positive(stratus), positive(alice)] }, null, 2);
}

/** Elastic's Deprecated AMI Discovery rule, loaded and compiled as the extension does. */
export const RULES = prepareRules(loadRuleTexts([{
  text: readFileSync(path.join(SHARED, 'reference/rules',
    'discovery_ec2_deprecated_ami_discovery.toml'), 'utf8'),
  source: 'discovery_ec2_deprecated_ami_discovery.toml',
}]).rules);

/** The loaded rules themselves. */
export const RULE_LIST: Rule[] = RULES.map((loaded) => loaded.rule);

/** Scans a text with the rule, with exceptions when a matcher is given. */
export function scan(text: string, exceptions?: ExceptionMatcher): ScanResult {
  return scanText(text, RULES, { exceptions });
}
