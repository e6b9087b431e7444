// Every report of shared/reference/bugs.md that concerns parsing or matching, reproduced through
// the whole engine. No public DescribeImages record with includeDeprecated exists (corpus
// README), so each positive is a real corpus event edited as the report says; the edit is named
// in each test. "v1" is the built-in rule (version 1), "current" the upstream rule (version 8).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { mapRecord } from '../../../src/core/ecs';
import { createExceptionMatcher, type ExceptionsFile } from '../../../src/core/exceptions';
import { parseJson } from '../../../src/core/json';
import { loadRuleTexts } from '../../../src/core/rules';
import { prepareRules, type LoadedRule, type ScanOptions } from '../../../src/core/scan';
import { decodeBytes } from '../../../src/core/source/decode';
import type { Finding } from '../../../src/core/types';
import {
  builtinRules, CORPUS, corpusJson, corpusText, currentRule, FIXTURES, naivePosition,
  permisoDescribeImages, positionOf, positiveRecord, scan, scanRecord, spanText, type RawRecord,
} from './helpers';

const v1 = builtinRules();
const current = currentRule();
const VERSIONS: [string, LoadedRule[]][] = [['v1', v1], ['current', current]];

/** The test rule that flags every EC2 DescribeImages call (test/fixtures/scan). */
function anyDescribeImages(): LoadedRule[] {
  const file = path.join(FIXTURES, 'rules-describe-images/any_describe_images.toml');
  return prepareRules(loadRuleTexts([{ text: readFileSync(file, 'utf8'), source: file }]).rules);
}

/** A rule like the built-in one with another query, to probe single clauses end to end. */
function ruleWithQuery(query: string): LoadedRule[] {
  return prepareRules([{ ...v1[0].rule, id: 'probe', name: 'probe', query }]);
}

/** How many findings a record raises under a rule set. */
function count(record: RawRecord, rules: LoadedRule[], options: ScanOptions = {}): number {
  return scanRecord(record, rules, options).findings.length;
}

/** The rendered `aws.cloudtrail.request_parameters` string of a record. */
function rendered(record: RawRecord): string {
  const doc = mapRecord(parseJson(JSON.stringify(record)), {});
  const value = doc.field('aws.cloudtrail.request_parameters')?.values[0]?.text;
  assert.ok(value !== undefined, 'the record has a rendered request_parameters');
  return value;
}

/** A copy of the real self-owner event with the request parameters replaced. */
function withParams(params: unknown): RawRecord {
  const record = permisoDescribeImages();
  record.requestParameters = params;
  return record;
}

/** The explanation entry of a finding for a field. */
function clauseOn(finding: Finding, field: string): Finding['explanation'][number] {
  const entry = finding.explanation.find((e) => e.field === field);
  assert.ok(entry, `an explanation entry for ${field}`);
  return entry;
}

const AMI = 'ami-0123456789abcdef0';

/** A filterSet of `n` image-id values of the documentation AMI. */
function imageIdFilter(n: number): RawRecord {
  const items = Array.from({ length: n }, () => ({ value: AMI }));
  return { items: [{ name: 'image-id', valueSet: { items } }] };
}

void describe('bugs.md 1.1: includeDeprecated decides the match', () => {
  // the Permiso event whose ownersSet.items[0].owner is "self", includeDeprecated added
  const cases: [string, unknown, number][] = [
    ['true', true, 1], ['false', false, 0], ['the string "true"', 'true', 1],
  ];

  for (const [label, value, expected] of cases) {
    for (const [version, rules] of VERSIONS) {
      void it(`gives ${expected} finding(s) for includeDeprecated ${label} (${version})`, () => {
        assert.equal(count(positiveRecord(value), rules), expected);
      });
    }
  }

  for (const [version, rules] of VERSIONS) {
    void it(`gives no finding when includeDeprecated is absent (${version})`, () => {
      const record = permisoDescribeImages();

      assert.equal('includeDeprecated' in (record.requestParameters as RawRecord), false);
      assert.equal(count(record, rules), 0);
    });
  }
});

void describe('bugs.md 1.2: the owner condition', () => {
  const noOwner = { includeDeprecated: true, ownersSet: {}, imagesSet: {}, executableBySet: {},
    filterSet: {} };

  void it('does not match a request without owners under v1 (no owner= in the string)', () => {
    const record = withParams(noOwner);

    assert.equal(rendered(record), '{includeDeprecated=true}');
    assert.equal(count(record, v1), 0);
  });

  void it('matches the same request under the current upstream rule', () => {
    assert.equal(count(withParams(noOwner), current), 1);
  });

  for (const [version, rules] of VERSIONS) {
    void it(`raises exactly one finding for two owners, not one per owner (${version})`, () => {
      const record = withParams({ ...noOwner,
        ownersSet: { items: [{ owner: 'amazon' }, { owner: '123456789012' }] } });

      assert.equal(count(record, rules), 1);
    });
  }
});

