// Every field of every record of the shared reference fixtures (Elastic's own pipeline test
// outputs), checked one by one against mapRecord.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseJson } from '../../../src/core/json/parse-json';
import { mapRecord } from '../../../src/core/ecs/map-record';
import { valueAtPath } from '../../../src/core/ecs/investigation-fields';
import type { EcsDocument, JsonPlain } from '../../../src/core/types';
import { leafPaths, loadFixtures } from './fixtures';

// Produced by GeoIP lookups and the user-agent regular expressions: not reproducible offline
// (ecs-mapping.md, section 11), so they must be absent rather than invented.
const NOT_REPRODUCIBLE = /^(source\.geo\.|source\.as\.|user_agent\.(name|version|os\.|device\.))/;

// Fields the pipeline writes that the fixtures leave out on purpose (section 10.1 and 5).
const OMITTED_BY_FIXTURES = new Set(['event.dataset', 'data_stream.dataset', 'event.module',
  'ecs.version']);

// The text Elasticsearch indexes for a _source value (JSON text for numbers and booleans).
function indexedTexts(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
}

// Leaves of a flattened object: dotted key path (arrays add no segment) -> JSON texts.
function flattenedLeaves(value: unknown, prefix = '', out = new Map<string, string[]>()):
  Map<string, string[]> {
  if (Array.isArray(value)) {
    for (const item of value) flattenedLeaves(item, prefix, out);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      flattenedLeaves(child, prefix === '' ? key : `${prefix}.${key}`, out);
    }
  } else {
    out.set(prefix, [...(out.get(prefix) ?? []), ...indexedTexts(value)]);
  }
  return out;
}

function fieldTexts(document: EcsDocument, name: string): string[] | undefined {
  return document.field(name)?.values.map((value) => value.text);
}

for (const fixture of loadFixtures()) {
  fixture.events.forEach((event, index) => {
    const expected = event.expected_newest;
    if (expected === null) return;
    const label = `${fixture.file} record ${index + 1}`;
    const document = mapRecord(parseJson(event.raw_line));
    const expectedFields = leafPaths(expected);

    void describe(`mapRecord on ${label}`, () => {
      for (const [name, value] of expectedFields) {
        if (NOT_REPRODUCIBLE.test(name)) continue;
        if (name.startsWith('aws.cloudtrail.flattened.')) {
          void it(`produces ${name} with every leaf of the expected object`, () => {
            assert.deepEqual(valueAtPath(document.source, name), value);
            const leaves = flattenedLeaves(value);
            const root = document.field(name);
            assert.equal(root?.type, 'flattened_root');
            assert.deepEqual(root?.values.map((v) => v.text).sort(),
              [...leaves.values()].flat().sort());
            for (const [key, texts] of leaves) {
              const keyed = document.field(`${name}.${key}`);
              assert.equal(keyed?.type, 'flattened_keyed', key);
              assert.deepEqual(keyed?.values.map((v) => v.text), texts, key);
            }
          });
          continue;
        }
        void it(`produces ${name} = ${JSON.stringify(value).slice(0, 60)}`, () => {
          assert.deepEqual(valueAtPath(document.source, name), value);
          assert.deepEqual(fieldTexts(document, name), indexedTexts(value));
        });
      }

      void it('leaves out the GeoIP and user-agent fields it cannot reproduce', () => {
        const skipped = [...expectedFields.keys()].filter((name) => NOT_REPRODUCIBLE.test(name));
        for (const name of skipped) {
          assert.equal(document.field(name), undefined, name);
          assert.equal(valueAtPath(document.source, name), undefined, name);
        }
        assert.equal(valueAtPath(document.source, 'source.geo'), undefined);
        assert.equal(valueAtPath(document.source, 'source.as'), undefined);
      });

      void it('produces no field that the expected document lacks', () => {
        const produced = [...leafPaths(document.source).keys()];
        const extra = produced.filter((name) => !expectedFields.has(name) &&
          !OMITTED_BY_FIXTURES.has(name));
        assert.deepEqual(extra, []);
      });

      void it('carries the data stream constants and no notes', () => {
        assert.deepEqual(fieldTexts(document, 'data_stream.dataset'), ['aws.cloudtrail']);
        assert.equal(document.field('data_stream.dataset')?.type, 'constant_keyword');
        assert.deepEqual(fieldTexts(document, 'event.dataset'), ['aws.cloudtrail']);
        assert.deepEqual(fieldTexts(document, 'event.module'), ['aws']);
        assert.deepEqual(document.notes, []);
      });
    });
  });
}

void describe('mapRecord on the fixtures with 2024 pruning', () => {
  const fixture = loadFixtures().find((f) => f.file === 'ec2-modify-image-attribute.json');
  const event = fixture?.events[0];
  const expectedSource = (event?.expected_newest ?? {}) as JsonPlain;

  void it('finds the record with older differences', () => {
    assert.ok(event?.expected_older_differences !== undefined);
  });

  // expected_older_differences lists what the 2024 pipeline produced: no principal_id,
  // user.id = principalId, a shorter related.user, no related.ip, cloud.provider or
  // cloud.service.name. None of these concern pruning or the rendered strings: they are
  // differences of pipeline logic, which the `pruning` option does not switch. So with
  // pruning "2024" the strings stay as Elastic rendered them, and the logic stays the newest.
  void it('renders the same request and response strings with 2024 pruning', () => {
    const raw = parseJson(event?.raw_line ?? '{}');
    const newest = mapRecord(raw);
    const older = mapRecord(raw, { pruning: '2024' });
    for (const name of ['aws.cloudtrail.request_parameters', 'aws.cloudtrail.response_elements']) {
      assert.deepEqual(fieldTexts(older, name), fieldTexts(newest, name));
      assert.deepEqual(valueAtPath(older.source, name),
        valueAtPath(expectedSource, name));
    }
  });

  void it('keeps the newest pipeline logic for the fields the older version differed on', () => {
    const older = mapRecord(parseJson(event?.raw_line ?? '{}'), { pruning: '2024' });
    const differences = event?.expected_older_differences ?? {};
    for (const name of Object.keys(differences)) {
      assert.deepEqual(valueAtPath(older.source, name),
        valueAtPath(expectedSource, name), name);
      assert.notDeepEqual(valueAtPath(older.source, name) ?? null, differences[name], name);
    }
  });
});
