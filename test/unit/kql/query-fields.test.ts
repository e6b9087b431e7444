// The field names a query mentions.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseKql, queryFields } from '../../../src/core/kql';

void describe('queryFields', () => {
  void it('lists each field once, in query order, with nested paths in full', () => {
    const tree = parseKql('b: x and (a: (1 or 2) or not b < 3) and c: * and n:{ d: y } and free');

    assert.deepEqual(queryFields(tree), ['b', 'a', 'c', 'n', 'n.d']);
  });

  void it('keeps field patterns as written and skips the unquoted null of free text', () => {
    assert.deepEqual(queryFields(parseKql('user.*: root or null: x or "null": y')),
      ['user.*', 'null']);
    assert.deepEqual(queryFields(parseKql('')), []);
  });
});