void describe('bugs.md 1.3: the flattened copy is dropped above the term limit', () => {
  // the self-owner event with 3,000 image-id filter values, includeDeprecated after the array
  function huge(): RawRecord {
    const record = permisoDescribeImages();
    const params = record.requestParameters as RawRecord;
    params.filterSet = imageIdFilter(3000);
    params.includeDeprecated = true;
    return record;
  }

  void it('renders a string of at least 32,766 characters with the flag after the array', () => {
    const record = huge();
    const text = JSON.stringify(record);

    assert.ok(rendered(record).length >= 32766);
    assert.ok(text.indexOf('"includeDeprecated"') > text.lastIndexOf(AMI));
  });

  for (const [version, rules] of VERSIONS) {
    void it(`does not match, as in Elastic, and does not hang (${version})`, () => {
      const started = performance.now();

      const result = scanRecord(huge(), rules);

      assert.deepEqual(result.findings, []);
      assert.ok(performance.now() - started < 5000);
    });
  }

  void it('notes the skipped flattened copy at the requestParameters object', () => {
    const text = JSON.stringify({ Records: [huge()] }, null, 2);

    const notes = scan(text, current).problems;

    assert.equal(notes.length, 1);
    assert.equal(notes[0].severity, 'note');
    assert.match(notes[0].message, /aws\.cloudtrail\.flattened\.request_parameters/);
    const key = text.indexOf('"requestParameters": ') + '"requestParameters": '.length;
    assert.equal(notes[0].offset, key);
    assert.deepEqual(positionOf(text, notes[0].offset), naivePosition(text, key));
  });

  void it('takes retain as the pipeline does: ignored by the 2024 one, which has no such option',
    () => {
      const noted = (options: ScanOptions): number => scanRecord(huge(), current, options)
        .problems.length;

      assert.equal(noted({ retain: 'keyword' }), 0, 'no flattened copy is kept to miss');
      assert.equal(noted({ pruning: '2024', retain: 'keyword' }), 1);
      assert.equal(noted({ pruning: '2024', retain: 'none' }), 1);
    });

  void it('says nothing about oversized events the rules could not match anyway', () => {
    // the same huge request, but a DescribeInstances call, then a rule without flattened fields
    const other = { ...huge(), eventName: 'DescribeInstances' };

    assert.deepEqual(scanRecord(other, current).problems, []);
    assert.deepEqual(scanRecord(huge(), anyDescribeImages()).problems, []);
    assert.equal(scanRecord(huge(), anyDescribeImages()).findings.length, 1);
  });

  void it('names the rules that miss the event in the note', () => {
    const [note] = scanRecord(huge(), [...v1, ...anyDescribeImages()]).problems;

    assert.match(note.message, /^event 1: requestParameters renders to \d+ characters/);
    assert.match(note.message, /\(AWS EC2 Deprecated AMI Discovery\)$/);
  });

  void it('matches only under the current rule between 8,191 and 32,766 characters', () => {
    const record = withParams({ ownersSet: { items: [{ owner: 'self' }] },
      filterSet: imageIdFilter(400), includeDeprecated: true });
    const length = rendered(record).length;

    assert.ok(length > 8191 && length < 32766, `${length}`);
    assert.equal(count(record, v1), 0);
    assert.equal(count(record, current), 1);
  });
});

void describe('bugs.md 1.4: a long request string cannot be searched', () => {
  void it('misses *owner=* above 8,191 characters (v1) while the current rule matches', () => {
    // the self-owner event asking for 500 image ids besides its owner
    const items = Array.from({ length: 500 }, () => ({ imageId: AMI }));
    const record = withParams({ ownersSet: { items: [{ owner: 'self' }] },
      imagesSet: { items }, includeDeprecated: true });
    const string = rendered(record);

    assert.ok(string.length > 8191 && string.includes('owner='));
    assert.equal(count(record, v1), 0);
    assert.equal(count(record, current), 1);
  });

  void it('explains the miss with the keyword limit', () => {
    const items = Array.from({ length: 500 }, () => ({ imageId: AMI }));
    const record = withParams({ ownersSet: { items: [{ owner: 'self' }] },
      imagesSet: { items }, includeDeprecated: true });
    const probe = ruleWithQuery('event.action: "DescribeImages" and '
      + 'not aws.cloudtrail.request_parameters: *owner=*');

    const [finding] = scanRecord(record, probe).findings;

    const entry = clauseOn(finding, 'aws.cloudtrail.request_parameters');
    assert.equal(entry.matched, false);
    assert.equal(entry.negated, true);
    assert.match(entry.note ?? '', /8191|8,191/);
  });
});

