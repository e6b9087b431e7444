// Test helper: renders many JSON texts at once with the shared Python oracle
// (shared/tools/java-map-tostring.py) through the batch driver beside this file.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

export interface OracleAnswer {
  /** 0 rendered, 2 not JSON, 3 tree bin, 4 empty after pruning. */
  status: number;
  text?: string;
}

const DRIVER = path.resolve(__dirname, 'java-map-oracle.py');

/** Oracle answers for [jsonText, newest] pairs, in order, from one Python process. */
export function oracleRender(cases: readonly (readonly [string, boolean])[]): OracleAnswer[] {
  const result = spawnSync('python3', [DRIVER], {
    input: JSON.stringify(cases),
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new Error(`oracle driver failed (${String(result.status)}): ${result.stderr}`);
  }
  const lines = result.stdout.split('\n').filter((line) => line !== '');
  if (lines.length !== cases.length) {
    throw new Error(`oracle answered ${lines.length} of ${cases.length} cases`);
  }
  return lines.map((line) => JSON.parse(line) as OracleAnswer);
}
