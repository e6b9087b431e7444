// Export inputs built from real data: rules of Elastic's detection-rules repository (the copies
// in shared/reference/rules, loaded with the project's TOML loader) and finding fields taken
// from the ECS document of Elastic's CloudTrail pipeline test. Positions and the odd values
// (commas, quotes, line breaks, formulas) are made up to exercise the formats.
import * as path from 'node:path';
import { readFileSync } from 'node:fs';
import { parseRuleToml } from '../../../src/core/rules/parse-rule-toml';
import type { ExportFinding, ExportInput } from '../../../src/core/export';
import type { JsonPlain, Rule } from '../../../src/core/types';

const SHARED = path.resolve(__dirname, '../../../../shared');

/** A rule of the reference set, by file name. */
export function referenceRule(file: string): Rule {
  const text = readFileSync(path.join(SHARED, 'reference/rules', file), 'utf8');
  const { rule, problems } = parseRuleToml(text, file);
  if (rule === undefined) throw new Error(`${file}: ${JSON.stringify(problems)}`);
  return rule;
}

/** The ECS document of Elastic's pipeline test, flattened to the fields a finding carries. */
export function realFields(): { [name: string]: JsonPlain } {
  const file = path.join(SHARED, 'corpus',
    'elastic-integrations_test-modify-image-attribute-json.log-expected.json');
  const doc = (JSON.parse(readFileSync(file, 'utf8')) as { expected: Record<string, JsonPlain>[] })
    .expected[0];
  const pick = (dotted: string): JsonPlain => dotted.split('.').reduce<JsonPlain>(
    (v, k) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? v[k] : null), doc);
  const names = ['@timestamp', 'event.action', 'user.name', 'aws.cloudtrail.user_identity.arn',
    'aws.cloudtrail.user_identity.access_key_id', 'source.ip', 'source.address',
    'user_agent.original', 'cloud.account.id'];
  return Object.fromEntries(names.map((n) => [n, pick(n)]));
}

/** A finding of a rule at a position, with the given fields. */
export function findingOf(rule: Rule, path: string, line: number, character: number,
  fields: { [name: string]: JsonPlain }, extra: Partial<ExportFinding> = {}): ExportFinding {
  return {
    ruleId: rule.id,
    ruleName: rule.name,
    severity: rule.severity,
    riskScore: rule.riskScore,
    eventId: typeof fields['event.id'] === 'string' ? fields['event.id'] : undefined,
    eventIndex: line,
    eventSpan: { start: 0, end: 10 },
    span: { start: 2, end: 8 },
    explanation: [
      { clause: 'event.provider: "ec2.amazonaws.com"', field: 'event.provider', matched: true,
        negated: false, value: 'ec2.amazonaws.com' },
      { clause: 'aws.cloudtrail.error_code: *', field: 'aws.cloudtrail.error_code',
        matched: false, negated: true },
    ],
    fields,
    fieldSources: {},
    path,
    range: { start: { line, character }, end: { line, character: character + 22 } },
    ...extra,
  };
}

/** A scan of three files with active and suppressed findings of four real rules. */
export function sampleInput(): ExportInput {
  const s3 = referenceRule('credential_access_credentials_in_s3_bucket.toml');
  const trail = referenceRule('defense_evasion_cloudtrail_logging_suspended.toml');
  const mfa = referenceRule('impact_iam_deactivate_mfa_device.toml');
  const ami = referenceRule('discovery_ec2_deprecated_ami_discovery.toml');
  const unsupported: Rule = { ...ami, id: 'ffffffff-0000-4000-8000-000000000001',
    name: 'A threshold rule', type: 'threshold',
    support: { supported: false, reason: 'threshold rules are not evaluated', warnings: [] } };

  const real = { ...realFields(), 'event.id': 'b837800c-c462-4907-86f7-73b02fd4958f' };
  const odd = {
    ...real,
    'event.id': 'e2',
    '@timestamp': '2024-10-09T08:00:00.000Z',
    'user.name': 'O\'Brien, "ops"',
    'user_agent.original': 'line one\nline two, with "quotes"\r\nand a CRLF',
    'source.address': '=HYPERLINK("http://x")',
    'source.ip': null,
  };
  const later = { ...real, 'event.id': 'e3', '@timestamp': '2024-10-11T23:59:59.000Z',
    'user.name': null, 'source.address': 'cloudformation.amazonaws.com', 'source.ip': null };

  return {
    files: [
      { path: 'logs/2024/trail one.json', layout: 'records', events: 40, errors: [] },
      { path: 'logs/données.jsonl', layout: 'lines', events: 12, errors: [
        { message: 'Unexpected end of JSON text', line: 11, character: 3, severity: 'error' },
      ] },
      { path: 'C:\\exports\\lake.json', layout: 'lake', events: 2, errors: [] },
    ],
    findings: [
      findingOf(mfa, 'logs/données.jsonl', 4, 0, later),
      findingOf(s3, 'logs/2024/trail one.json', 30, 6, real),
      findingOf(trail, 'logs/2024/trail one.json', 12, 4, odd),
      findingOf(trail, 'C:\\exports\\lake.json', 1, 2, real, {
        suppressedBy: { id: 'exc-1', comment: 'Lake test account, "expected"' } }),
    ],
    suppressed: [
      findingOf(s3, 'logs/données.jsonl', 2, 0, realFields()),
    ],
    rules: [s3, trail, mfa, unsupported].map((rule) => ({ rule })),
  };
}
