// Every file of the shared corpus: its layout and event count as corpus/README.md gives them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { detectLayout } from '../../../src/core/layout';
import { locateEvents } from '../../../src/core/locate';
import { LineIndex } from '../../../src/core/positions';
import { decodeBytes } from '../../../src/core/source/decode';
import type { LayoutKind } from '../../../src/core/types';
import { CORPUS, corpusBytes, parsedEvents } from './helpers';

/** Layout and event count per file, from the corpus README's table. */
const EXPECTED: { [file: string]: { layout: LayoutKind; events: number } } = {
  'trailscraper_111111111111_CloudTrail_eu-central-1_20171211T1505Z_A6kvhMoVeCsc7v8U.json.gz':
    { layout: 'records', events: 2 },
  'trailscraper_events-for-smoke-test.json': { layout: 'records', events: 3 },
  'awsdocs_log-file-examples_ec2-StartInstances.json': { layout: 'records', events: 1 },
  'awsdocs_log-file-examples_errorcode-UpdateTrail.json': { layout: 'records', events: 1 },
  'awsdocs_log-file-examples_insights.json': { layout: 'records', events: 2 },
  'awsdocs_log-file-examples_iam-CreateRole_INVALID-as-published.json':
    { layout: 'records', events: 0 },
  'awsdocs_digest-file-structure_example.json': { layout: 'digest', events: 0 },
  'awsdocs_lake-query-results_user-called-apis.json': { layout: 'lake', events: 2 },
  'awscli-example_lookup-events_output.json': { layout: 'lookup-events', events: 1 },
  'elastic-integrations_test-run-instances-json.log': { layout: 'lines', events: 1 },
  'elastic-integrations_test-cloudtrail-digest-json.log': { layout: 'digest', events: 0 },
  'elastic-integrations_test-modify-image-attribute-json.log-expected.json':
    { layout: 'ecs', events: 2 },
  'otrf_ec2_proxy_s3_exfiltration_2020-09-14011940.json': { layout: 'lines', events: 103 },
  'otrf_AWS_S3_HoneyBucketLogs.csv': { layout: 'unknown', events: 0 },
  'stratus_aws.discovery.ec2-download-user-data.json': { layout: 'array', events: 19 },
  'stratus_aws.exfiltration.ec2-share-ami.json': { layout: 'array', events: 1 },
  'permiso_session-1c719693_InputEvents.json': { layout: 'array', events: 414 },
  'permiso_session-631f0603_InputEvents.json': { layout: 'array', events: 54 },
  'permiso_describeimages-shapes_subset.json': { layout: 'array', events: 8 },
  'custodian_event-transit-gateway-delete-vpc-attachment.json':
    { layout: 'eventbridge', events: 1 },
  'custodian_event-cloud-trail-s3.json': { layout: 'eventbridge', events: 1 },
  'custodian_event-cloud-trail-run-instances.json': { layout: 'single', events: 1 },
  'custodian_event-instance-state.json': { layout: 'unknown', events: 0 },
};

const INVALID = 'awsdocs_log-file-examples_iam-CreateRole_INVALID-as-published.json';
const NOT_JSON = 'otrf_AWS_S3_HoneyBucketLogs.csv';
const NOT_JSON_ERROR = {
  message: 'Not a JSON document: unexpected \'E\': expected a JSON value (CloudTrail Lens reads'
    + ' JSON, JSON Lines and their gzip files)',
  offset: 0, severity: 'error',
};

function corpusText(name: string): string {
  return decodeBytes(corpusBytes(name)).text;
}

void describe('the shared corpus', () => {
  void it('has exactly the files the expectations list', () => {
    const files = readdirSync(CORPUS).filter((f) => f !== 'README.md').sort();
    assert.deepEqual(files, Object.keys(EXPECTED).sort());
  });

  for (const [file, expected] of Object.entries(EXPECTED)) {
    void it(`detects ${file} as ${expected.layout} and locates ${expected.events} events`, () => {
      const text = corpusText(file);
      const result = locateEvents(text);

      assert.equal(detectLayout(text), expected.layout);
      assert.equal(result.layout, expected.layout);
      assert.equal(result.events.length, expected.events);
      if (file === NOT_JSON) assert.deepEqual(result.problems, [NOT_JSON_ERROR]);
      else if (file !== INVALID) assert.deepEqual(result.problems, []);
    });
  }

  void it('gives spans that parse to the events JSON.parse finds in the whole file', () => {
    for (const file of Object.keys(EXPECTED)) {
      const text = corpusText(file);
      const result = locateEvents(text);
      if (result.layout === 'unknown' || result.layout === 'digest' || file === INVALID) continue;

      const whole: unknown = result.layout === 'lines'
        ? text.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as unknown)
        : JSON.parse(text);
      const expected = eventsOf(result.layout, whole);
      assert.deepEqual(parsedEvents(text, result), expected, file);
    }
  });

  void it('reports the raw line break of the published CreateRole example as Python does', () => {
    const text = corpusText(INVALID);
    const result = locateEvents(text);

    // json.loads: "Invalid control character at: line 19 column 124", both 1-based.
    assert.equal(result.problems.length, 1);
    assert.equal(result.problems[0].severity, 'error');
    assert.match(result.problems[0].message, /line break/);
    assert.deepEqual(new LineIndex(text).positionAt(result.problems[0].offset),
      { line: 18, character: 123 });
    assert.equal(text[result.problems[0].offset], '\n');
  });

  void it('locates the lookup-events record as one escaped string token', () => {
    const text = corpusText('awscli-example_lookup-events_output.json');
    const [event] = locateEvents(text).events;

    assert.equal(event.encoding, 'escaped');
    assert.equal(text[event.span.start], '"');
    assert.equal(text[event.span.end - 1], '"');
    assert.equal((parsedEvents(text, locateEvents(text))[0] as { eventName: string }).eventName,
      'ConsoleLogin');
  });

  void it('reads the gzip file through decodeBytes into the same events as its JSON', () => {
    const name = EXPECTED_GZ;
    const decoded = decodeBytes(corpusBytes(name));
    const result = locateEvents(decoded.text);

    assert.equal(decoded.compressed, true);
    assert.deepEqual(parsedEvents(decoded.text, result),
      (JSON.parse(decoded.text) as { Records: unknown[] }).Records);
  });
});

const EXPECTED_GZ =
  'trailscraper_111111111111_CloudTrail_eu-central-1_20171211T1505Z_A6kvhMoVeCsc7v8U.json.gz';

/** Where the events are in a parsed file of each layout, the slow way. */
function eventsOf(layout: LayoutKind, whole: unknown): unknown[] {
  const value = whole as { [key: string]: unknown } & unknown[];
  switch (layout) {
    case 'records': return value.Records as unknown[];
    case 'array': return value;
    case 'single': return [value];
    case 'lines': return value;
    case 'eventbridge': return [value.detail];
    case 'lake': return value.QueryResultRows as unknown[];
    case 'lookup-events':
      return (value.Events as { CloudTrailEvent: string }[])
        .map((e) => JSON.parse(e.CloudTrailEvent) as unknown);
    case 'ecs': return value.expected as unknown[];
    default: return [];
  }
}
