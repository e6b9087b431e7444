import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import {
  OPERATORS, parseExceptionsFile, type ExceptionProblem,
} from '../../../src/core/exceptions';
import { fieldTypeOf } from '../../../src/core/ecs/fields';

const SCHEMA_PATH = path.resolve(__dirname, '../../../schemas/exceptions.schema.json');

const VALID = `{
  "version": 1,
  "exceptions": {
    "2f0ee9fe-4529-4b9e-9f78-6c81ef33c6ba": [
      {
        "id": "exc-1",
        "comment": "Backups read credentials files nightly",
        "author": "alice",
        "created": "2025-01-10",
        "expires": "2025-12-31T23:59:59Z",
        "entries": [
          { "field": "user.name", "operator": "is", "value": "backup" },
          { "field": "source.ip", "operator": "is one of", "values": ["10.0.0.0/8"] }
        ]
      }
    ],
    "*": [
      {
        "id": "exc-2",
        "comment": "Terraform runs everywhere",
        "author": "bob",
        "created": "2025-01-11T09:30:00+01:00",
        "entries": [
          { "field": "user_agent.original", "operator": "matches", "value": "*Terraform/*" },
          { "field": "aws.cloudtrail.error_code", "operator": "does not exist" }
        ]
      }
    ]
  }
}
`;

/** The zero-based position of the n-th occurrence of a needle in a text. */
function positionOf(text: string, needle: string, occurrence = 1): { line: number;
  character: number } {
  let offset = -1;
  for (let i = 0; i < occurrence; i++) offset = text.indexOf(needle, offset + 1);
  assert.ok(offset >= 0, `${needle} not in text`);
  const before = text.slice(0, offset).split(/\r\n|\n|\r/);
  return { line: before.length - 1, character: before[before.length - 1].length };
}

function only(problems: ExceptionProblem[]): ExceptionProblem {
  assert.equal(problems.length, 1, JSON.stringify(problems, null, 2));
  return problems[0];
}

function at(problem: ExceptionProblem): { line: number; character: number } {
  return { line: problem.line, character: problem.character };
}

void describe('the exceptions schema', () => {
  void it('is a valid draft-07 schema whose operators are exactly the evaluated ones', () => {
    const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8'));
    const ajv = new Ajv({ strict: false });

    assert.equal(ajv.validateSchema(schema), true, JSON.stringify(ajv.errors));

    const operator = schema.definitions.entry.properties.operator;
    assert.deepEqual(operator.enum, Object.keys(OPERATORS));
    assert.equal(operator.enumDescriptions.length, operator.enum.length);
  });

  void it('gives the editor a description for every property', () => {
    const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8'));
    const objects = [schema, schema.definitions.item, schema.definitions.entry];

    for (const object of objects) {
      for (const [name, property] of Object.entries(object.properties)) {
        assert.equal(typeof (property as { description?: unknown }).description, 'string',
          `property ${name} has no description`);
      }
    }
  });
});

