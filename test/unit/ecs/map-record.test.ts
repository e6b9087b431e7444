import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseJson } from '../../../src/core/json/parse-json';
import { mapRecord, type MapOptions } from '../../../src/core/ecs/map-record';
import { valueAtPath } from '../../../src/core/ecs/investigation-fields';
import type { MappedDocument } from '../../../src/core/ecs/ecs-document';
import type { EcsDocument } from '../../../src/core/types';

// A DescribeImages record from ec2.amazonaws.com around the given requestParameters text.
function describeImages(requestParameters: string, extra = ''): string {
  return '{"eventVersion":"1.10","eventTime":"2024-06-01T10:00:00Z",' +
    '"eventSource":"ec2.amazonaws.com","eventName":"DescribeImages","awsRegion":"us-east-1",' +
    '"sourceIPAddress":"192.0.2.10","userAgent":"aws-cli/2.15.0 command/ec2.describe-images",' +
    '"userIdentity":{"type":"IAMUser","principalId":"AIDAEXAMPLE","accountId":"123456789012",' +
    '"arn":"arn:aws:iam::123456789012:user/alice","userName":"alice"},' +
    `"requestParameters":${requestParameters}${extra},"responseElements":null,` +
    '"eventID":"00000000-0000-0000-0000-000000000001","recipientAccountId":"123456789012"}';
}

const C1 = '{"executableBySet":{},"imagesSet":{},"ownersSet":{"items":[{"owner":"self"}]},' +
  '"includeDeprecated":true,"filterSet":{}}';
const C2 = '{"executableBySet":{},"imagesSet":{},"ownersSet":{},"includeDeprecated":true,' +
  '"filterSet":{}}';
const C4 = '{"includeDeprecated":"true","ownersSet":{"items":[{"owner":"amazon"},' +
  '{"owner":"123456789012"}]}}';

function map(text: string, options?: MapOptions): MappedDocument {
  return mapRecord(parseJson(text), options);
}

function texts(document: EcsDocument, name: string): string[] | undefined {
  return document.field(name)?.values.map((value) => value.text);
}

const INCLUDE_DEPRECATED = 'aws.cloudtrail.flattened.request_parameters.includeDeprecated';

// The clauses of "AWS EC2 Deprecated AMI Discovery" evaluated on the indexed fields by hand
// (the KQL engine lives elsewhere): current rule and version 1 (ecs-mapping.md, section 2).
function currentRule(document: EcsDocument): boolean {
  return (texts(document, 'data_stream.dataset') ?? []).includes('aws.cloudtrail') &&
    (texts(document, 'event.provider') ?? []).includes('ec2.amazonaws.com') &&
    (texts(document, 'event.action') ?? []).includes('DescribeImages') &&
    (texts(document, 'event.outcome') ?? []).includes('success') &&
    (texts(document, INCLUDE_DEPRECATED) ?? []).includes('true');
}

function versionOneRule(document: EcsDocument): boolean {
  const string = document.field('aws.cloudtrail.request_parameters');
  return currentRule(document) && string !== undefined && string.searchable &&
    string.values.some((value) => value.text.includes('owner='));
}

