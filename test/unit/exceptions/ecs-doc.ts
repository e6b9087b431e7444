// Test documents for exception evaluation: an EcsDocument over a nested ECS `_source`, each
// leaf indexed under its dotted path with the type of the project's field catalog (keyword
// when the catalog does not know the field), flattened roots searching all their leaves.
import * as path from 'node:path';
import { readFileSync } from 'node:fs';
import { fieldTypeOf, flattenedRootOf } from '../../../src/core/ecs/fields';
import type { EcsDocument, IndexedField, JsonPlain } from '../../../src/core/types';

type Source = { [key: string]: JsonPlain };

/** Options of a test document. */
export interface TestDocOptions {
  /** Fields whose values Elasticsearch keeps but cannot search (over ignore_above). */
  unsearchable?: string[];
}

/** An EcsDocument over a nested ECS source. */
export function ecsDoc(source: Source, options: TestDocOptions = {}): EcsDocument {
  const values = new Map<string, string[]>();
  const add = (name: string, text: string): void => {
    values.set(name, [...(values.get(name) ?? []), text]);
    const root = flattenedRootOf(name);
    if (root !== undefined && root !== name) add(root, text);
  };

  const pending: [string, JsonPlain][] = Object.entries(source);
  for (let next = pending.shift(); next !== undefined; next = pending.shift()) {
    const [name, value] = next;
    if (Array.isArray(value)) {
      for (const v of value) pending.push([name, v]);
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) pending.push([`${name}.${k}`, v]);
    } else if (value !== null) {
      add(name, String(value));
    }
  }

  const unsearchable = new Set(options.unsearchable ?? []);
  return {
    field(name: string): IndexedField | undefined {
      const texts = values.get(name);
      if (texts === undefined) return undefined;
      return {
        type: fieldTypeOf(name) ?? 'keyword',
        values: texts.map((text) => ({ text })),
        searchable: !unsearchable.has(name),
      };
    },
    fieldNames: () => values.keys(),
    source,
    notes: [],
  };
}

/** The real ECS documents of Elastic's CloudTrail pipeline test (elastic/integrations). */
export function elasticExpectedDocs(): Source[] {
  const file = path.resolve(__dirname, '../../../../shared/corpus/'
    + 'elastic-integrations_test-modify-image-attribute-json.log-expected.json');
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { expected: Source[] };
  return parsed.expected;
}