void describe('parseExceptionsFile', () => {
  void it('loads a valid file with every item and no problem', () => {
    const result = parseExceptionsFile(VALID, 'exceptions.json', { fieldTypeOf });

    assert.deepEqual(result.problems, []);
    assert.deepEqual(Object.keys(result.file!.exceptions),
      ['2f0ee9fe-4529-4b9e-9f78-6c81ef33c6ba', '*']);
    const [first] = result.file!.exceptions['2f0ee9fe-4529-4b9e-9f78-6c81ef33c6ba'];
    assert.equal(first.comment, 'Backups read credentials files nightly');
    assert.deepEqual(first.entries[1], { field: 'source.ip', operator: 'is one of',
      values: ['10.0.0.0/8'] });
  });

  void it('records where each loaded item starts', () => {
    const result = parseExceptionsFile(VALID, 'exceptions.json');
    const second = result.file!.exceptions['*'][0];

    const span = result.itemSpans.get(second)!;

    assert.equal(VALID[span.start], '{');
    assert.equal(VALID[span.end - 1], '}');
    assert.ok(VALID.slice(span.start, span.end).includes('"exc-2"'));
  });

  void it('reports a JSON syntax error at its line and character and loads nothing', () => {
    const text = VALID.replace('"does not exist" }', '"does not exist" },');

    const result = parseExceptionsFile(text, 'exceptions.json');

    assert.equal(result.file, undefined);
    const problem = only(result.problems);
    assert.equal(problem.severity, 'error');
    assert.match(problem.message, /^Not valid JSON: /);
    assert.equal(problem.source, 'exceptions.json');
    // the parser stops at the closing bracket after the trailing comma
    const closing = positionOf(text, '"does not exist" },');
    assert.equal(problem.line, closing.line + 1);
  });

  void it('reports a rule listed twice at the second key, as JSON would keep one list', () => {
    const text = '{\n  "version": 1,\n  "exceptions": {\n    "r": [],\n    "r": []\n  }\n}\n';

    const problem = only(parseExceptionsFile(text, 'x').problems);

    assert.match(problem.message, /Duplicate key "r"/);
    assert.deepEqual(at(problem), { line: 4, character: 4 });
  });

  void it('reports an unknown property on its key', () => {
    const text = VALID.replace('"author": "bob",', '"author": "bob", "reason": "x",');

    const result = parseExceptionsFile(text, 'x');

    const problem = only(result.problems);
    assert.match(problem.message, /^Unknown property "reason"\. Allowed here: id, comment/);
    assert.deepEqual(at(problem), positionOf(text, '"reason"'));
  });

  void it('reports a missing comment on the item and drops only that item', () => {
    const text = VALID.replace('"comment": "Terraform runs everywhere",', '');

    const result = parseExceptionsFile(text, 'x');

    const problem = only(result.problems);
    assert.equal(problem.message, 'Missing property "comment".');
    assert.equal(problem.severity, 'error');
    // the sixth brace: root, exceptions, first item and its two entries, then this item
    const itemStart = positionOf(text, '{', 6);
    assert.deepEqual(at(problem), itemStart);
    assert.deepEqual(result.file!.exceptions['*'], []);
    assert.equal(result.file!.exceptions['2f0ee9fe-4529-4b9e-9f78-6c81ef33c6ba'].length, 1);
  });

  void it('reports an unknown operator on its value and lists the operators', () => {
    const text = VALID.replace('"operator": "is",', '"operator": "equals",');

    const problem = only(parseExceptionsFile(text, 'x').problems);

    assert.equal(problem.message, 'Unknown operator "equals". Use one of: is, is not, '
      + 'is one of, is not one of, exists, does not exist, matches, does not match.');
    assert.deepEqual(at(problem), positionOf(text, '"equals"'));
  });

  void it('reports an operator given the wrong kind of value', () => {
    const noValue = VALID.replace('"operator": "is", "value": "backup"', '"operator": "is"');
    const extraValue = VALID.replace('"operator": "does not exist"',
      '"operator": "does not exist", "value": "x"');
    const wrongKind = VALID.replace('"operator": "is", "value": "backup"',
      '"operator": "is", "values": ["backup"]');

    const missing = only(parseExceptionsFile(noValue, 'x').problems);
    const extra = only(parseExceptionsFile(extraValue, 'x').problems);
    const wrong = parseExceptionsFile(wrongKind, 'x').problems;

    assert.equal(missing.message, 'Operator "is" needs "value".');
    assert.deepEqual(at(missing), positionOf(noValue, '{ "field": "user.name"'));
    assert.equal(extra.message, 'Operator "does not exist" takes no "value".');
    assert.deepEqual(at(extra), positionOf(extraValue, '"value": "x"'));
    assert.deepEqual(wrong.map((p) => p.message), ['Operator "is" needs "value".',
      'Operator "is" takes "value", not "values".']);
  });

  void it('reports dates that are not real, and an expiry before the creation', () => {
    const text = VALID.replace('"2025-01-10"', '"2025-02-30"')
      .replace('"created": "2025-01-11T09:30:00+01:00",',
        '"created": "2025-01-11T09:30:00+01:00", "expires": "2025-01-11",');

    const problems = parseExceptionsFile(text, 'x').problems;

    assert.deepEqual(problems.map((p) => [p.severity, p.message, p.line, p.character]), [
      ['error', '"2025-02-30" is not a real date or time.',
        ...Object.values(positionOf(text, '"2025-02-30"'))],
      ['warning', '"expires" is not after "created": this item never suppressed anything.',
        ...Object.values(positionOf(text, '"2025-01-11",'))],
    ]);
  });

  void it('reports a date in another shape with the expected form', () => {
    const text = VALID.replace('"2025-01-10"', '"10/01/2025"');

    const problem = only(parseExceptionsFile(text, 'x').problems);

    assert.match(problem.message, /^Use an ISO 8601 date \(2025-01-31\)/);
    assert.deepEqual(at(problem), positionOf(text, '"10/01/2025"'));
  });

  void it('loads nothing from a file of another version', () => {
    const text = VALID.replace('"version": 1', '"version": 2');

    const result = parseExceptionsFile(text, 'x');

    assert.equal(result.file, undefined);
    const problem = only(result.problems);
    assert.equal(problem.message, 'Unsupported version 2: this file format has version 1.');
    assert.deepEqual(at(problem), { line: 1, character: 13 });
  });

  void it('reports empty entries and empty comments', () => {
    const text = VALID.replace('"Terraform runs everywhere"', '"  "')
      .replace(/"entries": \[\n {10}\{ "field": "user_agent[^\]]*\]/, '"entries": []');

    const problems = parseExceptionsFile(text, 'x').problems;

    assert.deepEqual(problems.map((p) => p.message), ['Must not be empty.',
      'An exception item needs at least one entry (an item without conditions would exempt '
      + 'every event).']);
  });

  void it('reports a value listed twice in "values" on the list', () => {
    const text = VALID.replace('["10.0.0.0/8"]', '["10.0.0.0/8", "10.0.0.0/8"]');

    const problem = only(parseExceptionsFile(text, 'x').problems);

    assert.equal(problem.message, '"values" lists "10.0.0.0/8" more than once.');
    assert.deepEqual(at(problem), positionOf(text, '["10.0.0.0/8"'));
  });

  void it('warns about repeated item ids without dropping either item', () => {
    const text = VALID.replace('"exc-2"', '"exc-1"');

    const result = parseExceptionsFile(text, 'x');

    const problem = only(result.problems);
    assert.equal(problem.severity, 'warning');
    assert.deepEqual(at(problem), positionOf(text, '"exc-1"', 2));
    assert.equal(result.file!.exceptions['*'].length, 1);
  });

  void it('warns about fields, types and rule ids that cannot match when told the catalog', () => {
    const text = VALID.replace('"user.name"', '"user.nmae"')
      .replace('"operator": "matches", "value": "*Terraform/*"',
        '"operator": "matches", "value": "*Terraform/*" }, '
        + '{ "field": "source.ip", "operator": "matches", "value": "10.*"')
      .replace('["10.0.0.0/8"]', '["10.0.0.0/8", "intranet"]');

    const problems = parseExceptionsFile(text, 'x', { fieldTypeOf,
      knownRuleIds: new Set(['some-other-rule']) }).problems;

    assert.deepEqual(problems.map((p) => [p.severity, p.message]), [
      ['warning', 'No loaded rule has the id "2f0ee9fe-4529-4b9e-9f78-6c81ef33c6ba": these items '
        + 'apply to nothing.'],
      ['warning', '"user.nmae" is not a field of the CloudTrail ECS mapping: no event has it, '
        + 'so "is" never holds.'],
      ['warning', '"intranet" is neither an IP address nor a CIDR block, and "source.ip" is an '
        + 'ip field.'],
      ['warning', '"matches" works on keyword and text fields only; "source.ip" is of type ip, '
        + 'so no value of it matches.'],
    ]);
  });

  void it('counts positions after a byte order mark and across CRLF line ends', () => {
    const text = '\uFEFF' + VALID.replace(/\n/g, '\r\n').replace('"bob"', '42');

    const result = parseExceptionsFile(text, 'x');

    const problem = only(result.problems);
    assert.equal(problem.message, 'Expected a string.');
    assert.deepEqual(at(problem), positionOf(text, '42'));
    assert.equal(problem.line, 20);
  });

  void it('reports a file that is not an object, and an empty file', () => {
    const array = only(parseExceptionsFile('[]', 'x').problems);
    const empty = only(parseExceptionsFile('', 'x').problems);

    assert.equal(array.message, 'Expected an object.');
    assert.equal(empty.severity, 'error');
    assert.match(empty.message, /^Not valid JSON: /);
  });
});