void describe('bugs.md 1.5: failed calls are not activity', () => {
  // the positive self-owner event, its errorCode and errorMessage (both null) edited
  const variants: [string, (r: RawRecord) => void, number][] = [
    ['(a) no errorCode', (r) => { delete r.errorCode; delete r.errorMessage; }, 1],
    ['(b) Client.UnauthorizedOperation', (r) => {
      r.errorCode = 'Client.UnauthorizedOperation';
      r.errorMessage = 'You are not authorized to perform this operation.';
    }, 0],
    ['(c) Client.DryRunOperation', (r) => { r.errorCode = 'Client.DryRunOperation'; }, 0],
    ['(d) errorCode null', (r) => { r.errorCode = null; }, 1],
    ['(e) errorCode ""', (r) => { r.errorCode = ''; }, 1],
  ];

  for (const [label, edit, expected] of variants) {
    for (const [version, rules] of VERSIONS) {
      void it(`gives ${expected} finding(s) for ${label} (${version})`, () => {
        const record = positiveRecord();
        edit(record);

        assert.equal(count(record, rules), expected);
      });
    }
  }
});

void describe('bugs.md 1.6: tools that ask for deprecated images on purpose', () => {
  const agents = [
    'aws-sdk-go-v2/1.32.6 os/linux lang/go#1.23.4 md/GOOS#linux md/GOARCH#amd64 '
      + 'api/ec2#1.196.0 karpenter.sh/1.1.0',
    'APN/1.0 HashiCorp/1.0 Terraform/1.9.8 (+https://www.terraform.io) '
      + 'terraform-provider-aws/5.80.0 aws-sdk-go-v2/1.32.6 api/ec2#1.196.0',
    'aws-cli/2.22.4 md/awscrt#0.23.4 ua/2.0 os/linux#6.1.0 md/arch#x86_64 '
      + 'lang/python#3.12.6 md/command#ec2.describe-images',
  ];

  /** The positive event once per user agent, in one Records file. */
  function records(): string {
    return JSON.stringify({ Records: agents.map((userAgent, i) => ({ ...positiveRecord(),
      userAgent, eventID: `00000000-0000-4000-8000-00000000000${i}` })) });
  }

  for (const [version, rules] of VERSIONS) {
    void it(`still flags every tool's call (${version})`, () => {
      const result = scan(records(), rules);

      assert.deepEqual(result.findings.map((f) => f.fields['user_agent.original']), agents);
    });
  }

  void it('suppresses only the user agents an exception item names', () => {
    const file: ExceptionsFile = { version: 1, exceptions: { [v1[0].rule.id]: [{
      id: 'karpenter', comment: 'Karpenter lists deprecated AMIs by design', author: 'alice',
      created: '2026-01-01', entries: [{ field: 'user_agent.original', operator: 'matches',
        value: '*karpenter.sh/*' }] }] } };
    const exceptions = createExceptionMatcher(file, new Date('2026-12-03T00:00:00Z'));

    const result = scan(records(), v1, { exceptions });

    assert.deepEqual(result.suppressed.map((f) => f.suppressedBy?.id), ['karpenter']);
    assert.deepEqual(result.suppressed.map((f) => f.fields['user_agent.original']), [agents[0]]);
    assert.deepEqual(result.findings.map((f) => f.fields['user_agent.original']),
      agents.slice(1));
  });
});

void describe('bugs.md 2.1: digest files', () => {
  const digests = ['awsdocs_digest-file-structure_example.json',
    'elastic-integrations_test-cloudtrail-digest-json.log'];

  for (const name of digests) {
    void it(`recognises ${name} as a digest with no findings and no problem`, () => {
      for (const [, rules] of VERSIONS) {
        const result = scan(corpusText(name), rules);

        assert.equal(result.layout, 'digest');
        assert.deepEqual([result.events, result.findings, result.problems], [0, [], []]);
      }
    });
  }

  void it('reads a gzip-compressed digest like the plain one', () => {
    // the AWS documentation digest, gzipped as CloudTrail stores it under CloudTrail-Digest/
    const bytes = gzipSync(readFileSync(path.join(CORPUS, digests[0])));

    const decoded = decodeBytes(bytes);
    const result = scan(decoded.text, v1);

    assert.equal(decoded.compressed, true);
    assert.equal(result.layout, 'digest');
    assert.deepEqual([result.findings, result.problems], [[], []]);
  });
});

