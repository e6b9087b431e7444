// Generates CloudTrail-shaped records for the benchmark and the fast-path tests: exactly one
// record in `matchEvery` matches the built-in rule "AWS EC2 Deprecated AMI Discovery" v1, and
// the rest are a realistic mix: DescribeImages calls that miss one condition each, other EC2,
// IAM, STS, S3, KMS and sign-in events, nested parameters, non-ASCII text and escapes
// (including \u0044escribeImages, which must still match).
import { Prng } from './prng';
import { obj, raw, type JsonValue, type OrderedObject } from './json-writer';

/** One generated record and whether the rule matches it (by construction). */
export interface GeneratedRecord {
  value: OrderedObject;
  matches: boolean;
  /** A short label of the shape, for debugging a mismatch. */
  kind: string;
}

export interface RecordGeneratorOptions {
  seed: number;
  /** One record in this many matches (the one at index matchEvery / 2 of each block). */
  matchEvery?: number;
  /** Fraction of other records that carry a \u escape somewhere (default 0.01). */
  escapeRate?: number;
}

const REGIONS = ['us-east-1', 'us-east-2', 'us-west-2', 'eu-west-1', 'eu-central-1',
  'ap-northeast-1', 'ap-southeast-2', 'sa-east-1'];
const ACCOUNTS = ['111122223333', '444455556666', '123456789012', '210987654321'];
const USER_NAMES = ['alice', 'bob', 'deploy-bot', 'José', 'Zoë', '山田太郎', 'ci-runner',
  'security-audit', 'Ørjan', 'mallory'];
const ROLE_NAMES = ['Admin', 'ReadOnly', 'OrganizationAccountAccessRole', 'ci-deploy',
  'AWSReservedSSO_PowerUser_0123456789abcdef'];
const AGENTS = [
  'aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0 exe/x86_64.ubuntu.22 command/ec2.describe-images',
  'aws-cli/2.17.60 md/awscrt#0.21.2 ua/2.0 os/macos#23.6.0 md/arch#x86_64 lang/python#3.12.6',
  'Boto3/1.34.69 md/Botocore#1.34.69 ua/2.0 os/linux#5.10.213 md/arch#x86_64 lang/python#3.9.16',
  'console.ec2.amazonaws.com',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0',
  'aws-sdk-go-v2/1.26.1 os/linux lang/go#1.22.1 md/GOOS#linux md/GOARCH#amd64 api/ec2#1.155.0',
  'Terraform/1.7.5 (+https://www.terraform.io) terraform-provider-aws/5.42.0',
  'AWS Internal',
];
const TAG_VALUES = ['production', 'staging', 'Équipe données', '日本語テスト', 'café ☕',
  'rocket 🚀 launch', 'owner=bob', 'Ünïcödé', 'cost-center-42', 'a "quoted" value'];
const HEX = '0123456789abcdef';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

// Other events, with their relative weights.
const OTHER_KINDS: [string, number][] = [
  ['DescribeImages-miss', 12], ['DescribeInstances', 12], ['RunInstances', 4], ['AssumeRole', 12],
  ['GetObject', 14], ['PutObject', 6], ['ConsoleLogin', 3], ['PutRolePolicy', 3],
  ['CreateRole', 2], ['Decrypt', 10], ['CreateTags', 5], ['GetCallerIdentity', 5],
  ['ListBuckets', 3], ['DescribeSecurityGroups', 5], ['ModifyImageAttribute', 2],
  ['DescribeImageAttribute', 2],
];
const OTHER_TOTAL = OTHER_KINDS.reduce((n, [, w]) => n + w, 0);

/** Produces records one at a time, deterministically from the seed. */
export class RecordGenerator {
  private readonly prng: Prng;
  private readonly matchEvery: number;
  private readonly escapeRate: number;
  private index = 0;
  private time = Date.UTC(2026, 10, 20, 0, 0, 0);

  constructor(options: RecordGeneratorOptions) {
    this.prng = new Prng(options.seed);
    this.matchEvery = options.matchEvery ?? 1000;
    this.escapeRate = options.escapeRate ?? 0.01;
  }