void describe('mapRecord on the rule-level vectors of ecs-mapping.md 10.2', () => {
  // Pads requestParameters so that its rendered string has exactly `length` characters.
  function padded(length: number): string {
    const base = mapRecord(parseJson(describeImages(C1)));
    const shortText = texts(base, 'aws.cloudtrail.request_parameters')?.[0] ?? '';
    const filler = 'x'.repeat(length - shortText.length - ', description='.length);
    return describeImages(C1.replace(/}$/, `,"description":"${filler}"}`));
  }

  const rows: [string, string, MapOptions, string, string | undefined, boolean, boolean][] = [
    ['C1, no error', describeImages(C1), {}, 'success', 'true', true, true],
    ['C2, no error', describeImages(C2), {}, 'success', 'true', true, false],
    ['C4, no error', describeImages(C4), {}, 'success', 'true', true, true],
    ['C1 with errorCode Client.UnauthorizedOperation',
      describeImages(C1, ',"errorCode":"Client.UnauthorizedOperation"'), {},
      'failure', 'true', false, false],
    ['C1 with errorCode ""', describeImages(C1, ',"errorCode":""'), {},
      'success', 'true', true, true],
    ['C1 with errorCode "-" (newest)', describeImages(C1, ',"errorCode":"-"'), {},
      'success', 'true', true, true],
    ['C1 with errorCode "-" (2024)', describeImages(C1, ',"errorCode":"-"'), { pruning: '2024' },
      'failure', 'true', false, false],
    ['C1 with includeDeprecated false',
      describeImages(C1.replace('"includeDeprecated":true', '"includeDeprecated":false')), {},
      'success', 'false', false, false],
    ['C1 with includeDeprecated "True"',
      describeImages(C1.replace('"includeDeprecated":true', '"includeDeprecated":"True"')), {},
      'success', 'True', false, false],
    ['C1 from ecr.amazonaws.com',
      describeImages(C1).replace('"ec2.amazonaws.com"', '"ecr.amazonaws.com"'), {},
      'success', 'true', false, false],
    ['C1 rendered to 10,000 characters', padded(10_000), {}, 'success', 'true', true, false],
    ['C1 rendered to 40,000 characters', padded(40_000), {}, 'success', undefined, false, false],
  ];

  for (const [label, text, options, outcome, leaf, current, v1] of rows) {
    void it(`gives ${label}: outcome ${outcome}, leaf ${String(leaf)}, rules ${current}/${v1}`,
      () => {
        const document = map(text, options);
        assert.deepEqual(texts(document, 'event.outcome'), [outcome]);
        assert.deepEqual(texts(document, INCLUDE_DEPRECATED), leaf === undefined ? undefined
          : [leaf]);
        assert.equal(currentRule(document), current);
        assert.equal(versionOneRule(document), v1);
      });
  }

  void it('keeps a 10,000-character string in _source but marks it unsearchable', () => {
    const field = map(padded(10_000)).field('aws.cloudtrail.request_parameters');
    assert.equal(field?.values[0].text.length, 10_000);
    assert.equal(field?.searchable, false);
    assert.match(field?.unsearchableReason ?? '', /ignore_above 8191/);
  });

  void it('keeps 8,191 characters searchable and drops the flattened copy at 32,766', () => {
    assert.equal(map(padded(8191)).field('aws.cloudtrail.request_parameters')?.searchable, true);
    assert.ok(map(padded(32_765)).field(INCLUDE_DEPRECATED) !== undefined);
    const atLimit = map(padded(32_766));
    assert.equal(atLimit.field(INCLUDE_DEPRECATED), undefined);
    assert.equal(valueAtPath(atLimit.source, 'aws.cloudtrail.flattened'), undefined);
    assert.ok(atLimit.notes.some((note) => note.includes('not below 32766')));
  });

  void it('gives one value per owner under ownersSet.items.owner (arrays add no segment)', () => {
    const document = map(describeImages(C4));
    const owners = document.field(
      'aws.cloudtrail.flattened.request_parameters.ownersSet.items.owner');
    assert.deepEqual(owners?.values.map((value) => value.text), ['amazon', '123456789012']);
    assert.deepEqual(owners?.values.map((value) => value.rawPath), [
      'requestParameters.ownersSet.items[0].owner', 'requestParameters.ownersSet.items[1].owner']);
    assert.equal(document.field('aws.cloudtrail.flattened.request_parameters.ownersSet'),
      undefined);
  });
});

