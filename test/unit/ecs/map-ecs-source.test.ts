import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseJson } from '../../../src/core/json/parse-json';
import { mapEcsSource } from '../../../src/core/ecs/map-ecs-source';
import { mapRecord } from '../../../src/core/ecs/map-record';
import type { EcsDocument } from '../../../src/core/types';
import { corpusText, loadFixtures } from './fixtures';

function texts(document: EcsDocument, name: string): string[] | undefined {
  return document.field(name)?.values.map((value) => value.text);
}

void describe('mapEcsSource on Elastic\'s own pipeline output', () => {
  // The upstream expected output for ModifyImageAttribute: a list of ECS documents.
  const text = corpusText(
    'elastic-integrations_test-modify-image-attribute-json.log-expected.json');
  const root = parseJson(text);
  const hit = root.kind === 'object' && root.members[0].value.kind === 'array'
    ? root.members[0].value.items[0] : undefined;

  void it('finds the document in the file', () => {
    assert.equal(hit?.kind, 'object');
  });

  void it('indexes the keyword fields and points at their tokens', () => {
    const document = mapEcsSource(hit ?? parseJson('{}'));
    assert.deepEqual(texts(document, 'event.action'), ['ModifyImageAttribute']);
    const value = document.field('event.action')?.values[0];
    assert.equal(value?.rawPath, 'event.action');
    assert.equal(text.slice(value?.span?.start, value?.span?.end), '"ModifyImageAttribute"');
    assert.deepEqual(texts(document, 'aws.cloudtrail.read_only'), ['false']);
    assert.equal(document.field('aws.cloudtrail.read_only')?.type, 'boolean');
  });

  void it('indexes the flattened objects as a root and keyed leaves', () => {
    const document = mapEcsSource(hit ?? parseJson('{}'));
    const root = document.field('aws.cloudtrail.flattened.request_parameters');
    assert.equal(root?.type, 'flattened_root');
    assert.deepEqual(root?.values.map((value) => value.text).sort(),
      ['all', 'ami-0beb42caf02660314', 'launchPermission']);
    const group = document.field(
      'aws.cloudtrail.flattened.request_parameters.launchPermission.remove.items.group');
    assert.equal(group?.type, 'flattened_keyed');
    assert.deepEqual(group?.values.map((value) => value.rawPath),
      ['aws.cloudtrail.flattened.request_parameters.launchPermission.remove.items[0].group']);
    assert.deepEqual(texts(document, 'aws.cloudtrail.flattened.response_elements._return'),
      ['true']);
  });

  void it('gives the same indexed values as mapRecord on the raw record', () => {
    const fixture = loadFixtures().find((f) => f.file === 'ec2-modify-image-attribute.json');
    const mapped = mapRecord(parseJson(fixture?.events[0].raw_line ?? '{}'));
    const document = mapEcsSource(hit ?? parseJson('{}'));
    for (const name of ['event.action', 'event.id', 'aws.cloudtrail.request_parameters',
      'aws.cloudtrail.response_elements', 'aws.cloudtrail.user_identity.arn',
      'aws.cloudtrail.flattened.request_parameters.imageId']) {
      assert.deepEqual(texts(document, name), texts(mapped, name), name);
    }
  });

  void it('counts the data stream constants only when the document carries them', () => {
    const document = mapEcsSource(hit ?? parseJson('{}'));
    assert.equal(document.field('data_stream.dataset'), undefined);
    const withConstant = mapEcsSource(parseJson('{"data_stream":{"dataset":"aws.cloudtrail"}}'));
    assert.deepEqual(texts(withConstant, 'data_stream.dataset'), ['aws.cloudtrail']);
    assert.equal(withConstant.field('data_stream.dataset')?.type, 'constant_keyword');
  });
});

void describe('mapEcsSource details', () => {
  void it('treats a dotted key like the nested path', () => {
    const document = mapEcsSource(parseJson(
      '{"event.action":"A","event":{"provider":"p"},' +
      '"aws.cloudtrail.flattened.request_parameters":' +
      '{"x.y":1}}'));
    assert.deepEqual(texts(document, 'event.action'), ['A']);
    assert.deepEqual(texts(document, 'event.provider'), ['p']);
    assert.deepEqual(texts(document, 'aws.cloudtrail.flattened.request_parameters.x.y'), ['1']);
  });

  void it('marks a request_parameters string above 8,191 characters unsearchable', () => {
    const long = mapEcsSource(parseJson(
      `{"aws":{"cloudtrail":{"request_parameters":"${'o'.repeat(8192)}"}}}`));
    const field = long.field('aws.cloudtrail.request_parameters');
    assert.equal(field?.searchable, false);
    assert.match(field?.unsearchableReason ?? '', /8191/);
    assert.equal(long.field('aws.cloudtrail.request_parameters.text')?.searchable, true);
    const short = mapEcsSource(parseJson(
      `{"aws":{"cloudtrail":{"request_parameters":"${'o'.repeat(8191)}"}}}`));
    assert.equal(short.field('aws.cloudtrail.request_parameters')?.searchable, true);
  });

  void it('indexes every element of an array, numbers as their JSON text, and skips nulls', () => {
    const document = mapEcsSource(parseJson(
      '{"related":{"user":["a","b",null]},"source":{"as":{"number":209}},"x":1.50}'));
    assert.deepEqual(texts(document, 'related.user'), ['a', 'b']);
    assert.deepEqual(texts(document, 'source.as.number'), ['209']);
    assert.equal(document.field('source.as.number')?.type, 'long');
    assert.deepEqual(texts(document, 'x'), ['1.50']);
  });

  void it('translates spans with spanOf', () => {
    const document = mapEcsSource(parseJson('{"event":{"action":"A"}}'),
      { spanOf: (offset) => offset + 10 });
    assert.deepEqual(document.field('event.action')?.values[0].span, { start: 29, end: 32 });
  });

  void it('keeps the document as its _source and notes a non-object', () => {
    const document = mapEcsSource(parseJson('{"a":{"b":[1,2]}}'));
    assert.deepEqual(document.source, { a: { b: [1, 2] } });
    assert.ok(mapEcsSource(parseJson('[1]')).notes.length > 0);
  });
});