void describe('bugs.md 2.2 and 2.3: null requestParameters and responseElements', () => {
  const nullParams = {
    eventSource: 'ec2.amazonaws.com', eventName: 'DescribeImages',
    errorCode: 'Client.UnauthorizedOperation', requestParameters: null,
  };

  for (const [version, rules] of VERSIONS) {
    void it(`gives no finding and no problem for the report's record (${version})`, () => {
      const result = scan(JSON.stringify({ Records: [nullParams] }), rules);

      assert.deepEqual([result.events, result.findings, result.problems], [1, [], []]);
    });
  }

  void it('reads sub-keys of null request parameters and response elements as absent', () => {
    const record = { ...nullParams, errorCode: undefined, responseElements: null };
    const probe = ruleWithQuery('event.action: "DescribeImages" '
      + 'and not aws.cloudtrail.flattened.request_parameters.includeDeprecated: * '
      + 'and not aws.cloudtrail.flattened.response_elements.imagesSet: * '
      + 'and not aws.cloudtrail.request_parameters: *');

    const [finding] = scanRecord(record, probe).findings;

    assert.ok(finding);
    const fields = finding.explanation.filter((e) => e.negated).map((e) => [e.field, e.matched]);
    assert.deepEqual(fields, [
      ['aws.cloudtrail.flattened.request_parameters.includeDeprecated', false],
      ['aws.cloudtrail.flattened.response_elements.imagesSet', false],
      ['aws.cloudtrail.request_parameters', false],
    ]);
  });

  void it('scans the real files with null parameters without a finding or problem', () => {
    for (const name of ['stratus_aws.discovery.ec2-download-user-data.json',
      'awscli-example_lookup-events_output.json']) {
      const result = scan(corpusText(name), anyDescribeImages());
      assert.deepEqual([result.findings, result.problems], [[], []], name);
    }
  });
});

void describe('bugs.md 2.4: top-level fields that are sometimes missing', () => {
  void it('maps the ten-key Permiso events without a crash', () => {
    const result = scan(corpusText('permiso_session-1c719693_InputEvents.json'),
      ruleWithQuery('event.provider: * and not aws.cloudtrail.user_identity.type: *'));

    // no event carries userIdentity, so the negated clause holds for every event with a source
    assert.equal(result.findings.length, 414);
    assert.deepEqual(result.problems, []);
  });

  void it('gives Insights events no event.action and no finding', () => {
    const result = scan(corpusText('awsdocs_log-file-examples_insights.json'),
      ruleWithQuery('event.action: * or event.provider: *'));

    assert.equal(result.events, 2);
    assert.deepEqual([result.findings, result.problems], [[], []]);
  });
});

void describe('bugs.md 2.5: EventBridge envelopes', () => {
  const envelope = {
    version: '0', 'detail-type': 'AWS API Call via CloudTrail', source: 'aws.ec2',
    account: '123456789012',
    detail: { eventSource: 'ec2.amazonaws.com', eventName: 'DescribeImages',
      requestParameters: { includeDeprecated: true, ownersSet: { items: [{ owner: 'self' }] } } },
  };

  for (const [version, rules] of VERSIONS) {
    void it(`raises one finding on the detail object (${version})`, () => {
      const text = JSON.stringify(envelope, null, 2);

      const result = scan(text, rules);

      assert.equal(result.layout, 'eventbridge');
      assert.equal(result.findings.length, 1);
      const [finding] = result.findings;
      const detail = text.indexOf('"detail": ') + '"detail": '.length;
      const end = text.lastIndexOf('}', text.length - 2) + 1;
      assert.deepEqual(finding.eventSpan, { start: detail, end });
      assert.equal(text[finding.eventSpan.start], '{');
      assert.equal(spanText(text, finding), '"DescribeImages"');
    });
  }

  void it('scans the real CloudTrail envelope without a finding', () => {
    const result = scan(corpusText('custodian_event-transit-gateway-delete-vpc-attachment.json'),
      v1);

    assert.deepEqual([result.layout, result.events, result.findings.length],
      ['eventbridge', 1, 0]);
  });

  void it('ignores the instance state-change notification entirely', () => {
    const result = scan(corpusText('custodian_event-instance-state.json'),
      ruleWithQuery('event.provider: * or event.action: *'));

    assert.deepEqual([result.layout, result.events, result.findings, result.problems],
      ['unknown', 0, [], []]);
  });
});

