// Shared material of the fast-path tests: the rules (the built-in pack and the reference
// rules), the corpus, and fast-check arbitraries for CloudTrail records written in every way
// that matters to the prefilter (escapes that spell a literal, repeated keys, raw control
// characters, damage) and wrapped in every layout.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import {
  obj, raw, writeJson, type JsonValue, type OrderedObject, type RawJson,
} from '../../../bench/json-writer';
import { wrapRecords, type GeneratedLayout } from '../../../bench/records-text';
import { loadRuleTexts, type RuleText } from '../../../src/core/rules';
import { prepareRules, type LoadedRule } from '../../../src/core/scan';
import { decodeBytes } from '../../../src/core/source/decode';

const SHARED = path.resolve(__dirname, '../../../../shared');
const BUILTIN = path.resolve(__dirname, '../../../src/rules');

/** The built-in rule pack, compiled. */
export function builtinRules(): LoadedRule[] {
  return prepareRules(loadRuleTexts(ruleTexts(BUILTIN, true)).rules);
}

/** The built-in pack and the reference rules together, compiled. */
export function allRules(): LoadedRule[] {
  const texts = [...ruleTexts(BUILTIN, true), ...ruleTexts(path.join(SHARED, 'reference/rules'),
    false)];
  return prepareRules(loadRuleTexts(texts).rules);
}

function ruleTexts(folder: string, builtin: boolean): RuleText[] {
  return readdirSync(folder).filter((f) => f.endsWith('.toml')).sort().map((f) => ({
    text: readFileSync(path.join(folder, f), 'utf8'),
    source: builtin ? `builtin:${f}` : path.join(folder, f),
    builtin,
  }));
}

/** Every corpus file (gzip expanded) as [name, text]. */
export function corpusTexts(): [string, string][] {
  const folder = path.join(SHARED, 'corpus');
  return readdirSync(folder).filter((f) => f !== 'README.md').sort()
    .map((f) => [f, decodeBytes(readFileSync(path.join(folder, f))).text]);
}

/** The real DescribeImages events of the Permiso corpus file, as compact JSON texts. */
export function realDescribeImages(): string[] {
  const file = path.join(SHARED, 'corpus/permiso_describeimages-shapes_subset.json');
  const events = JSON.parse(readFileSync(file, 'utf8')) as unknown[];
  return events.map((e) => JSON.stringify(e));
}

// ---- arbitraries ---------------------------------------------------------------------------

const SOURCES: JsonValue[] = ['ec2.amazonaws.com', 'ecr.amazonaws.com', 's3.amazonaws.com',
  raw('"ec2\\u002eamazonaws.com"'), raw('"\\u0065c2.amazonaws.com"'), 'EC2.amazonaws.com'];
const NAMES: JsonValue[] = ['DescribeImages', raw('"\\u0044escribeImages"'),
  raw('"Describe\\u0049mages"'), raw('"\\u0044\\u0065scribeImages"'), 'DescribeImageAttribute',
  'GetObject', 'describeimages', raw('"\\\\u0044escribeImages"'), ['DescribeImages'],
  obj(['x', 'DescribeImages'])];
const ERRORS: (JsonValue | undefined)[] = [undefined, undefined, null, '', '-', 'none',
  'Client.UnauthorizedOperation', raw('"\\u002d"')];
const FLAGS: (JsonValue | undefined)[] = [undefined, true, true, false, 'true', 'True',
  raw('"tru\\u0065"'), [true], raw('"\\u0074rue"'), 1];
const OWNERS: (JsonValue | undefined)[] = [undefined, obj(), obj(['items', [obj(['owner',
  'self'])]]), obj(['items', [obj(['owner', 'amazon']), obj(['owner', '123456789012'])]]),
  obj(['items', [obj([raw('"\\u006fwner"'), 'self'])]])];
const STRINGS: JsonValue[] = ['plain', 'café ☕', '日本語', '🚀 launch', 'a "quoted" value',
  raw('"back\\\\slash"'), raw('"line\\nbreak"'), raw('"slash\\/ed"'), raw('"\\u00e9t\\u00e9"'),
  raw('"\\ud83d\\ude80"'), 'owner=bob', 'includeDeprecated', raw('"1.50"'), ''];

/** How one generated record is written, beyond its values. */
export interface RecordSpec {
  value: OrderedObject;
  /** Text to splice into the record's JSON (a repeated key, a raw control character). */
  damage?: 'duplicate-top' | 'duplicate-nested' | 'control' | 'duplicate-escaped'
    | 'scalar-parameters' | 'deep' | 'nul-key' | 'long';
}

