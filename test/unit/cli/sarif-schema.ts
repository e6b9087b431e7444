// A validator for SARIF 2.1.0 logs, from the OASIS schema that the devDependency
// @datadog/datadog-ci-plugin-sarif ships (the same copy the export tests validate against).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';

const SCHEMA = { name: '@datadog/datadog-ci-plugin-sarif',
  file: 'dist/json-schema/sarif-schema-2.1.0.json' };

/** Validates a log; returns the schema errors (none when valid). */
export function sarifValidator(): (log: unknown) => string[] {
  const file = path.join(path.dirname(require.resolve(`${SCHEMA.name}/package.json`)),
    SCHEMA.file);
  const schema = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

  // the formats the schema names, checked as RFC 3986 and RFC 3339 define them
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat('uri', (s: string) => /^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]*$/.test(s)
    && URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => !/[\s"<>\\^`{|}]/.test(s)
    && URL.canParse(s, 'http://base.invalid/'));
  ajv.addFormat('date-time', (s: string) =>
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(s));
  const validate = ajv.compile(schema);

  return (log) => validate(log) ? []
    : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}