void describe('bugs.md 2.6: a .json.gz file and its decompressed twin', () => {
  const GZ = 'trailscraper_111111111111_CloudTrail_eu-central-1_20171211T1505Z_'
    + 'A6kvhMoVeCsc7v8U.json.gz';

  void it('gives the same records and positions through both', () => {
    const bytes = readFileSync(path.join(CORPUS, GZ));
    const probe = ruleWithQuery('event.provider: *');

    const compressed = decodeBytes(bytes);
    const plain = decodeBytes(gunzipSync(bytes));
    const a = scan(compressed.text, probe);
    const b = scan(plain.text, probe);

    assert.deepEqual([compressed.compressed, plain.compressed], [true, false]);
    assert.equal(a.layout, 'records');
    assert.equal(a.findings.length, 2);
    assert.deepEqual(a, b);
  });

  void it('flags a positive record in the gzip file and its twin at the same place', () => {
    // the trailscraper file with the positive Permiso event appended to its Records
    const text = corpusText(GZ);
    const records = JSON.parse(text) as { Records: unknown[] };
    records.Records.push(positiveRecord());
    const plain = Buffer.from(JSON.stringify(records, null, 2));

    const a = scan(decodeBytes(gzipSync(plain)).text, v1);
    const b = scan(decodeBytes(plain).text, v1);

    assert.equal(a.findings.length, 1);
    assert.equal(a.findings[0].eventIndex, 2);
    assert.deepEqual(a, b);
  });
});

void describe('bugs.md 2.7: Athena rows and CSV', () => {
  // Decision: lower-case Athena columns are not CloudTrail records; CloudTrail Lens does not
  // claim them rather than guess a mapping Elastic's pipeline never applies.
  void it('does not claim lower-case Athena rows', () => {
    const athena = '[{"eventsource":"ec2.amazonaws.com","eventname":"DescribeImages",'
      + '"errorcode":null,"requestparameters":"{\\"includeDeprecated\\":true,'
      + '\\"ownersSet\\":{\\"items\\":[{\\"owner\\":\\"self\\"}]}}"}]';

    for (const [, rules] of VERSIONS) {
      const result = scan(athena, rules);
      assert.deepEqual([result.layout, result.events, result.findings, result.problems],
        ['unknown', 0, [], []]);
    }
  });

  void it('does not claim the OTRF CSV, does not crash, and says it is not JSON', () => {
    const result = scan(corpusText('otrf_AWS_S3_HoneyBucketLogs.csv'), v1);

    assert.deepEqual([result.layout, result.events, result.findings],
      ['unknown', 0, []]);
    assert.deepEqual(result.problems.map((p) => [p.severity, p.offset]), [['error', 0]]);
    assert.match(result.problems[0].message, /^Not a JSON document/);
  });
});