  /** The next record. */
  next(): GeneratedRecord {
    const p = this.prng;
    const index = this.index++;
    this.time += p.int(0, 4000);

    if (index % this.matchEvery === Math.floor(this.matchEvery / 2)) return this.matching();

    let roll = p.int(1, OTHER_TOTAL);
    const kind = OTHER_KINDS.find(([, w]) => (roll -= w) <= 0)?.[0] ?? 'GetObject';
    if (kind === 'DescribeImages-miss') return this.describeImagesMiss();
    return { value: this.other(kind), matches: false, kind };
  }

  // A record that the rule matches, in one of several spellings.
  private matching(): GeneratedRecord {
    const p = this.prng;
    const variant = p.int(1, 8);
    const owners: JsonValue = variant === 2
      ? obj(['items', [obj(['owner', 'amazon']), obj(['owner', p.pick(ACCOUNTS)])]])
      : obj(['items', [obj(['owner', 'self'])]]);
    const flag: JsonValue = variant === 2 ? 'true' : true;
    const flagKey = variant === 6 ? raw('"include\\u0044eprecated"') : 'includeDeprecated';
    const params = obj(['executableBySet', obj()], ['imagesSet', obj()], ['ownersSet', owners],
      [flagKey, flag], ['filterSet', obj()]);
    if (variant === 7) params.members.push(['maxResults', 1000], ['includeDisabled', false]);

    const record = this.envelope({
      source: variant === 6 ? raw('"ec2\\u002eamazonaws.com"') : 'ec2.amazonaws.com',
      name: variant === 5 ? raw('"\\u0044escribeImages"') : 'DescribeImages',
      params,
      response: null,
      error: variant === 3 ? null : variant === 4 ? '' : undefined,
      readOnly: true,
    });
    return { value: record, matches: true, kind: `DescribeImages-match-${variant}` };
  }

  // A DescribeImages record the rule does not match. Most are the console's ordinary listings,
  // without the includeDeprecated flag; one in fifty is a near miss that has every literal the
  // rule needs (the flag, the provider, the name) but fails one condition.
  private describeImagesMiss(): GeneratedRecord {
    const p = this.prng;
    const roll = p.int(1, 100);
    if (roll <= 2) return this.nearMiss();

    const self = obj(['items', [obj(['owner', 'self'])]]);
    let source: JsonValue = 'ec2.amazonaws.com';
    let params: OrderedObject;
    let kind: string;
    if (roll <= 32) {
      kind = 'listing-self';
      params = obj(['executableBySet', obj()], ['imagesSet', obj()], ['ownersSet', self],
        ['filterSet', obj()]);
    } else if (roll <= 57) {
      kind = 'listing-public';
      params = obj(['executableBySet', obj()], ['imagesSet', obj()], ['ownersSet', obj()],
        ['filterSet', obj(['items', [obj(['name', 'is-public'], ['valueSet', obj(['items',
          [obj(['value', 'true'])]])])]])]);
    } else if (roll <= 77) {
      kind = 'image-ids';
      params = obj(['imagesSet', obj(['items', this.imageItems(3)])], ['ownersSet', obj()]);
    } else if (roll <= 85) {
      // A tag value "owner=bob": the rendered string contains owner=, but there is no flag.
      kind = 'tag-owner';
      params = obj(['ownersSet', obj()], ['filterSet', obj(['items', [obj(['name', 'tag:note'],
        ['valueSet', obj(['items', [obj(['value', 'owner=bob'])]])])]])]);
    } else if (roll <= 93) {
      kind = 'ecr';
      source = 'ecr.amazonaws.com';
      params = obj(['repositoryName', `team/${p.chars('abcdefgh', 6)}`],
        ['filter', obj(['tagStatus', 'TAGGED'])]);
    } else {
      kind = 'paged';
      params = obj(['ownersSet', self], ['maxResults', 1000],
        ['nextToken', p.chars(UPPER + HEX, 40)]);
    }

    const record = this.envelope({ source, name: 'DescribeImages', params, response: null,
      readOnly: true });
    return { value: record, matches: false, kind: `DescribeImages-${kind}` };
  }

