// Shared data of the guide tests: a real rule file read with smol-toml, and a finding built on a
// real DescribeImages event from the corpus. No public event has includeDeprecated (see the
// corpus README), so the event is edited into a positive: includeDeprecated and a full
// userIdentity are added, which is what the rule needs to fire.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'smol-toml';
import type {
  ClauseExplanation, Finding, JsonPlain, Rule, Severity, Span, Threat,
} from '../../../src/core/types';

export const SHARED = path.resolve(__dirname, '../../../../shared');
export const RULES_DIR = path.join(SHARED, 'reference/rules');
export const DEPRECATED_AMI_RULE = 'discovery_ec2_deprecated_ami_discovery.toml';

type Table = { [key: string]: unknown };

function table(value: unknown): Table {
  return typeof value === 'object' && value !== null ? value as Table : {};
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function entry(value: unknown): { id: string; name: string; reference: string } {
  const t = table(value);
  return { id: String(t.id), name: String(t.name), reference: String(t.reference) };
}

/** A rule file of the reference set as a Rule, read with smol-toml (independent of the loader). */
export function loadRule(file: string): Rule {
  const text = readFileSync(path.join(RULES_DIR, file), 'utf8');
  const document = table(parse(text));
  const rule = table(document.rule);
  const metadata = table(document.metadata);

  const threat: Threat[] = (Array.isArray(rule.threat) ? rule.threat : []).map((raw) => {
    const t = table(raw);
    return {
      framework: String(t.framework),
      tactic: entry(t.tactic),
      techniques: (Array.isArray(t.technique) ? t.technique : []).map((technique) => ({
        ...entry(technique),
        subtechniques: (Array.isArray(table(technique).subtechnique)
          ? table(technique).subtechnique as unknown[] : []).map(entry),
      })),
    };
  });

  return {
    id: String(rule.rule_id),
    name: String(rule.name),
    type: String(rule.type),
    language: optionalString(rule.language),
    query: optionalString(rule.query),
    index: strings(rule.index),
    severity: String(rule.severity) as Severity,
    riskScore: Number(rule.risk_score),
    interval: optionalString(rule.interval) ?? '5m',
    from: optionalString(rule.from) ?? 'now-6m',
    maxSignals: typeof rule.max_signals === 'number' ? rule.max_signals : 100,
    author: strings(rule.author),
    license: optionalString(rule.license),
    tags: strings(rule.tags),
    description: String(rule.description),
    note: optionalString(rule.note),
    setup: optionalString(rule.setup),
    falsePositives: strings(rule.false_positives),
    references: strings(rule.references),
    threat,
    investigationFields: strings(table(rule.investigation_fields).field_names),
    timestampOverride: optionalString(rule.timestamp_override),
    creationDate: optionalString(metadata.creation_date),
    updatedDate: optionalString(metadata.updated_date),
    source: `builtin:${file}`,
    builtin: true,
    support: { supported: true, warnings: [] },
  };
}

/** JSON text (two-space indent, like a pretty-printed trail file) and each value's span. */
export function jsonWithSpans(value: JsonPlain): { text: string; spans: Map<string, Span> } {
  const spans = new Map<string, Span>();
  let text = '';

  const write = (node: JsonPlain, at: string, depth: number): void => {
    const start = text.length;
    const pad = '  '.repeat(depth + 1);

    if (Array.isArray(node)) {
      text += node.length === 0 ? '[]' : '[\n';
      node.forEach((item, i) => {
        text += pad;
        write(item, `${at}[${i}]`, depth + 1);
        text += i < node.length - 1 ? ',\n' : `\n${'  '.repeat(depth)}]`;
      });
    } else if (node !== null && typeof node === 'object') {
      const keys = Object.keys(node);
      text += keys.length === 0 ? '{}' : '{\n';
      keys.forEach((key, i) => {
        text += `${pad}${JSON.stringify(key)}: `;
        write(node[key], at === '' ? key : `${at}.${key}`, depth + 1);
        text += i < keys.length - 1 ? ',\n' : `\n${'  '.repeat(depth)}}`;
      });
    } else {
      text += JSON.stringify(node);
    }
    spans.set(at, { start, end: text.length });
  };

  write(value, '', 0);
  return { text, spans };
}

/** Payloads an attacker could put in a log value or a rule file. */
export const HOSTILE = {
  userAgent: '<img src=x onerror="window.__pwned=1"></script><script>window.__pwned=2</script>',
  note: [
    '## Hostile guide',
    '',
    'Raw HTML: <script>window.__pwned=3</script> and <img src=x onerror="window.__pwned=4">.',
    '',
    'A [x](javascript:alert(1)) link and a [data link](data:text/html,<b>x</b>).',
    '',
    'Check `aws.cloudtrail.user_identity.arn` and `user_agent.original`.',
  ].join('\n'),
};

export interface FindingFixture {
  /** The whole document ({"Records":[...]}) the finding points into. */
  documentText: string;
  finding: Finding;
  /** The event's own JSON text (the span of the record). */
  eventText: string;
}

/** The first DescribeImages event of the corpus, edited into a positive for the AMI rule. */
export function describeImagesFinding(rule: Rule,
  options: { userAgent?: string } = {}): FindingFixture {
  const corpus = JSON.parse(readFileSync(
    path.join(SHARED, 'corpus/permiso_describeimages-shapes_subset.json'), 'utf8')) as Table[];
  const original = corpus[0];

  const record: { [key: string]: JsonPlain } = {
    eventVersion: '1.09',
    userIdentity: {
      type: 'IAMUser',
      principalId: 'AIDAEXAMPLEPRINCIPAL1',
      arn: 'arn:aws:iam::111122223333:user/ami-auditor',
      accountId: '111122223333',
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      userName: 'ami-auditor',
    },
    eventTime: original.eventTime as string,
    eventSource: original.eventSource as string,
    eventName: original.eventName as string,
    awsRegion: original.awsRegion as string,
    sourceIPAddress: '198.51.100.23',
    userAgent: options.userAgent ?? (original.userAgent as string),
    requestParameters: {
      ...(original.requestParameters as { [key: string]: JsonPlain }),
      includeDeprecated: true,
    },
    responseElements: null,
    eventID: original.eventID as string,
    eventType: 'AwsApiCall',
    recipientAccountId: '111122223333',
  };

  const { text, spans } = jsonWithSpans({ Records: [record] });
  const at = (rawPath: string): { rawPath: string; span: Span } =>
    ({ rawPath, span: spans.get(`Records[0].${rawPath}`)! });

  const fields: { [field: string]: JsonPlain } = {
    '@timestamp': record.eventTime,
    'user.name': 'ami-auditor',
    'user_agent.original': record.userAgent,
    'source.ip': '198.51.100.23',
    'aws.cloudtrail.user_identity.arn': 'arn:aws:iam::111122223333:user/ami-auditor',
    'aws.cloudtrail.user_identity.type': 'IAMUser',
    'aws.cloudtrail.user_identity.access_key_id': 'AKIAIOSFODNN7EXAMPLE',
    'event.action': record.eventName,
    'event.outcome': 'success',
    'cloud.account.id': '111122223333',
    'cloud.region': record.awsRegion,
    'aws.cloudtrail.request_parameters':
      '{executableBySet={}, ownersSet={items=[{owner=self}]}, imagesSet={}, filterSet={}, '
      + 'includeDeprecated=true}',
  };

  const fieldSources: Finding['fieldSources'] = {
    '@timestamp': at('eventTime'),
    'user.name': at('userIdentity.userName'),
    'user_agent.original': at('userAgent'),
    'source.ip': at('sourceIPAddress'),
    'aws.cloudtrail.user_identity.arn': at('userIdentity.arn'),
    'aws.cloudtrail.user_identity.type': at('userIdentity.type'),
    'aws.cloudtrail.user_identity.access_key_id': at('userIdentity.accessKeyId'),
    'event.action': at('eventName'),
    // event.outcome is derived (no errorCode), so nothing in the text holds it.
    'event.outcome': {},
    'cloud.account.id': at('recipientAccountId'),
    'cloud.region': at('awsRegion'),
    'aws.cloudtrail.request_parameters': at('requestParameters'),
  };

  const explanation: ClauseExplanation[] = [
    { clause: 'data_stream.dataset: "aws.cloudtrail"', field: 'data_stream.dataset',
      matched: true, negated: false, value: 'aws.cloudtrail',
      note: 'A constant of the CloudTrail integration.' },
    { clause: 'event.provider: "ec2.amazonaws.com"', field: 'event.provider', matched: true,
      negated: false, value: 'ec2.amazonaws.com', ...at('eventSource') },
    { clause: 'event.action: "DescribeImages"', field: 'event.action', matched: true,
      negated: false, value: 'DescribeImages', ...at('eventName') },
    { clause: 'event.outcome: "success"', field: 'event.outcome', matched: true, negated: false,
      value: 'success', note: 'Derived: the record has no errorCode.' },
    { clause: 'aws.cloudtrail.flattened.request_parameters.includeDeprecated: "true"',
      field: 'aws.cloudtrail.flattened.request_parameters.includeDeprecated', matched: true,
      negated: false, value: 'true', ...at('requestParameters.includeDeprecated') },
  ];

  const eventSpan = spans.get('Records[0]')!;
  const finding: Finding = {
    ruleId: rule.id,
    ruleName: rule.name,
    severity: rule.severity,
    riskScore: rule.riskScore,
    eventId: record.eventID as string,
    eventIndex: 0,
    eventSpan,
    span: spans.get('Records[0].eventName')!,
    explanation,
    fields,
    fieldSources,
  };

  return { documentText: text, finding, eventText: text.slice(eventSpan.start, eventSpan.end) };
}

/** The page-level inputs of renderGuideHtml, as a test server or VS Code would give them. */
export const PAGE = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'dGVzdC1ub25jZS0xMjM0NTY3OA==',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/guide.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/guide.css',
};