void describe('mapRecord and errorCode (bugs.md 1.5)', () => {
  const cases: [string, string, MapOptions, string][] = [
    ['no errorCode', '', {}, 'success'],
    ['Client.UnauthorizedOperation with a message',
      ',"errorCode":"Client.UnauthorizedOperation",' +
      '"errorMessage":"You are not authorized to perform this operation."', {}, 'failure'],
    ['Client.DryRunOperation', ',"errorCode":"Client.DryRunOperation"', {}, 'failure'],
    ['null', ',"errorCode":null', {}, 'success'],
    ['""', ',"errorCode":""', {}, 'success'],
    ['"-"', ',"errorCode":"-"', {}, 'success'],
    ['"none"', ',"errorCode":"none"', {}, 'success'],
    ['"none" with 2024 pruning', ',"errorCode":"none"', { pruning: '2024' }, 'failure'],
    ['"200" (the value is never inspected)', ',"errorCode":"200"', {}, 'failure'],
    ['an errorMessage alone', ',"errorMessage":"denied"', {}, 'failure'],
  ];
  for (const [label, extra, options, outcome] of cases) {
    void it(`gives ${outcome} for errorCode ${label}`, () => {
      const document = map(describeImages(C1, extra), options);
      assert.deepEqual(texts(document, 'event.outcome'), [outcome]);
      assert.equal(currentRule(document), outcome === 'success');
    });
  }

  void it('points a failure at the errorCode value token', () => {
    const text = describeImages(C1, ',"errorCode":"Client.UnauthorizedOperation"');
    const value = map(text).field('event.outcome')?.values[0];
    assert.equal(value?.rawPath, 'errorCode');
    assert.equal(text.slice(value?.span?.start, value?.span?.end),
      '"Client.UnauthorizedOperation"');
    assert.deepEqual(texts(map(text), 'aws.cloudtrail.error_code'),
      ['Client.UnauthorizedOperation']);
  });
});

void describe('mapRecord and null or missing values (bugs.md 2.2-2.4)', () => {
  void it('maps a record whose requestParameters is null without request fields', () => {
    const document = map('{"eventSource":"ec2.amazonaws.com","eventName":"DescribeImages",' +
      '"errorCode":"Client.UnauthorizedOperation","requestParameters":null}');
    assert.equal(document.field('aws.cloudtrail.request_parameters'), undefined);
    assert.equal(valueAtPath(document.source, 'aws.cloudtrail.flattened'), undefined);
    assert.deepEqual(texts(document, 'event.outcome'), ['failure']);
    assert.equal(currentRule(document), false);
  });

  void it('reads no sub-key of a null responseElements (user.target.id, ConsoleLogin)', () => {
    const document = map('{"eventName":"ConsoleLogin","eventSource":"signin.amazonaws.com",' +
      '"responseElements":null,"requestParameters":null}');
    assert.equal(document.field('user.target.id'), undefined);
    assert.deepEqual(texts(document, 'event.outcome'), ['success']);
    assert.deepEqual(texts(document, 'event.category'), ['authentication']);
  });

  void it('maps a record with none of the usual top-level keys to the pipeline defaults', () => {
    const document = map('{}');
    assert.deepEqual(texts(document, 'event.kind'), ['event']);
    assert.deepEqual(texts(document, 'event.type'), ['info']);
    assert.deepEqual(texts(document, 'event.outcome'), ['success']);
    assert.deepEqual(texts(document, 'cloud.provider'), ['aws']);
    assert.equal(document.field('event.action'), undefined);
    assert.equal(document.field('@timestamp'), undefined);
  });

  void it('maps a record that is not an object to the defaults, with a note', () => {
    const document = map('[1,2]');
    assert.deepEqual(texts(document, 'event.outcome'), ['success']);
    assert.ok(document.notes.some((note) => note.includes('not an object')));
  });
});

