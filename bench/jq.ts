// Runs jq on the same predicate as the built-in rule, as the outside baseline: jq is what
// people reach for to grep CloudTrail files. jq cannot render Java's Map.toString(), so the
// rule's "owner=" clause is approximated by "some key of requestParameters ends with owner"
// and its 8,191-character limit by the JSON length of requestParameters; on the generated
// inputs that selects exactly the events the rule matches (the benchmark checks the count).
import { spawnSync } from 'node:child_process';

/** The jq program: one eventID per matching record. */
export const JQ_FILTER = `
def absent: . == null or . == "" or . == "-" or . == "none";
.Records[]
| select(.eventSource == "ec2.amazonaws.com" and .eventName == "DescribeImages"
    and (.errorCode | absent) and (.errorMessage | absent)
    and (.requestParameters.includeDeprecated | . == true or . == "true"
      or (type == "array" and any(.[]; . == true or . == "true")))
    and ([.requestParameters | .. | objects | keys[] | select(endswith("owner"))] | length > 0)
    and (.requestParameters | tostring | length) < 8192)
| .eventID
`;

/** What one jq run took and selected. */
export interface JqRun {
  ms: number;
  selected: number;
}

/** Whether jq can be run here. */
export function jqAvailable(): boolean {
  return spawnSync('jq', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Runs jq on one file; undefined when it fails. */
export function runJq(file: string): JqRun | undefined {
  return timed('jq', ['-c', JQ_FILTER, file]);
}

/** Runs `gzip -dc files | jq` (jq reads the concatenated objects one after another). */
export function runJqOnGz(files: readonly string[]): JqRun | undefined {
  const quoted = files.map((f) => `'${f.replace(/'/g, "'\\''")}'`).join(' ');
  const filter = JQ_FILTER.replace(/'/g, "'\\''");
  return timed('sh', ['-c', `gzip -dc ${quoted} | jq -c '${filter}'`]);
}

function timed(command: string, args: string[]): JqRun | undefined {
  const start = performance.now();
  const run = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - start;
  if (run.status !== 0) return undefined;
  return { ms, selected: run.stdout.split('\n').filter((line) => line !== '').length };
}