void describe('bugs.md 2.8: lookup-events nests each record in a string', () => {
  type Lookup = { Events: { CloudTrailEvent: string; EventName: string }[] };

  /** The AWS CLI example with its inner ConsoleLogin turned into the positive DescribeImages. */
  function lookupText(): string {
    const lookup = corpusJson<Lookup>('awscli-example_lookup-events_output.json');
    const inner = JSON.parse(lookup.Events[0].CloudTrailEvent) as RawRecord;
    inner.eventSource = 'ec2.amazonaws.com';
    inner.eventName = 'DescribeImages';
    inner.requestParameters = { ownersSet: { items: [{ owner: 'self' }] },
      includeDeprecated: true };
    inner.responseElements = null;
    inner.additionalEventData = null;
    lookup.Events[0].CloudTrailEvent = JSON.stringify(inner);
    lookup.Events[0].EventName = 'DescribeImages';
    return JSON.stringify(lookup, null, 2);
  }

  /** The CloudTrailEvent string token of the first event. */
  function stringToken(text: string): { start: number; end: number } {
    const start = text.indexOf('"CloudTrailEvent": ') + '"CloudTrailEvent": '.length;
    let end = start + 1;
    while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
    return { start, end: end + 1 };
  }

  void it('gives no finding for the real example', () => {
    const result = scan(corpusText('awscli-example_lookup-events_output.json'), v1);

    assert.deepEqual([result.layout, result.findings, result.problems],
      ['lookup-events', [], []]);
  });

  for (const [version, rules] of VERSIONS) {
    void it(`underlines the CloudTrailEvent string token (${version})`, () => {
      const text = lookupText();

      const [finding] = scan(text, rules).findings;

      assert.deepEqual(finding.span, stringToken(text));
      assert.deepEqual(finding.eventSpan, stringToken(text));
    });
  }

  void it('points explanations at the escaped value inside the string', () => {
    const text = lookupText();

    const [finding] = scan(text, v1).findings;

    assert.equal(text.slice(clauseOn(finding, 'event.action').span?.start,
      clauseOn(finding, 'event.action').span?.end), '\\"DescribeImages\\"');
    const flag = clauseOn(finding, 'aws.cloudtrail.flattened.request_parameters.includeDeprecated');
    assert.equal(text.slice(flag.span?.start, flag.span?.end), 'true');
  });

  void it('reads \\u0022 and \\/ escapes and maps positions through them', () => {
    const plain = lookupText();
    const token = stringToken(plain);
    const escaped = plain.slice(token.start + 1, token.end - 1)
      .replace(/\\"/g, '\\u0022').replace(/\//g, '\\/');
    const text = plain.slice(0, token.start + 1) + escaped + plain.slice(token.end - 1);

    const result = scan(text, v1);

    assert.equal(result.findings.length, 1);
    const [finding] = result.findings;
    assert.deepEqual(finding.span, stringToken(text));
    const action = clauseOn(finding, 'event.action');
    assert.equal(text.slice(action.span?.start, action.span?.end),
      '\\u0022DescribeImages\\u0022');
    assert.equal(finding.fields['user_agent.original'],
      (JSON.parse(JSON.parse(plain).Events[0].CloudTrailEvent) as RawRecord).userAgent);
  });

  void it('reports a truncated inner record as a positioned problem, without a crash', () => {
    const plain = lookupText();
    const token = stringToken(plain);
    const cut = token.start + 200;
    const text = plain.slice(0, cut) + plain.slice(token.end - 1);

    const result = scan(text, v1);

    assert.equal(result.layout, 'lookup-events');
    assert.deepEqual(result.findings, []);
    assert.equal(result.problems.length, 1);
    assert.equal(result.problems[0].severity, 'error');
    assert.match(result.problems[0].message, /Unterminated string/);
    // the cut falls inside the arn value: the problem sits at the \" that opens it
    assert.equal(result.problems[0].offset, text.lastIndexOf('\\"', cut));
    assert.ok(result.problems[0].offset > token.start && result.problems[0].offset < cut);
  });
});

void describe('bugs.md 2.9: Logstash records without eventTime', () => {
  void it('parses all 103 OTRF records and takes @timestamp from the record', () => {
    const text = corpusText('otrf_ec2_proxy_s3_exfiltration_2020-09-14011940.json');
    const lines = text.split('\n').filter((l) => l.trim() !== '');

    const result = scan(text, ruleWithQuery('event.provider: *'));

    assert.equal(result.findings.length, 103);
    assert.deepEqual(result.problems, []);
    const raw = lines.map((l) => (JSON.parse(l) as RawRecord)['@timestamp']);
    assert.ok(lines.every((l) => !('eventTime' in (JSON.parse(l) as RawRecord))));
    assert.deepEqual(result.findings.map((f) => f.fields['@timestamp']), raw);
    assert.equal(result.findings[0].fieldSources['@timestamp'].rawPath, '@timestamp');
  });
});

void describe('bugs.md 3.2: one-line files and long lines', () => {
  void it('finds one positive record far along a Permiso session put on one line', () => {
    // the session's line breaks removed, and its last DescribeImages event (no owner) asking
    // for its own deprecated images
    const pretty = corpusText('permiso_session-1c719693_InputEvents.json');
    const events = JSON.parse(pretty) as RawRecord[];
    const last = events.map((e) => e.eventName).lastIndexOf('DescribeImages');
    const owners = pretty.indexOf('"ownersSet": {}',
      pretty.lastIndexOf('"eventName": "DescribeImages"'));
    const text = (pretty.slice(0, owners) + '"ownersSet": {"items": [{"owner": "self"}]}, '
      + '"includeDeprecated": true' + pretty.slice(owners + '"ownersSet": {}'.length))
      .replace(/\n/g, '');

    const started = performance.now();
    const result = scan(text, v1);
    const elapsed = performance.now() - started;

    assert.equal(result.findings.length, 1);
    assert.equal(result.findings[0].eventIndex, last);
    const at = positionOf(text, result.findings[0].span.start);
    assert.equal(at.line, 0);
    assert.ok(at.character > 400000, `${at.character}`);
    assert.equal(spanText(text, result.findings[0]), '"DescribeImages"');
    assert.ok(elapsed < 5000, `${elapsed} ms`);
  });
});

void describe('bugs.md 3.3: a UTF-8 byte-order mark', () => {
  // the AWS StartInstances example made a positive DescribeImages call, saved with a BOM
  function positiveStartInstances(): string {
    return corpusText('awsdocs_log-file-examples_ec2-StartInstances.json')
      .replace('"eventName": "StartInstances"', '"eventName": "DescribeImages"')
      .replace('{"instancesSet": {"items": [{"instanceId": "i-ebeaf9e2"}]}}',
        '{"ownersSet": {"items": [{"owner": "self"}]}, "includeDeprecated": true}');
  }

  void it('flags the event and reports no problem when the bytes start with EF BB BF', () => {
    const plain = positiveStartInstances();
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(plain)]);

    const decoded = decodeBytes(bytes);
    const result = scan(decoded.text, v1);

    assert.equal(decoded.hadBom, true);
    assert.equal(decoded.text, plain);
    assert.deepEqual(result.problems, []);
    assert.equal(result.findings.length, 1);
    // VS Code's document text has no BOM either: the same line and column as without it
    const at = positionOf(decoded.text, result.findings[0].span.start);
    assert.deepEqual(at, naivePosition(plain, plain.indexOf('"DescribeImages"')));
  });

  void it('also scans a text that still starts with U+FEFF', () => {
    const text = '\uFEFF' + positiveStartInstances();

    const result = scan(text, v1);

    assert.deepEqual(result.problems, []);
    assert.equal(result.layout, 'records');
    assert.equal(result.findings.length, 1);
    assert.equal(spanText(text, result.findings[0]), '"DescribeImages"');
  });
});