void describe('mapRecord field details', () => {
  void it('points event.action at the eventName token, translated by spanOf', () => {
    const text = describeImages(C1);
    const shift = 1000;
    const value = map(text, { spanOf: (offset) => offset + shift })
      .field('event.action')?.values[0];
    assert.equal(value?.rawPath, 'eventName');
    assert.equal(text.slice((value?.span?.start ?? 0) - shift, (value?.span?.end ?? 0) - shift),
      '"DescribeImages"');
  });

  void it('indexes decimals of flattened leaves in Java format and integers as digits', () => {
    const document = map(describeImages('{"ratio":1.50,"exp":1E2,"count":7,"flag":false}'));
    const leaf = (key: string): string[] | undefined =>
      texts(document, `aws.cloudtrail.flattened.request_parameters.${key}`);
    assert.deepEqual(leaf('ratio'), ['1.5']);
    assert.deepEqual(leaf('exp'), ['100.0']);
    assert.deepEqual(leaf('count'), ['7']);
    assert.deepEqual(leaf('flag'), ['false']);
    assert.deepEqual(valueAtPath(document.source, 'aws.cloudtrail.flattened.request_parameters'),
      { ratio: 1.5, exp: 100, count: 7, flag: false });
  });

  void it('lists the flattened root but not its keyed sub-paths among field names', () => {
    const names = [...map(describeImages(C1)).fieldNames()];
    assert.ok(names.includes('aws.cloudtrail.flattened.request_parameters'));
    assert.ok(names.includes('aws.cloudtrail.request_parameters.text'));
    assert.ok(names.includes('event.dataset'));
    assert.ok(!names.some((name) => name.startsWith(
      'aws.cloudtrail.flattened.request_parameters.')));
  });

  void it('derives user.id from the ARN for Root and keeps principal_id', () => {
    const document = map('{"userIdentity":{"type":"Root","principalId":"123456789012",' +
      '"arn":"arn:aws:iam::123456789012:root","accountId":"123456789012"}}');
    assert.deepEqual(texts(document, 'user.id'), ['arn:aws:iam::123456789012:root']);
    assert.deepEqual(texts(document, 'aws.cloudtrail.user_identity.principal_id'),
      ['123456789012']);
    assert.deepEqual(texts(document, 'related.user'),
      ['123456789012', 'arn:aws:iam::123456789012:root']);
  });

  void it('uses onBehalfOf.userId as user.id for an IdentityCenterUser without principalId', () => {
    const document = map('{"userIdentity":{"type":"IdentityCenterUser",' +
      '"onBehalfOf":{"userId":"u-123","identityStoreArn":"arn:aws:identitystore::1:store/d-1"},' +
      '"credentialId":"c-1"}}');
    assert.deepEqual(texts(document, 'user.id'), ['u-123']);
    assert.deepEqual(texts(document, 'aws.cloudtrail.user_identity.on_behalf_of.user_id'),
      ['u-123']);
    assert.deepEqual(texts(document, 'aws.cloudtrail.user_identity.credential_id'), ['c-1']);
    assert.deepEqual(texts(document, 'related.user'), ['u-123']);
  });

  void it('moves additionalEventData.UserName to user.name for UserAuthentication', () => {
    const document = map('{"eventName":"UserAuthentication","eventSource":"sso.amazonaws.com",' +
      '"additionalEventData":{"UserName":"alice","CredentialType":"PASSWORD"}}');
    assert.deepEqual(texts(document, 'user.name'), ['alice']);
    assert.deepEqual(texts(document, 'aws.cloudtrail.additional_eventdata'),
      ['{CredentialType=PASSWORD}']);
    assert.equal(document.field('aws.cloudtrail.flattened.additional_eventdata.UserName'),
      undefined);
  });

  void it('keeps service names out of source.ip and puts host names in related.hosts', () => {
    const service = map('{"sourceIPAddress":"cloudformation.amazonaws.com"}');
    assert.equal(service.field('source.ip'), undefined);
    assert.equal(service.field('related.hosts'), undefined);
    const host = map('{"sourceIPAddress":"host.example.com"}');
    assert.deepEqual(texts(host, 'related.hosts'), ['host.example.com']);
    const internal = map('{"sourceIPAddress":"AWS Internal"}');
    assert.deepEqual(texts(internal, 'source.address'), ['AWS Internal']);
    assert.equal(internal.field('related.hosts'), undefined);
    const ipv6 = map('{"sourceIPAddress":"2001:db8::10"}');
    assert.deepEqual(texts(ipv6, 'source.ip'), ['2001:db8::10']);
    assert.equal(ipv6.field('source.ip')?.type, 'ip');
  });

  void it('drops tlsDetails holding the placeholder tlsVersion', () => {
    const document = map('{"tlsDetails":{"tlsVersion":"tlsVersion","cipherSuite":"c"}}');
    assert.equal(valueAtPath(document.source, 'tls'), undefined);
  });

  void it('reports an unparsable eventTime as a pipeline error', () => {
    const document = map('{"eventTime":"yesterday","eventName":"X"}');
    assert.equal(document.field('@timestamp'), undefined);
    assert.deepEqual(texts(document, 'event.kind'), ['pipeline_error']);
    assert.match(texts(document, 'error.message')?.[0] ?? '', /eventTime/);
  });

  void it('converts managementEvent to a string and keeps readOnly a boolean', () => {
    const document = map('{"managementEvent":true,"readOnly":false}');
    assert.deepEqual(valueAtPath(document.source, 'aws.cloudtrail.management_event'), 'true');
    assert.deepEqual(valueAtPath(document.source, 'aws.cloudtrail.read_only'), false);
    assert.equal(document.field('aws.cloudtrail.read_only')?.type, 'boolean');
    assert.deepEqual(texts(document, 'aws.cloudtrail.read_only'), ['false']);
  });

  void it('deduplicates resources and renames ARN and accountId', () => {
    const document = map('{"resources":[' +
      '{"ARN":"arn:aws:ec2:us-east-1:1:instance/i-0123456789abcdef0","accountId":"1",' +
      '"type":"AWS::EC2::Instance"},' +
      '{"ARN":"arn:aws:ec2:us-east-1:1:instance/i-0123456789abcdef0","accountId":"1",' +
      '"type":"AWS::EC2::Instance"}]}');
    assert.deepEqual(valueAtPath(document.source, 'aws.cloudtrail.resources'), [{
      arn: 'arn:aws:ec2:us-east-1:1:instance/i-0123456789abcdef0', account_id: '1',
      type: 'AWS::EC2::Instance',
    }]);
    assert.deepEqual(texts(document, 'related.hosts'), ['i-0123456789abcdef0']);
  });

  void it('maps an Insights event without eventSource or eventName (bugs.md 2.4)', () => {
    const document = map('{"eventVersion":"1.07","eventTime":"2019-11-14T00:51:00Z",' +
      '"eventType":"AwsCloudTrailInsight","sharedEventID":"s-1","eventCategory":"Insight",' +
      '"insightDetails":{"state":"Start","insightContext":{"statistics":{"baseline":' +
      '{"average":85.4202380952}}}}}');
    assert.equal(document.field('event.action'), undefined);
    assert.equal(document.field('event.provider'), undefined);
    assert.deepEqual(texts(document, 'event.outcome'), ['success']);
    assert.deepEqual(texts(document, 'aws.cloudtrail.shared_event_id'), ['s-1']);
    assert.deepEqual(texts(document,
      'aws.cloudtrail.flattened.insight_details.insightContext.statistics.baseline.average'),
    ['85.4202380952']);
  });
});

