// Writes samples/: synthetic CloudTrail events in every layout CloudTrail Lens reads, some that
// the bundled rule flags and some that it must not. Values are documentation placeholders
// (account 123456789012, addresses from 192.0.2.0/24 and 203.0.113.0/24).
import { writeFileSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'samples');
mkdirSync(out, { recursive: true });

const identity = (user) => ({
  type: 'IAMUser',
  principalId: 'AIDAEXAMPLEPRINCIPAL1',
  arn: `arn:aws:iam::123456789012:user/${user}`,
  accountId: '123456789012',
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  userName: user,
});

let counter = 0;

/** A DescribeImages record; `overrides` replace top-level keys, `params` the request parameters. */
function describeImages({ user = 'alice', ip = '192.0.2.10', params, ...overrides }) {
  counter += 1;
  return {
    eventVersion: '1.10',
    userIdentity: identity(user),
    eventTime: `2026-11-20T10:${String(counter).padStart(2, '0')}:00Z`,
    eventSource: 'ec2.amazonaws.com',
    eventName: 'DescribeImages',
    awsRegion: 'us-east-1',
    sourceIPAddress: ip,
    userAgent: 'aws-cli/2.22.4 md/awscrt#0.23.4 ua/2.0 os/linux#6.1.0 md/arch#x86_64 '
      + 'lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe '
      + 'md/distrib#debian.12 md/prompt#off md/command#ec2.describe-images',
    requestParameters: params ?? {
      executableBySet: {},
      imagesSet: {},
      ownersSet: { items: [{ owner: 'self' }] },
      includeDeprecated: true,
      filterSet: {},
    },
    responseElements: null,
    requestID: `0a1b2c3d-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    eventID: `5f4e3d2c-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    readOnly: true,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: '123456789012',
    eventCategory: 'Management',
    tlsDetails: {
      tlsVersion: 'TLSv1.3',
      cipherSuite: 'TLS_AES_128_GCM_SHA256',
      clientProvidedHostHeader: 'ec2.us-east-1.amazonaws.com',
    },
    ...overrides,
  };
}