void describe('bugs.md 3.4: very deep nesting', () => {
  void it('scans a 6,000-deep filterSet without a crash and says why it cannot match', () => {
    // the positive self-owner event whose empty filterSet is replaced by 6,000 nested objects
    const deep = '{"items":['.repeat(6000) + '{"name":"image-id"}' + ']}'.repeat(6000);
    const text = JSON.stringify({ Records: [positiveRecord()] })
      .replace('"filterSet":{}', `"filterSet":${deep}`);

    for (const [, rules] of VERSIONS) {
      const result = scan(text, rules);

      // the nesting renders far above the flattened limit: no copy, so neither rule can match
      assert.deepEqual(result.findings, []);
      assert.equal(result.problems.length, 1);
      assert.equal(result.problems[0].severity, 'note');
      assert.match(result.problems[0].message, /no aws\.cloudtrail\.flattened\.request_param/);
      assert.equal(result.problems[0].offset,
        text.indexOf('"requestParameters":') + '"requestParameters":'.length);
    }
  });

  void it('refuses a record whose flattened copy is nested deeper than 20 levels', () => {
    // short enough for a flattened copy, which Elasticsearch then rejects for its depth
    const deep = '{"items":['.repeat(25) + '{"name":"image-id"}' + ']}'.repeat(25);
    const text = JSON.stringify({ Records: [positiveRecord()] })
      .replace('"filterSet":{}', `"filterSet":${deep}`);

    const result = scan(text, anyDescribeImages());

    assert.deepEqual(result.findings, []);
    assert.equal(result.problems.length, 1);
    assert.equal(result.problems[0].severity, 'note');
    assert.match(result.problems[0].message, /depth/);
    assert.equal(result.problems[0].offset, text.indexOf('{"eventTime"'));
  });
});

void describe('bugs.md 3.5: JSON Lines', () => {
  const OTRF = 'otrf_ec2_proxy_s3_exfiltration_2020-09-14011940.json';

  /** The OTRF lines with the positive Permiso event inserted as line 50 (1-based). */
  function withPositiveAt50(): string[] {
    const lines = corpusText(OTRF).split('\n');
    lines.splice(49, 0, JSON.stringify(positiveRecord()));
    return lines;
  }

  void it('finds the positive event on line 50 (49 zero-based)', () => {
    const text = withPositiveAt50().join('\n');

    const result = scan(text, v1);

    assert.equal(result.events, 104);
    assert.equal(result.findings.length, 1);
    assert.deepEqual(positionOf(text, result.findings[0].span.start),
      naivePosition(text, result.findings[0].span.start));
    assert.equal(positionOf(text, result.findings[0].span.start).line, 49);
    assert.equal(spanText(text, result.findings[0]), '"DescribeImages"');
  });

  void it('finds it at the same line and column with CRLF line ends', () => {
    const lf = withPositiveAt50().join('\n');
    const crlf = withPositiveAt50().join('\r\n');

    const a = scan(lf, v1).findings[0];
    const b = scan(crlf, v1).findings[0];

    assert.deepEqual(positionOf(crlf, b.span.start), positionOf(lf, a.span.start));
    assert.equal(spanText(crlf, b), '"DescribeImages"');
  });

  void it('ignores a blank last line', () => {
    const text = withPositiveAt50().join('\n') + '\n\n';

    const result = scan(text, v1);

    assert.deepEqual([result.events, result.findings.length, result.problems], [104, 1, []]);
  });

  void it('reports one bad middle line and still checks the others', () => {
    const lines = withPositiveAt50();
    lines[20] = lines[20].slice(0, 100);
    const text = lines.join('\n');

    const result = scan(text, v1);

    assert.equal(result.events, 103);
    assert.equal(result.findings.length, 1);
    assert.equal(positionOf(text, result.findings[0].span.start).line, 49);
    assert.equal(result.problems.length, 1);
    assert.equal(result.problems[0].severity, 'error');
    assert.equal(positionOf(text, result.problems[0].offset).line, 20);
  });
});