void describe('mapRecord and the retain option', () => {
  const text = describeImages(C1.replace(/}$/, ',"cidrIp":"0.0.0.0/0"}'),
    ',"additionalEventData":{"SSEApplied":"true","other":"x"}');
  const has = (document: EcsDocument, name: string): boolean => document.field(name) !== undefined;

  void it('keeps both forms with retain all (the default)', () => {
    const document = map(text);
    assert.ok(has(document, 'aws.cloudtrail.request_parameters'));
    assert.ok(has(document, INCLUDE_DEPRECATED));
  });

  void it('keeps only the strings with retain keyword', () => {
    const document = map(text, { retain: 'keyword' });
    assert.ok(has(document, 'aws.cloudtrail.request_parameters'));
    assert.equal(valueAtPath(document.source, 'aws.cloudtrail.flattened'), undefined);
  });

  void it('keeps only the flattened copies with retain flattened', () => {
    const document = map(text, { retain: 'flattened' });
    assert.ok(!has(document, 'aws.cloudtrail.request_parameters'));
    assert.ok(!has(document, 'aws.cloudtrail.additional_eventdata'));
    assert.ok(has(document, INCLUDE_DEPRECATED));
  });

  void it('keeps the strings and the rules\' flattened keys with retain minimal', () => {
    const document = map(text, { retain: 'minimal' });
    assert.ok(has(document, 'aws.cloudtrail.request_parameters'));
    assert.deepEqual(valueAtPath(document.source, 'aws.cloudtrail.flattened'), {
      request_parameters: { includeDeprecated: true, cidrIp: '0.0.0.0/0' },
      additional_eventdata: { SSEApplied: 'true' },
    });
  });

  void it('keeps neither form with retain none', () => {
    const document = map(text, { retain: 'none' });
    assert.ok(!has(document, 'aws.cloudtrail.request_parameters'));
    assert.equal(valueAtPath(document.source, 'aws.cloudtrail.flattened'), undefined);
    assert.deepEqual(texts(document, 'event.outcome'), ['success']);
  });
});