/** A CloudTrail-like record of DescribeImages-like shape, in all the spellings above. */
export const recordArbitrary: fc.Arbitrary<RecordSpec> = fc.record({
  source: fc.constantFrom(...SOURCES),
  name: fc.constantFrom(...NAMES),
  error: fc.constantFrom(...ERRORS),
  errorMessage: fc.constantFrom<JsonValue | undefined>(undefined, undefined, null, 'denied'),
  flag: fc.constantFrom(...FLAGS),
  flagKey: fc.constantFrom<string | RawJson>('includeDeprecated', 'includeDeprecated',
    raw('"include\\u0044eprecated"'), 'IncludeDeprecated'),
  owners: fc.constantFrom(...OWNERS),
  extras: fc.array(fc.tuple(fc.constantFrom('note', 'maxResults', 'filterSet', 'tag', 'big'),
    fc.constantFrom(...STRINGS, 1000, raw('1E2'), raw('123456789012345678901234567890'),
      obj(), [])), { maxLength: 3 }),
  agent: fc.constantFrom(...STRINGS),
  order: fc.integer({ min: 0, max: 5 }),
  damage: fc.constantFrom<RecordSpec['damage']>(undefined, undefined, undefined, undefined,
    undefined, undefined, undefined, undefined, 'duplicate-top', 'duplicate-nested', 'control',
    'duplicate-escaped', 'scalar-parameters', 'deep', 'nul-key', 'long'),
}).map((r) => {
  const params = obj();
  if (r.flag !== undefined) params.members.push([r.flagKey, r.flag]);
  if (r.owners !== undefined) params.members.push(['ownersSet', r.owners]);
  for (const [key, value] of r.extras) {
    if (!params.members.some(([k]) => k === key)) params.members.push([key, value]);
  }
  rotate(params.members, r.order);

  const record = obj(['eventVersion', '1.09'], ['eventTime', '2026-11-20T10:00:00Z'],
    ['eventSource', r.source], ['eventName', r.name], ['awsRegion', 'us-east-1'],
    ['sourceIPAddress', '203.0.113.7'], ['userAgent', r.agent],
    ['userIdentity', obj(['type', 'IAMUser'], ['arn', 'arn:aws:iam::111122223333:user/alice'],
      ['accountId', '111122223333'], ['userName', r.agent])]);
  if (r.error !== undefined) record.members.push(['errorCode', r.error]);
  if (r.errorMessage !== undefined) record.members.push(['errorMessage', r.errorMessage]);
  record.members.push(['requestParameters', params], ['responseElements', null],
    ['eventID', `id-${r.order}`], ['readOnly', true]);
  rotate(record.members, r.order % 3);
  return { value: record, damage: r.damage };
});

function rotate<T>(items: T[], by: number): void {
  for (let i = 0; i < by && items.length > 1; i++) items.push(items.shift() as T);
}

/** The JSON text of a record spec: compact, or indented for pretty layouts. */
export function recordText(spec: RecordSpec, indent = 0, depth = 0): string {
  const text = writeJson(spec.value, indent, depth);
  switch (spec.damage) {
    case 'duplicate-top':
      return text.replace('{', '{"eventName":"DescribeImages",');
    case 'duplicate-nested':
      return text.replace(/"requestParameters":\{(\s*\})?/, (open, empty?: string) =>
        `"requestParameters":{"x":1,"x":2${empty === undefined ? ',' : '}'}`);
    case 'duplicate-escaped':
      return text.replace('{', '{"\\u0065ventName":"DescribeImages",');
    case 'control':
      return text.replace('"us-east-1"', '"us-east-1\u0001"');
    case 'scalar-parameters':
      return text.replace('"responseElements":null', '"responseElements":"done"');
    case 'deep':
      return text.replace('"responseElements":null',
        `"responseElements":${'{"x":'.repeat(21)}1${'}'.repeat(21)}`);
    case 'nul-key':
      return text.replace('"responseElements":null', '"responseElements":{"a\\u0000b":1}');
    case 'long':
      return text.replace('"responseElements":null',
        `"responseElements":{"items":[${'{"n":1E6},'.repeat(3300)}{"n":1}]}`);
    default:
      return text;
  }
}

/** Every layout the generator can wrap records in. */
export const LAYOUTS: GeneratedLayout[] = ['records', 'records-pretty', 'array', 'lines',
  'single', 'lookup-events', 'eventbridge'];

/** A whole text: records in a layout, sometimes with one character damaged. */
export const textArbitrary: fc.Arbitrary<string> = fc.record({
  records: fc.array(recordArbitrary, { minLength: 1, maxLength: 12 }),
  layout: fc.constantFrom(...LAYOUTS),
  damage: fc.option(fc.tuple(fc.nat(), fc.constantFrom('', '{', '}', ',', '"', '\\', ']', 'x',
    ':', '\n')), { freq: 4 }),
}).map(({ records, layout, damage }) => {
  const texts = records.map((r) => layout === 'records-pretty' ? recordText(r, 2, 2)
    : recordText(r));
  let text = layout === 'records-pretty'
    ? `{\n  "Records": [\n    ${texts.join(',\n    ')}\n  ]\n}\n` : wrapRecords(texts, layout);
  if (damage !== null) {
    const at = damage[0] % (text.length + 1);
    text = text.slice(0, at) + damage[1] + text.slice(at + (damage[1] === '' ? 1 : 0));
  }
  return text;
});