/** A harmless EC2 call that no bundled rule flags. */
function describeInstances() {
  counter += 1;
  return {
    eventVersion: '1.10',
    userIdentity: identity('bob'),
    eventTime: `2026-11-20T11:${String(counter).padStart(2, '0')}:00Z`,
    eventSource: 'ec2.amazonaws.com',
    eventName: 'DescribeInstances',
    awsRegion: 'eu-west-1',
    sourceIPAddress: '203.0.113.7',
    userAgent: 'console.ec2.amazonaws.com',
    requestParameters: { instancesSet: {}, filterSet: {} },
    responseElements: null,
    eventID: `7a6b5c4d-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    eventType: 'AwsApiCall',
    recipientAccountId: '123456789012',
  };
}

// Records that must not be flagged, each for one reason the rule gives.
const negatives = () => [
  describeImages({ params: { ownersSet: { items: [{ owner: 'self' }] }, includeDeprecated: false } }),
  describeImages({
    errorCode: 'Client.UnauthorizedOperation',
    errorMessage: 'You are not authorized to perform this operation.',
  }),
  describeImages({ params: { ownersSet: {}, includeDeprecated: true, filterSet: {} } }),
  describeImages({ eventSource: 'ecr.amazonaws.com' }),
  describeInstances(),
];

const write = (name, text) => writeFileSync(join(out, name), text);

// S3 delivery file, one line, as CloudTrail writes it.
write('s3-delivery-one-line.json', JSON.stringify({
  Records: [describeInstances(), describeImages({}), ...negatives()],
}));

// The same layout pretty-printed, with a Terraform-style caller among the matches.
write('s3-delivery-pretty.json', JSON.stringify({
  Records: [
    describeImages({
      user: 'ci-builder',
      ip: '198.51.100.23',
      userAgent: 'APN/1.0 HashiCorp/1.0 Terraform/1.9.8 (+https://www.terraform.io) '
        + 'terraform-provider-aws/5.80.0 aws-sdk-go-v2/1.32.6 api/ec2#1.196.0',
      params: {
        includeDeprecated: 'true',
        ownersSet: { items: [{ owner: 'amazon' }, { owner: '123456789012' }] },
      },
    }),
    ...negatives(),
  ],
}, null, 2) + '\n');

// A bare array, as many tools export.
write('bare-array.json', JSON.stringify([describeImages({ user: 'carol' }), describeInstances()],
  null, 2) + '\n');

// A single event object.
write('single-event.json', JSON.stringify(describeImages({ user: 'dave' }), null, 2) + '\n');

// JSON Lines.
write('events.jsonl', [describeInstances(), describeImages({ user: 'erin' }), ...negatives()]
  .map((e) => JSON.stringify(e)).join('\n') + '\n');

// aws cloudtrail lookup-events output: each event an escaped JSON string.
const lookup = (e) => ({
  EventId: e.eventID,
  EventName: e.eventName,
  ReadOnly: 'true',
  AccessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  EventTime: '2026-11-20T10:30:00+00:00',
  EventSource: e.eventSource,
  Username: e.userIdentity.userName,
  Resources: [],
  CloudTrailEvent: JSON.stringify(e),
});
write('lookup-events.json', JSON.stringify({
  Events: [lookup(describeImages({ user: 'frank' })), lookup(describeInstances())],
}, null, 4) + '\n');

// EventBridge envelopes (one flagged), as delivered to a rule target.
const envelope = (e) => ({
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'AWS API Call via CloudTrail',
  source: 'aws.ec2',
  account: '123456789012',
  time: e.eventTime,
  region: e.awsRegion,
  resources: [],
  detail: e,
});
write('eventbridge.json', JSON.stringify(envelope(describeImages({ user: 'grace' })), null, 2)
  + '\n');

// CloudTrail Lake query results: rows of one-key objects.
const lakeRow = (e) => [
  { eventID: e.eventID },
  { eventTime: e.eventTime.replace('T', ' ').replace('Z', '.000') },
  { eventSource: e.eventSource },
  { eventName: e.eventName },
  { sourceIPAddress: e.sourceIPAddress },
  { userAgent: e.userAgent },
  { requestParameters: JSON.stringify(e.requestParameters) },
];
write('lake-results.json', JSON.stringify({
  QueryStatus: 'FINISHED',
  QueryStatistics: { ResultsCount: 2, TotalResultsCount: 2 },
  QueryResultRows: [lakeRow(describeImages({ user: 'heidi' })), lakeRow(describeInstances())],
}, null, 2) + '\n');

// Elasticsearch search response over logs-aws.cloudtrail-*: already ECS.
const hit = (id, action, includeDeprecated, rp) => ({
  _index: '.ds-logs-aws.cloudtrail-default-2026.11.20-000001',
  _id: id,
  _source: {
    '@timestamp': '2026-11-20T10:40:00.000Z',
    data_stream: { dataset: 'aws.cloudtrail', namespace: 'default', type: 'logs' },
    event: { dataset: 'aws.cloudtrail', provider: 'ec2.amazonaws.com', action, outcome: 'success',
      id, kind: 'event', type: ['info'] },
    source: { address: '192.0.2.44', ip: '192.0.2.44' },
    user: { name: 'ivan', id: 'arn:aws:iam::123456789012:user/ivan' },
    user_agent: { original: 'aws-cli/2.22.4 md/command#ec2.describe-images' },
    cloud: { account: { id: '123456789012' }, region: 'us-east-1', provider: 'aws' },
    aws: { cloudtrail: {
      user_identity: { type: 'IAMUser', arn: 'arn:aws:iam::123456789012:user/ivan',
        access_key_id: 'AKIAIOSFODNN7EXAMPLE' },
      request_parameters: rp,
      flattened: { request_parameters: { includeDeprecated, ownersSet: { items: [{ owner: 'self' }] } } },
    } },
  },
});
write('elasticsearch-hits.json', JSON.stringify({
  took: 3,
  timed_out: false,
  hits: { total: { value: 2, relation: 'eq' }, hits: [
    hit('9c1d0e2f-0000-4000-8000-000000000001', 'DescribeImages', true,
      '{includeDeprecated=true, ownersSet={items=[{owner=self}]}}'),
    hit('9c1d0e2f-0000-4000-8000-000000000002', 'DescribeImages', false,
      '{includeDeprecated=false, ownersSet={items=[{owner=self}]}}'),
  ] },
}, null, 2) + '\n');

// The S3 delivery format proper: gzip-compressed, named as CloudTrail names its objects.
write('123456789012_CloudTrail_us-east-1_20261120T1045Z_EXAMPLEabcd1234.json.gz',
  gzipSync(JSON.stringify({ Records: [describeImages({ user: 'judy' }), ...negatives()] })));

// A digest file: recognised, never evaluated.
write('digest-file.json', JSON.stringify({
  awsAccountId: '123456789012',
  digestStartTime: '2026-11-20T09:00:00Z',
  digestEndTime: '2026-11-20T10:00:00Z',
  digestS3Bucket: 'example-trail-bucket',
  digestS3Object: 'AWSLogs/123456789012/CloudTrail-Digest/us-east-1/2026/11/20/example.json.gz',
  digestPublicKeyFingerprint: '0123456789abcdef0123456789abcdef',
  digestSignatureAlgorithm: 'SHA256withRSA',
  newestEventTime: '2026-11-20T09:59:00Z',
  oldestEventTime: '2026-11-20T09:01:00Z',
  previousDigestS3Bucket: 'example-trail-bucket',
  previousDigestS3Object: 'AWSLogs/123456789012/CloudTrail-Digest/us-east-1/2026/11/20/prev.json.gz',
  previousDigestHashValue: 'aa',
  previousDigestHashAlgorithm: 'SHA-256',
  previousDigestSignature: 'bb',
  logFiles: [],
}, null, 2) + '\n');