void describe('mapRecord on hostile and unusual records', () => {
  void it('maps a 6,000-deep filterSet without crashing (bugs.md 3.4)', () => {
    // Rendered, the nesting alone takes 8 characters a level: 48,000 in all, so the pipeline
    // creates no flattened copy (and none could exceed the depth limit).
    const depth = 6000;
    const filterSet = '{"items":'.repeat(depth) + '"x"' + '}'.repeat(depth);
    const document = map(describeImages(`{"includeDeprecated":true,"filterSet":${filterSet}}`));
    const rendered = texts(document, 'aws.cloudtrail.request_parameters')?.[0] ?? '';
    assert.equal(rendered.length, '{includeDeprecated=true, filterSet='.length +
      ('{items='.length + 1) * depth + 1 + 1);
    assert.equal(document.field(INCLUDE_DEPRECATED), undefined);
    assert.equal(document.rejection, undefined);
    assert.equal(currentRule(document), false);
  });

  void it('says Elastic rejects a flattened copy nested deeper than 20 objects', () => {
    // d objects nested in each other, the outermost being requestParameters itself.
    const nested = (d: number): string => '{"a":'.repeat(d) + '1' + '}'.repeat(d);
    assert.equal(map(describeImages(nested(20))).rejection, undefined);
    const deep = map(describeImages(nested(21)));
    assert.match(deep.rejection ?? '', /depth limit of 20/);
    assert.ok(deep.notes.some((note) => note.includes('would reject')));
    const veryDeep = map(describeImages(nested(3000)));
    assert.match(veryDeep.rejection ?? '', /depth limit of 20/);
  });

  void it('says Elastic rejects a flattened leaf longer than the Lucene term limit', () => {
    const long = '\u20ac'.repeat(11_000);
    const document = map(describeImages(`{"includeDeprecated":true,"note":"${long}"}`));
    assert.match(document.rejection ?? '', /term limit/);
    assert.equal(map(describeImages(`{"note":"${'x'.repeat(30_000)}"}`)).rejection, undefined);
  });

  void it('keeps the ECR DescribeImages provider apart from EC2 (bugs.md 4)', () => {
    const document = map('{"eventSource":"ecr.amazonaws.com","eventName":"DescribeImages",' +
      '"requestParameters":{"repositoryName":"repo","includeDeprecated":true}}');
    assert.deepEqual(texts(document, 'event.provider'), ['ecr.amazonaws.com']);
    assert.deepEqual(texts(document, 'cloud.service.name'), ['ecr']);
    assert.deepEqual(texts(document, INCLUDE_DEPRECATED), ['true']);
    assert.equal(currentRule(document), false);
  });

  void it('flags a tree-bin key order as approximate in the notes', () => {
    const keys = ['aad', 'abE', 'acf', 'adG', 'aeh', 'afI', 'agj', 'ahK', 'ail', 'ajM', 'akn'];
    const parameters = `{${keys.map((key, i) => `"${key}":${i}`).join(',')}}`;
    const document = map(describeImages(parameters));
    assert.ok(document.notes.some((note) => note.includes('approximate')));
  });
});
