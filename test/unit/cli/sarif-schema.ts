// A validator for SARIF 2.1.0 logs, from the OASIS schema that the devDependency
// @datadog/datadog-ci-plugin-sarif ships (the same copy the export tests validate against).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';

const SCHEMA = { name: '@datadog/datadog-ci-plugin-sarif',
  file: 'dist/json-schema/sarif-schema-2.1.0.json' };

/** Validates a log against the OASIS schema; returns the schema errors (none when valid). */
export function sarifValidator(): (log: unknown) => string[] {
  return sarifValidatorFor(path.join(
    path.dirname(require.resolve(`${SCHEMA.name}/package.json`)), SCHEMA.file));
}

/** A validator for the SARIF schema in `file` (draft-07, or Microsoft's draft-04 copy). */
export function sarifValidatorFor(file: string): (data: unknown) => string[] {
  const schema = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  // draft-04 names the schema "id"; Ajv reads the rest of that schema as draft-07 alike
  if (String(schema.$schema).includes('draft-04')) {
    schema.$id = schema.id;
    delete schema.id;
    delete schema.$schema;
  }

  // rtm.5's language pattern ("...]?$") is only valid without the u flag
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  // the formats the SARIF schema uses, checked as RFC 3986 and RFC 3339 define them
  ajv.addFormat('uri', (s: string) => /^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s]*$/.test(s)
    && URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => !/[\s"<>\\^`{|}]/.test(s)
    && URL.canParse(s, 'http://base.invalid/'));
  ajv.addFormat('date-time', (s: string) =>
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(s));
  const validate = ajv.compile(schema);
  return (data) => validate(data) ? []
    : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}
