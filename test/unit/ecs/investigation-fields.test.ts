import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseJson } from '../../../src/core/json/parse-json';
import { mapRecord } from '../../../src/core/ecs/map-record';
import {
  DEFAULT_INVESTIGATION_FIELDS, readField, readInvestigationFields, valueAtPath,
} from '../../../src/core/ecs/investigation-fields';
import { loadFixtures } from './fixtures';

const fixture = loadFixtures().find((f) => f.file === 'ec2-run-instances.json');
const raw = fixture?.events[0].raw_line ?? '{}';
const document = mapRecord(parseJson(raw));

void describe('readInvestigationFields', () => {
  void it('reads values with the raw path and span of the token they came from', () => {
    const result = readInvestigationFields(document, ['event.action', 'user.name',
      'aws.cloudtrail.user_identity.arn']);
    assert.deepEqual(result.fields, {
      'event.action': 'RunInstances',
      'user.name': 'testcloudtrail@elastic.co',
      'aws.cloudtrail.user_identity.arn':
        'arn:aws:iam::1010101010101:user/testcloudtrail@elastic.co',
    });
    const source = result.fieldSources['event.action'];
    assert.equal(source.rawPath, 'eventName');
    assert.equal(raw.slice(source.span?.start, source.span?.end), '"RunInstances"');
    assert.equal(result.fieldSources['user.name'].rawPath, 'userIdentity.userName');
  });

  void it('leaves out fields the document does not have', () => {
    const result = readInvestigationFields(document, ['event.action', 'source.geo.city_name']);
    assert.deepEqual(Object.keys(result.fields), ['event.action']);
    assert.deepEqual(Object.keys(result.fieldSources), ['event.action']);
  });

  void it('reads lists and keyed flattened paths through arrays', () => {
    assert.deepEqual(readField(document, 'related.hosts')?.value, ['i-0f2f135de18b555e3']);
    const tags = readField(document,
      'aws.cloudtrail.flattened.request_parameters.tagSpecificationSet.items.tags.key');
    assert.deepEqual(tags?.value, ['name', 'division', 'org', 'team', 'project']);
    assert.equal(tags?.rawPath,
      'requestParameters.tagSpecificationSet.items[0].tags[0].key');
  });

  void it('reads every default field a full record has', () => {
    const result = readInvestigationFields(document, DEFAULT_INVESTIGATION_FIELDS);
    assert.deepEqual(Object.keys(result.fields).sort(),
      DEFAULT_INVESTIGATION_FIELDS.filter((name) => name !== 'aws.cloudtrail.error_code').sort());
  });
});

void describe('valueAtPath', () => {
  void it('finds dotted keys and nested paths alike', () => {
    assert.equal(valueAtPath({ 'a.b': 1 }, 'a.b'), 1);
    assert.equal(valueAtPath({ a: { b: 2 } }, 'a.b'), 2);
    assert.equal(valueAtPath({ a: { 'b.c': 3 } }, 'a.b.c'), 3);
    assert.equal(valueAtPath({ a: 1 }, 'a.b'), undefined);
  });

  void it('collects matches through arrays', () => {
    assert.deepEqual(valueAtPath({ a: [{ b: 1 }, { b: [2, 3] }, { c: 4 }] }, 'a.b'), [1, 2, 3]);
  });
});