  // A DescribeImages record with the includeDeprecated flag that misses one condition.
  private nearMiss(): GeneratedRecord {
    const p = this.prng;
    const variant = p.int(1, 8);
    const self = obj(['items', [obj(['owner', 'self'])]]);
    let source: JsonValue = 'ec2.amazonaws.com';
    let error: string | undefined;
    let errorMessage: string | undefined;
    let params: OrderedObject;

    switch (variant) {
      case 1: // the flag without an owner: no "owner=" in the rendered string
        params = obj(['ownersSet', obj()], ['includeDeprecated', true], ['filterSet', obj()]);
        break;
      case 2: // denied
        params = obj(['ownersSet', self], ['includeDeprecated', true]);
        error = 'Client.UnauthorizedOperation';
        errorMessage = 'You are not authorized to perform this operation.';
        break;
      case 3:
        params = obj(['ownersSet', self], ['includeDeprecated', false]);
        break;
      case 4: // wrong case of the string value
        params = obj(['ownersSet', self], ['includeDeprecated', 'True']);
        break;
      case 5: // an owner filter, not an owner
        params = obj(['ownersSet', obj()], ['includeDeprecated', true], ['filterSet', obj(
          ['items', [obj(['name', 'owner-alias'], ['valueSet', obj(['items',
            [obj(['value', 'amazon'])]])])]])]);
        break;
      case 6: // ECR has a DescribeImages call too
        source = 'ecr.amazonaws.com';
        params = obj(['repositoryName', `team/${p.chars('abcdefgh', 6)}`],
          ['includeDeprecated', true], ['ownersSet', self]);
        break;
      case 7: // errorMessage alone makes the outcome a failure
        params = obj(['ownersSet', self], ['includeDeprecated', true]);
        errorMessage = 'Request limit exceeded.';
        break;
      default: // so many image ids that the rendered string passes ignore_above (8,191)
        params = obj(['imagesSet', obj(['items', this.imageItems(260)])], ['ownersSet', self],
          ['includeDeprecated', true]);
        break;
    }

    const record = this.envelope({ source, name: 'DescribeImages', params,
      response: null, error, errorMessage, readOnly: true });
    return { value: record, matches: false, kind: `DescribeImages-near-miss-${variant}` };
  }

  private imageItems(count: number): JsonValue[] {
    const items: JsonValue[] = [];
    for (let i = 0; i < count; i++) items.push(obj(['imageId', `ami-${this.prng.chars(HEX, 17)}`]));
    return items;
  }