void describe('bugs.md 4: ECR has a DescribeImages too', () => {
  for (const [version, rules] of VERSIONS) {
    void it(`does not flag an ECR DescribeImages call (${version})`, () => {
      const record = { eventSource: 'ecr.amazonaws.com', eventName: 'DescribeImages',
        requestParameters: { repositoryName: 'example-repo', includeDeprecated: true } };

      assert.equal(count(record, rules), 0);
      assert.equal(count(record, anyDescribeImages()), 0);
    });
  }
});

void describe('ecs-mapping.md 10.2: the rule-level vectors', () => {
  const C1 = '{"executableBySet":{},"imagesSet":{},"ownersSet":{"items":[{"owner":"self"}]},'
    + '"includeDeprecated":true,"filterSet":{}}';
  const C2 = '{"executableBySet":{},"imagesSet":{},"ownersSet":{},"includeDeprecated":true,'
    + '"filterSet":{}}';
  const C4 = '{"includeDeprecated":"true","ownersSet":{"items":[{"owner":"amazon"},'
    + '{"owner":"123456789012"}]}}';

  /** The real self-owner Permiso event (errorCode null) with the vector's parameters. */
  function vector(params: string, edit: (r: RawRecord) => void = () => undefined): RawRecord {
    const record = withParams(JSON.parse(params));
    edit(record);
    return record;
  }

  /** A C1 record whose rendered string has exactly `length` characters. */
  function c1Long(length: number): RawRecord {
    const base = rendered(vector(C1)).length;
    // ", description=" plus the value lengthen the string by 14 + n characters
    return vector(C1, (r) => {
      (r.requestParameters as RawRecord).description = 'x'.repeat(length - base - 14);
    });
  }

  const rows: [string, () => RawRecord, boolean, boolean, ScanOptions?][] = [
    ['C1, no error', () => vector(C1), true, true],
    ['C2, no error', () => vector(C2), true, false],
    ['C4, no error', () => vector(C4), true, true],
    ['C1 with errorCode Client.UnauthorizedOperation',
      () => vector(C1, (r) => { r.errorCode = 'Client.UnauthorizedOperation'; }), false, false],
    ['C1 with errorCode ""', () => vector(C1, (r) => { r.errorCode = ''; }), true, true],
    ['C1 with errorCode "-" (newest pipeline)',
      () => vector(C1, (r) => { r.errorCode = '-'; }), true, true, { pruning: 'newest' }],
    ['C1 with errorCode "-" (2024 pipeline)',
      () => vector(C1, (r) => { r.errorCode = '-'; }), false, false, { pruning: '2024' }],
    ['C1 with includeDeprecated false',
      () => vector(C1.replace('"includeDeprecated":true', '"includeDeprecated":false')),
      false, false],
    ['C1 with includeDeprecated "True"',
      () => vector(C1.replace('"includeDeprecated":true', '"includeDeprecated":"True"')),
      false, false],
    ['C1 with eventSource ecr.amazonaws.com',
      () => vector(C1, (r) => { r.eventSource = 'ecr.amazonaws.com'; }), false, false],
    ['C1 rendered to 10,000 characters', () => c1Long(10000), true, false],
    ['C1 rendered to 40,000 characters', () => c1Long(40000), false, false],
  ];

  for (const [label, record, currentMatches, v1Matches, options] of rows) {
    void it(`${label}: current ${currentMatches ? 'matches' : 'does not match'}, `
      + `v1 ${v1Matches ? 'matches' : 'does not match'}`, () => {
      assert.equal(count(record(), current, options), currentMatches ? 1 : 0);
      assert.equal(count(record(), v1, options), v1Matches ? 1 : 0);
    });
  }

  void it('builds the long C1 records at exactly the lengths the table names', () => {
    assert.equal(rendered(c1Long(10000)).length, 10000);
    assert.equal(rendered(c1Long(40000)).length, 40000);
  });

  void it('shows the rendered strings of C1 and C4 in the v1 explanation', () => {
    const expected: [string, string][] = [
      [C1, '{includeDeprecated=true, ownersSet={items=[{owner=self}]}}'],
      [C4, '{includeDeprecated=true, ownersSet={items=[{owner=amazon}, {owner=123456789012}]}}'],
    ];

    for (const [params, string] of expected) {
      const [finding] = scanRecord(vector(params), v1).findings;
      assert.equal(clauseOn(finding, 'aws.cloudtrail.request_parameters').value, string);
    }
  });
});
