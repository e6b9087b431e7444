// Runs a measurement in a fresh node process and reads back its figures: the benchmark itself
// (dist/bench.js --child ...) for in-process measurements, and the CLI for the .json.gz set,
// preloaded with a hook that reports the CLI process's peak resident memory when it exits.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Runs this script again with `args` after --child and returns the JSON it prints. */
export function runChild<T>(args: readonly string[]): T {
  const run = spawnSync(process.execPath, ['--expose-gc', process.argv[1], '--child', ...args],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`the measurement ${args.join(' ')} failed`);
  return JSON.parse(run.stdout) as T;
}

/** What one CLI run took. */
export interface CliRun {
  ms: number;
  exitCode: number;
  peakRssBytes: number;
  /** Findings in the CLI's JSON report, when it could be read. */
  findings?: number;
}

/** Runs `cloudtrail-lens scan <folder> --format json` and measures it. */
export function runCli(cli: string, folder: string, workDir: string): CliRun {
  const hook = path.join(workDir, 'max-rss-hook.cjs');
  const rssFile = path.join(workDir, 'cli-rss.json');
  const output = path.join(workDir, 'cli-report.json');
  writeFileSync(hook, 'process.on("exit", () => require("fs").writeFileSync('
    + `${JSON.stringify(rssFile)}, JSON.stringify(process.resourceUsage())));\n`);

  const start = performance.now();
  const run = spawnSync(process.execPath, ['--require', hook, cli, 'scan', folder,
    '--format', 'json', '--output', output], { stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - start;

  const usage = JSON.parse(readFileSync(rssFile, 'utf8')) as { maxRSS: number };
  return { ms, exitCode: run.status ?? -1, peakRssBytes: usage.maxRSS * 1024,
    findings: countFindings(output) };
}

function countFindings(file: string): number | undefined {
  try {
    const report = JSON.parse(readFileSync(file, 'utf8')) as { findings?: unknown };
    return Array.isArray(report.findings) ? report.findings.length : undefined;
  } catch {
    return undefined;
  }
}
