// mapRecord over every record of the shared corpus of real third-party CloudTrail files: no
// crash, and the shapes the bug reports describe map as the pipeline would.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseJson } from '../../../src/core/json/parse-json';
import type { JsonNode } from '../../../src/core/json/json-node';
import { getMember } from '../../../src/core/json/json-access';
import { mapRecord } from '../../../src/core/ecs/map-record';
import { SHARED, corpusText } from './fixtures';

const CLOUDTRAIL_KEYS = new Set(['eventVersion', 'eventSource', 'eventName', 'eventTime',
  'eventID']);

// CloudTrail-looking objects anywhere in a JSON value, including records held as escaped
// strings (lookup-events' CloudTrailEvent).
function findRecords(root: JsonNode): JsonNode[] {
  const found: JsonNode[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop() as JsonNode;
    if (node.kind === 'object') {
      if (node.members.some((member) => CLOUDTRAIL_KEYS.has(member.key))) {
        found.push(node);
        continue;
      }
      for (const member of node.members) {
        if (member.key === 'CloudTrailEvent' && member.value.kind === 'string') {
          stack.push(parseJson(member.value.value));
        } else {
          stack.push(member.value);
        }
      }
    } else if (node.kind === 'array') {
      stack.push(...node.items);
    }
  }
  return found;
}

// Every record of a corpus file: one JSON value, or JSON Lines.
function corpusRecords(name: string): JsonNode[] {
  const text = corpusText(name);
  try {
    return findRecords(parseJson(text));
  } catch {
    return text.split('\n').filter((line) => line.trim() !== '')
      .flatMap((line) => findRecords(parseJson(line)));
  }
}

const JSON_FILES = fs.readdirSync(path.join(SHARED, 'corpus'))
  .filter((name) => /\.(json|log)$/.test(name) && !name.includes('INVALID'));

void describe('mapRecord over the shared corpus (bugs.md 2.4)', () => {
  for (const name of JSON_FILES) {
    void it(`maps every record of ${name} without throwing`, () => {
      const records = corpusRecords(name);
      for (const record of records) {
        const document = mapRecord(record);
        assert.ok(document.field('event.outcome') !== undefined);
        const action = getMember(record, 'eventName');
        if (action?.kind === 'string' && action.value !== '') {
          assert.equal(document.field('event.action')?.values[0].text, action.value);
        }
      }
    });
  }

  void it('finds records in every corpus file but digests, non-CloudTrail and ECS output', () => {
    const empty = JSON_FILES.filter((name) => corpusRecords(name).length === 0);
    assert.deepEqual(empty, [
      'awsdocs_digest-file-structure_example.json',
      'custodian_event-instance-state.json',
      'elastic-integrations_test-cloudtrail-digest-json.log',
      'elastic-integrations_test-modify-image-attribute-json.log-expected.json',
    ]);
  });

  void it('maps the Insights events, which have no eventSource or eventName', () => {
    const records = corpusRecords('awsdocs_log-file-examples_insights.json');
    assert.equal(records.length, 2);
    for (const record of records) {
      const document = mapRecord(record);
      assert.equal(document.field('event.provider'), undefined);
      assert.equal(document.field('event.action'), undefined);
      assert.equal(document.field('event.outcome')?.values[0].text, 'success');
      assert.ok(document.field('aws.cloudtrail.flattened.insight_details') !== undefined);
    }
  });

  void it('maps the trimmed Permiso events whose errorCode is an explicit null as success', () => {
    const records = corpusRecords('permiso_describeimages-shapes_subset.json');
    assert.equal(records.length, 8);
    for (const record of records) {
      assert.equal(getMember(record, 'errorCode')?.kind, 'null');
      assert.equal(mapRecord(record).field('event.outcome')?.values[0].text, 'success');
    }
  });
});

void describe('mapRecord on records that went through Logstash (bugs.md 2.9)', () => {
  const records = corpusRecords('otrf_ec2_proxy_s3_exfiltration_2020-09-14011940.json');

  void it('maps all 103 records', () => {
    assert.equal(records.length, 103);
  });

  void it('takes @timestamp from the record when eventTime is absent, and says so', () => {
    for (const record of records) {
      assert.equal(getMember(record, 'eventTime'), undefined);
      const own = getMember(record, '@timestamp');
      const document = mapRecord(record);
      const value = document.field('@timestamp')?.values[0];
      assert.equal(value?.text, own?.kind === 'string' ? new Date(own.value).toISOString() : '');
      assert.equal(value?.rawPath, '@timestamp');
      assert.ok(document.notes.some((note) => note.includes('own @timestamp')));
    }
  });
});
