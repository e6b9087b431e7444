import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ExceptionsEditError, addExceptionItem, parseExceptionsFile, planExceptionInsertion,
  type ExceptionItem,
} from '../../../src/core/exceptions';

const ITEM: ExceptionItem = {
  id: 'exc-9',
  comment: 'Nightly "backup" job, see runbook',
  author: 'carol',
  created: '2025-02-01T08:00:00.000Z',
  entries: [{ field: 'user.name', operator: 'is', value: 'backup' }],
};

const EXISTING = `{
    "$schema": "./exceptions.schema.json",
    "version": 1,
    "exceptions": {
        "rule-a": [
            {
                "id": "exc-1",
                "comment": "kept as written",
                "author": "alice",
                "created": "2025-01-01",
                "entries": [ { "field": "user.name", "operator": "exists" } ]
            }
        ]
    }
}
`;

/** The file parses cleanly and holds the given items per rule. */
function assertLoads(text: string, expected: Record<string, string[]>): void {
  const result = parseExceptionsFile(text, 'x');
  assert.deepEqual(result.problems, []);
  const ids = Object.fromEntries(Object.entries(result.file!.exceptions)
    .map(([rule, items]) => [rule, items.map((i) => i.id)]));
  assert.deepEqual(ids, expected);
}

void describe('addExceptionItem', () => {
  void it('creates a whole file from empty text', () => {
    const text = addExceptionItem('  \n', 'rule-a', ITEM);

    assertLoads(text, { 'rule-a': ['exc-9'] });
    assert.ok(text.endsWith('}\n'));
    assert.deepEqual(parseExceptionsFile(text, 'x').file!.exceptions['rule-a'][0], ITEM);
  });

  void it('appends to a rule\'s list and leaves the text before it untouched', () => {
    const edit = planExceptionInsertion(EXISTING, 'rule-a', ITEM);
    const text = addExceptionItem(EXISTING, 'rule-a', ITEM);

    assert.equal(edit.length, 0);
    assert.equal(text.slice(0, edit.offset), EXISTING.slice(0, edit.offset));
    assert.equal(text.slice(edit.offset + edit.text.length), EXISTING.slice(edit.offset));
    assertLoads(text, { 'rule-a': ['exc-1', 'exc-9'] });
    // the new item is indented like its sibling, with the file's four-space unit
    assert.match(text, /\n {12}\{\n {16}"id": "exc-9",\n/);
  });

  void it('adds a rule that has no list yet after the existing rules', () => {
    const text = addExceptionItem(EXISTING, 'rule-b', ITEM);

    assertLoads(text, { 'rule-a': ['exc-1'], 'rule-b': ['exc-9'] });
    assert.match(text, /\n {8}\],\n {8}"rule-b": \[\n {12}\{\n/);
  });

  void it('adds the "exceptions" object to a file that has none', () => {
    const text = addExceptionItem('{\n\t"version": 1\n}\n', 'rule-a', ITEM);

    assertLoads(text, { 'rule-a': ['exc-9'] });
    assert.match(text, /^\{\n\t"version": 1,\n\t"exceptions": \{\n\t\t"rule-a": \[\n/);
  });

  void it('fills an empty list or object in place', () => {
    const list = addExceptionItem('{ "version": 1, "exceptions": { "rule-a": [] } }', 'rule-a',
      ITEM);
    const object = addExceptionItem('{\n  "version": 1,\n  "exceptions": {}\n}', 'rule-b', ITEM);

    assertLoads(list, { 'rule-a': ['exc-9'] });
    assert.equal(list.includes('\n'), false);
    assertLoads(object, { 'rule-b': ['exc-9'] });
    assert.match(object, /\n {2}"exceptions": \{\n {4}"rule-b": \[\n/);
  });

  void it('keeps a list written on one line on one line', () => {
    const oneLine = '{"version": 1, "exceptions": {"rule-a": [{"id": "exc-1", "comment": "c", '
      + '"author": "a", "created": "2025-01-01", "entries": [{"field": "f", "operator": '
      + '"exists"}]}]}}';

    const text = addExceptionItem(oneLine, 'rule-a', ITEM);

    assert.equal(text.includes('\n'), false);
    assertLoads(text, { 'rule-a': ['exc-1', 'exc-9'] });
  });

  void it('keeps CRLF line ends', () => {
    const crlf = EXISTING.replace(/\n/g, '\r\n');

    const text = addExceptionItem(crlf, 'rule-a', ITEM);

    assert.equal(text.replace(/\r\n/g, '').includes('\n'), false);
    assertLoads(text, { 'rule-a': ['exc-1', 'exc-9'] });
  });

  void it('refuses a file that is not valid JSON, saying where', () => {
    const broken = EXISTING.replace('"version": 1,', '"version": 1');

    assert.throws(() => addExceptionItem(broken, 'rule-a', ITEM), (error: unknown) => {
      assert.ok(error instanceof ExceptionsEditError);
      assert.equal(error.offset, broken.indexOf('"exceptions"'));
      assert.match(error.message, /not valid JSON/);
      return true;
    });
  });

  void it('refuses to replace a rule entry that is not a list', () => {
    const odd = '{"version": 1, "exceptions": {"rule-a": "none"}}';

    assert.throws(() => addExceptionItem(odd, 'rule-a', ITEM), (error: unknown) =>
      error instanceof ExceptionsEditError && error.offset === odd.indexOf('"none"'));
  });
});
