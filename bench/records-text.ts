// Builds whole CloudTrail files from generated records: the {"Records":[...]} text that S3
// delivery produces (one line, or pretty-printed), and the other layouts the engine reads.
import { writeJson } from './json-writer';
import { RecordGenerator, type RecordGeneratorOptions } from './record-generator';

/** A generated file and what the rule must find in it. */
export interface GeneratedText {
  text: string;
  /** Number of records. */
  events: number;
  /** Indexes of the records the rule matches. */
  matching: number[];
}

export interface RecordsTextOptions extends RecordGeneratorOptions {
  /** Stop once the records reach this many UTF-8 bytes (when no count is given). */
  targetBytes: number;
  /** Generate exactly this many records (a pretty twin of an earlier one-line file). */
  count?: number;
  /** 0 for one line (as CloudTrail writes it), else spaces per indentation level. */
  indent?: number;
}

/** Layouts that tests wrap generated records in. */
export type GeneratedLayout = 'records' | 'records-pretty' | 'array' | 'lines' | 'single'
  | 'lookup-events' | 'eventbridge';

/** Generates records up to a size and writes them as a {"Records":[...]} file. */
export function buildRecordsText(options: RecordsTextOptions): GeneratedText {
  const indent = options.indent ?? 0;
  const { records, matching } = generateRecordTexts(options, indent, indent > 0 ? 2 : 0);

  if (indent === 0) {
    return { text: `{"Records":[${records.join(',')}]}`, events: records.length, matching };
  }
  const pad = ' '.repeat(indent);
  const inner = `${pad}${pad}${records.join(`,\n${pad}${pad}`)}`;
  const text = `{\n${pad}"Records": [\n${inner}\n${pad}]\n}\n`;
  return { text, events: records.length, matching };
}

/** Record texts up to a size (each written at `depth` with `indent`). */
export function generateRecordTexts(options: RecordsTextOptions, indent = 0, depth = 0):
  { records: string[]; matching: number[] } {
  const generator = new RecordGenerator(options);
  const records: string[] = [];
  const matching: number[] = [];
  let bytes = 0;

  while (options.count !== undefined ? records.length < options.count
    : bytes < options.targetBytes) {
    const record = generator.next();
    const text = writeJson(record.value, indent, depth);
    if (record.matches) matching.push(records.length);
    records.push(text);
    bytes += Buffer.byteLength(text) + 1;
  }
  return { records, matching };
}

/** Wraps record texts (compact JSON objects) in one of the layouts the engine detects. */
export function wrapRecords(records: readonly string[], layout: GeneratedLayout): string {
  switch (layout) {
    case 'records':
      return `{"Records":[${records.join(',')}]}`;
    case 'records-pretty':
      return `{\n  "Records": [\n    ${records.join(',\n    ')}\n  ]\n}\n`;
    case 'array':
      return `[\n${records.join(',\n')}\n]`;
    case 'lines':
      return records.map((r) => `${r}\n`).join('');
    case 'single':
      return records[0] ?? '{}';
    case 'lookup-events':
      return `{"Events":[${records.map((r, i) => `{"EventId":"e-${i}","EventName":"x",`
        + `"CloudTrailEvent":${JSON.stringify(r)}}`).join(',')}]}`;
    case 'eventbridge':
      return records.map((r, i) => `{"version":"0","id":"eb-${i}","detail-type":`
        + `"AWS API Call via CloudTrail","source":"aws.ec2","account":"111122223333",`
        + `"time":"2026-11-20T00:00:00Z","region":"us-east-1","resources":[],"detail":${r}}\n`)
        .join('');
  }
}