  // Any other event, by name.
  private other(kind: string): OrderedObject {
    const p = this.prng;
    const region = p.pick(REGIONS);
    const escaped = p.chance(this.escapeRate);

    switch (kind) {
      case 'DescribeInstances':
        return this.envelope({ source: 'ec2.amazonaws.com', name: kind, readOnly: true,
          params: obj(['instancesSet', obj()], ['filterSet', obj(['items', [obj(
            ['name', 'instance-state-name'], ['valueSet', obj(['items',
              [obj(['value', 'running'])]])])]])], ['maxResults', p.pick([5, 50, 1000])]),
          response: null, escaped });
      case 'RunInstances':
        return this.envelope({ source: 'ec2.amazonaws.com', name: kind, readOnly: false,
          params: obj(['instancesSet', obj(['items', [obj(['imageId', `ami-${p.chars(HEX, 17)}`],
            ['minCount', 1], ['maxCount', p.int(1, 4)])]])], ['instanceType',
            p.pick(['t3.micro', 'm5.large', 'c6g.xlarge'])], ['blockDeviceMapping', obj()],
          ['monitoring', obj(['enabled', false])], ['disableApiTermination', false],
          ['clientToken', p.uuid()], ['tagSpecificationSet', obj(['items', [obj(
            ['resourceType', 'instance'], ['tags', [obj(['key', 'Name'],
              ['value', p.pick(TAG_VALUES)]), obj(['key', 'team'], ['value', 'cloud'])]])]])]),
          response: this.runInstancesResponse(region), escaped });
      case 'AssumeRole':
        return this.envelope({ source: 'sts.amazonaws.com', name: kind, readOnly: true,
          params: obj(['roleArn', `arn:aws:iam::${p.pick(ACCOUNTS)}:role/${p.pick(ROLE_NAMES)}`],
            ['roleSessionName', `session-${p.chars(HEX, 10)}`], ['durationSeconds', 3600]),
          response: obj(['credentials', obj(['accessKeyId', `ASIA${p.chars(UPPER, 16)}`],
            ['sessionToken', p.chars(UPPER + HEX, 120)],
            ['expiration', raw(`"${new Date(this.time + 3600e3).toUTCString()}"`)])],
          ['assumedRoleUser', obj(['assumedRoleId', `AROA${p.chars(UPPER, 17)}:session`],
            ['arn', `arn:aws:sts::${p.pick(ACCOUNTS)}:assumed-role/${p.pick(ROLE_NAMES)}/s`])]),
          escaped });
      case 'GetObject':
      case 'PutObject':
        return this.envelope({ source: 's3.amazonaws.com', name: kind,
          readOnly: kind === 'GetObject',
          params: obj(['bucketName', `logs-${p.chars(HEX, 8)}`], ['Host',
            `logs.s3.${region}.amazonaws.com`], ['key', `${p.pick(['data', 'exports', 'tmp'])}/${
            p.pick(TAG_VALUES)}/${p.chars(HEX, 12)}.json`]),
          response: null, additional: obj(['SignatureVersion', 'SigV4'], ['CipherSuite',
            'TLS_AES_128_GCM_SHA256'], ['bytesTransferredIn', 0], ['bytesTransferredOut',
            p.int(100, 9_000_000)], ['x-amz-id-2', p.chars(UPPER + HEX, 60)]),
          eventType: 'AwsApiCall', dataEvent: true, escaped });
      case 'ConsoleLogin':
        return this.envelope({ source: 'signin.amazonaws.com', name: kind, readOnly: false,
          params: null, response: obj(['ConsoleLogin', p.pick(['Success', 'Success', 'Failure'])]),
          additional: obj(['LoginTo', 'https://console.aws.amazon.com/console/home'],
            ['MobileVersion', 'No'], ['MFAUsed', p.pick(['Yes', 'No'])]),
          eventType: 'AwsConsoleSignIn', escaped });
      case 'PutRolePolicy':
      case 'CreateRole': {
        // Policy documents are JSON inside a string: full of \" escapes, sometimes \u003d.
        const doc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow',
          Action: p.pick(['ec2:DescribeImages', 's3:GetObject', 'sts:AssumeRole']),
          Resource: '*' }] });
        const policy = p.chance(0.2) ? raw(JSON.stringify(doc).replace(/:/g, '\\u003a')) : doc;
        const key = kind === 'CreateRole' ? 'assumeRolePolicyDocument' : 'policyDocument';
        return this.envelope({ source: 'iam.amazonaws.com', name: kind, readOnly: false,
          params: obj(['roleName', p.pick(ROLE_NAMES)], [key, policy],
            ['policyName', `inline-${p.chars(HEX, 6)}`]), response: null, escaped });
      }
      case 'Decrypt':
        return this.envelope({ source: 'kms.amazonaws.com', name: kind, readOnly: true,
          params: obj(['encryptionAlgorithm', 'SYMMETRIC_DEFAULT'], ['encryptionContext', obj(
            ['aws:lambda:FunctionArn',
              `arn:aws:lambda:${region}:${p.pick(ACCOUNTS)}:function:f`])]),
          response: null, resources: [obj(['accountId', p.pick(ACCOUNTS)], ['type',
            'AWS::KMS::Key'], ['ARN',
              `arn:aws:kms:${region}:${p.pick(ACCOUNTS)}:key/${p.uuid()}`])],
          escaped });
      case 'CreateTags':
        return this.envelope({ source: 'ec2.amazonaws.com', name: kind, readOnly: false,
          params: obj(['resourcesSet', obj(['items', [obj(['resourceId',
            `i-${p.chars(HEX, 17)}`])]])], ['tagSet', obj(['items', [obj(['key', 'Owner'],
            ['value', p.pick(TAG_VALUES)]), obj(['key', 'Beschreibung'], ['value',
            p.pick(TAG_VALUES)])]])]), response: obj(['_return', true]), escaped });
      case 'GetCallerIdentity':
      case 'ListBuckets':
        return this.envelope({ source: kind === 'ListBuckets' ? 's3.amazonaws.com'
          : 'sts.amazonaws.com', name: kind, readOnly: true, params: null, response: null,
          escaped });
      case 'DescribeSecurityGroups':
        return this.envelope({ source: 'ec2.amazonaws.com', name: kind, readOnly: true,
          params: obj(['securityGroupSet', obj()], ['securityGroupIdSet', obj(['items', [obj(
            ['groupId', `sg-${p.chars(HEX, 17)}`])]])], ['filterSet', obj()]),
          response: null, escaped });
      default: // ModifyImageAttribute, DescribeImageAttribute: image calls that are not the one
        return this.envelope({ source: 'ec2.amazonaws.com', name: kind, readOnly: kind !==
          'ModifyImageAttribute', params: obj(['imageId', `ami-${p.chars(HEX, 17)}`],
          ['attributeType', 'launchPermission'], ['includeDeprecated', true],
          ['launchPermission', obj(['remove', obj(['items', [obj(['group', 'all'])]])])]),
          response: obj(['_return', true]), escaped });
    }
  }

  private runInstancesResponse(region: string): OrderedObject {
    const p = this.prng;
    return obj(['reservationId', `r-${p.chars(HEX, 17)}`], ['ownerId', p.pick(ACCOUNTS)],
      ['groupSet', obj()], ['instancesSet', obj(['items', [obj(
        ['instanceId', `i-${p.chars(HEX, 17)}`], ['imageId', `ami-${p.chars(HEX, 17)}`],
        ['instanceState', obj(['code', 0], ['name', 'pending'])],
        ['privateDnsName', `ip-10-0-${p.int(0, 255)}-${p.int(0, 255)}.${region}.compute.internal`],
        ['amiLaunchIndex', 0], ['productCodes', obj()], ['instanceType', 't3.micro'],
        ['launchTime', 1726046908000 + p.int(0, 1e9)], ['placement', obj(['availabilityZone',
          `${region}a`], ['tenancy', 'default'])], ['monitoring', obj(['state', 'disabled'])],
        ['subnetId', `subnet-${p.chars(HEX, 8)}`], ['vpcId', `vpc-${p.chars(HEX, 8)}`],
        ['privateIpAddress', `10.0.${p.int(0, 255)}.${p.int(0, 255)}`],
        ['cpuOptions', obj(['coreCount', 1], ['threadsPerCore', 2])],
        ['ratio', raw('1.50')], ['weight', raw('1E2')],
        ['metadataOptions', obj(['httpTokens', 'required'], ['httpPutResponseHopLimit', 2])],
      )]])], ['requesterId', raw('123456789012345678901234567890')]);
  }

  // The fields every CloudTrail record carries around its call-specific parts.
  private envelope(parts: {
    source: JsonValue; name: JsonValue; params: JsonValue; response: JsonValue;
    readOnly: boolean; error?: string | null; errorMessage?: string; additional?: OrderedObject;
    resources?: JsonValue[]; eventType?: string; dataEvent?: boolean; escaped?: boolean;
  }): OrderedObject {
    const p = this.prng;
    const account = p.pick(ACCOUNTS);
    const region = p.pick(REGIONS);
    const trimmed = p.chance(0.05);

    // Console traffic trimmed to ten keys (like the Permiso sessions) is part of the mix.
    if (trimmed) {
      return obj(['eventTime', this.eventTime()], ['eventID', p.uuid()], ['eventSource',
        parts.source], ['eventName', parts.name], ['requestParameters', parts.params],
      ['responseElements', parts.response], ['errorCode', parts.error ?? null],
      ['errorMessage', parts.errorMessage ?? null], ['userAgent', p.pick(AGENTS)],
      ['awsRegion', region]);
    }

    const record = obj(['eventVersion', p.pick(['1.08', '1.09', '1.10'])],
      ['userIdentity', this.identity(account, parts.escaped === true)],
      ['eventTime', this.eventTime()], ['eventSource', parts.source], ['eventName', parts.name],
      ['awsRegion', region], ['sourceIPAddress', p.chance(0.1) ? 'AWS Internal'
        : p.chance(0.1) ? `2001:db8::${p.chars(HEX, 4)}` : `${p.int(1, 223)}.${p.int(0, 255)}.${
          p.int(0, 255)}.${p.int(1, 254)}`],
      ['userAgent', p.pick(AGENTS)]);

    if (parts.error !== undefined) record.members.push(['errorCode', parts.error]);
    if (parts.errorMessage !== undefined) record.members.push(['errorMessage', parts.errorMessage]);
    record.members.push(['requestParameters', parts.params],
      ['responseElements', parts.response]);
    if (parts.additional) record.members.push(['additionalEventData', parts.additional]);
    record.members.push(['requestID', p.uuid()], ['eventID', p.uuid()],
      ['readOnly', parts.readOnly]);
    if (parts.resources) record.members.push(['resources', parts.resources]);
    record.members.push(['eventType', parts.eventType ?? 'AwsApiCall'],
      ['managementEvent', parts.dataEvent !== true], ['recipientAccountId', account],
      ['eventCategory', parts.dataEvent === true ? 'Data' : 'Management'],
      ['tlsDetails', obj(['tlsVersion', 'TLSv1.3'], ['cipherSuite', 'TLS_AES_128_GCM_SHA256'],
        ['clientProvidedHostHeader',
          `${p.pick(['ec2', 's3', 'sts', 'iam'])}.${region}.amazonaws.com`])]);
    return record;
  }

  private eventTime(): string {
    return new Date(this.time).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  // An identity; `escaped` writes the user name with \u escapes, as some exporters do.
  private identity(account: string, escaped: boolean): OrderedObject {
    const p = this.prng;
    const user = p.pick(USER_NAMES);
    const userName: JsonValue = escaped ? raw(asciiEscaped(user)) : user;
    const type = p.pick(['IAMUser', 'AssumedRole', 'AssumedRole', 'Root', 'AWSService']);

    if (type === 'AWSService') {
      return obj(['type', type], ['invokedBy', 'autoscaling.amazonaws.com']);
    }
    if (type === 'AssumedRole') {
      const role = p.pick(ROLE_NAMES);
      const principal = `AROA${p.chars(UPPER, 17)}`;
      return obj(['type', type], ['principalId', `${principal}:${user}`],
        ['arn', `arn:aws:sts::${account}:assumed-role/${role}/${user}`], ['accountId', account],
        ['accessKeyId', `ASIA${p.chars(UPPER, 16)}`], ['sessionContext', obj(['sessionIssuer',
          obj(['type', 'Role'], ['principalId', principal], ['arn',
            `arn:aws:iam::${account}:role/${role}`], ['accountId', account], ['userName', role])],
        ['attributes', obj(['creationDate', this.eventTime()], ['mfaAuthenticated', 'false'])])]);
    }
    return obj(['type', type], ['principalId', `AIDA${p.chars(UPPER, 17)}`],
      ['arn', `arn:aws:iam::${account}:${type === 'Root' ? 'root' : `user/${user}`}`],
      ['accountId', account], ['accessKeyId', `AKIA${p.chars(UPPER, 16)}`],
      ['userName', userName]);
  }
}

/** A JSON string token with every character outside printable ASCII written as \uXXXX. */
export function asciiEscaped(value: string): string {
  let out = '"';
  for (const ch of value) {
    for (let i = 0; i < ch.length; i++) {
      const code = ch.charCodeAt(i);
      if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).padStart(4, '0')}`;
      else if (ch === '"' || ch === '\\') out += `\\${ch}`;
      else out += ch[i];
    }
  }
  return out + '"';
}
