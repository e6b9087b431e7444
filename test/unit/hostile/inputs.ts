// Hostile inputs shared by several test files: rule files with edited queries, records with
// tens of thousands of keys, long values for backtracking patterns, gzip bombs, and a CLI run
// over a folder of files.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseRuleToml } from '../../../src/core/rules';
import { prepareRules, type LoadedRule } from '../../../src/core/scan';
import { runCli, scratchFolder } from '../cli/run-cli';
import { BUILTIN_RULES, positiveRecord } from './helpers';

const MIB = 1024 * 1024;

const TEMPLATE = readFileSync(
  path.join(BUILTIN_RULES, 'discovery_ec2_deprecated_ami_discovery.toml'), 'utf8');
const QUERY_START = TEMPLATE.indexOf("query = '''");
const QUERY_END = TEMPLATE.indexOf("'''", QUERY_START + 11) + 3;

/** The built-in rule file's text. */
export const RULE_TEMPLATE = TEMPLATE;

/** The built-in rule file with its query replaced. */
export function withQuery(query: string): string {
  return `${TEMPLATE.slice(0, QUERY_START)}query = '''\n${query}\n'''${TEMPLATE.slice(QUERY_END)}`;
}

/** The built-in rule file, split around its query (for recipes built in a worker). */
export function aroundQuery(): [string, string] {
  return [`${TEMPLATE.slice(0, QUERY_START)}query = '''\n`, `\n'''${TEMPLATE.slice(QUERY_END)}`];
}

/** The built-in rule, edited by `edit`, parsed and compiled (it must load). */
export function loadRule(edit: (toml: string) => string): LoadedRule[] {
  const parsed = parseRuleToml(edit(TEMPLATE), 'hostile.toml');
  assert.ok(parsed.rule, JSON.stringify(parsed.problems));
  return prepareRules([parsed.rule]);
}

/** Three positive records whose user agent is 100,000 "a"s. */
const LONG_RECORD = { ...positiveRecord(), userAgent: 'a'.repeat(100_000) };
export const LONG_VALUES = JSON.stringify({ Records: [LONG_RECORD, LONG_RECORD, LONG_RECORD] });

/** Queries whose wildcards a backtracking matcher would take exponential time over. */
export const BACKTRACKING_PATTERNS = [
  `user_agent.original: ${'*a'.repeat(3000)}*b`,
  `user_agent.original: ${'*a'.repeat(30)}*`,
  '*a*a*a*a*a*a*a*a*a*a*a*a*b: *',
  `aws.cloudtrail.request_parameters: ${'*a'.repeat(3000)}*b`,
];

/** The JSON text of a positive record, with `extra` spliced into requestParameters. */
export function withParameters(extra: string, top = ''): string {
  const text = JSON.stringify({ Records: [positiveRecord()] });
  return text.replace('"requestParameters":{', `${top}"requestParameters":{${extra}`);
}

/** `count` distinct keys made of "Aa" and "BB", which all have the same String.hashCode. */
export function collidingKeys(count: number): string[] {
  let keys = [''];
  while (keys.length < count) keys = keys.flatMap((k) => [`${k}Aa`, `${k}BB`]);
  return keys.slice(0, count);
}

/** Records with 65,536 keys in one object: colliding ones at three places, then plain ones. */
export function manyKeyTexts(): string[] {
  const colliding = collidingKeys(65_536).map((key, i) => `"${key}":${i}`).join(',');
  const plain = Array.from({ length: 65_536 }, (_, i) => `"key${i}":${i}`).join(',');
  return [withParameters(`"c":{${colliding}},`), withParameters(`${colliding},`),
    withParameters('', `${colliding},`), withParameters(`${plain},`)];
}

/** `count` gzip members of `memberMib` MiB of spaces each: a few KB per member. */
export function gzipBomb(memberMib: number, count: number, head = '{"Records":[\n'): Buffer {
  const member = gzipSync(Buffer.alloc(memberMib * MIB, 0x20), { level: 9 });
  return Buffer.concat([gzipSync(head), ...new Array<Buffer>(count).fill(member)]);
}

/** The CLI's JSON report, as far as these tests read it. */
export interface JsonReport {
  files: { path: string; layout: string; events: number;
    errors: { message: string; line: number; character: number }[] }[];
  findings: { path: string }[];
}

/** Writes the files into a scratch folder and scans it as JSON; returns the run and report. */
export function scanFolder(files: Record<string, string | Uint8Array>):
  { status: number; stderr: string; report: JsonReport } {
  const scratch = scratchFolder();
  try {
    for (const [name, content] of Object.entries(files)) {
      writeFileSync(path.join(scratch.dir, name), content);
    }
    const run = runCli(['scan', '--format', 'json', scratch.dir]);
    const report = JSON.parse(run.stdout) as JsonReport;
    for (const file of report.files) file.path = path.basename(file.path);
    return { status: run.status, stderr: run.stderr, report };
  } finally {
    scratch.remove();
  }
}
