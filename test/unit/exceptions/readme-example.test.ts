// The README's example exceptions file is what a new user copies first: it must load without a
// problem, pass the JSON schema, and suppress the events it describes (and only those).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { evaluateExceptions, parseExceptionsFile } from '../../../src/core/exceptions';
import { fieldTypeOf } from '../../../src/core/ecs/fields';
import { ecsDoc } from './ecs-doc';

const ROOT = path.resolve(__dirname, '../../..');
const AMI_RULE = '264c641e-c202-11ef-993e-f661ea17fbce';

/** The first ```json block of the README's Exceptions section. */
function readmeExample(): string {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Exceptions'));
  const block = /```json\n([\s\S]*?)```/.exec(section);
  assert.ok(block, 'the Exceptions section has a json example');
  return block[1];
}

void describe('the README\'s example exceptions file', () => {
  const text = readmeExample();

  void it('loads without a problem and passes the schema', () => {
    const result = parseExceptionsFile(text, 'exceptions.json', { fieldTypeOf });
    assert.deepEqual(result.problems, []);

    const schema = JSON.parse(readFileSync(path.join(ROOT, 'schemas/exceptions.schema.json'),
      'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    assert.ok(validate(JSON.parse(text)), JSON.stringify(validate.errors));
  });

  void it('suppresses Packer on the AMI rule and the scanner on every rule, nothing else', () => {
    const file = parseExceptionsFile(text, 'exceptions.json').file;
    const now = new Date('2026-12-01T00:00:00Z');
    const packer = ecsDoc({ user: { name: 'packer-build' },
      user_agent: { original: 'Packer/1.11 aws-sdk' } });
    const alice = ecsDoc({ user: { name: 'alice' },
      user_agent: { original: 'Packer/1.11 aws-sdk' } });
    const scanner = ecsDoc({ source: { ip: '203.0.113.8' }, user: { name: 'auditor' } });

    assert.equal(evaluateExceptions(AMI_RULE, packer, file, now).suppressedBy?.id,
      'packer-build-role');
    assert.equal(evaluateExceptions('other-rule', packer, file, now).suppressedBy, undefined);
    assert.equal(evaluateExceptions('other-rule', scanner, file, now).suppressedBy?.id,
      'audit-scanner');
    assert.equal(evaluateExceptions(AMI_RULE, alice, file, now)
      .suppressedBy, undefined);
    assert.equal(evaluateExceptions(AMI_RULE, packer, file, new Date('2027-07-01T00:00:00Z'))
      .suppressedBy, undefined, 'the item has expired by then');
  });
});
