// cloudtrail-lens: the command-line front end on the core engine. Results go to stdout; logs,
// progress and errors to stderr. Exit 0 when the scan ran, 1 when --fail-on is met, 2 for usage
// or unreadable input.
import { Command, CommanderError, Option } from 'commander';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { decodeBytes, isCutGzipError } from '../core/source/decode';
import { placeScanResult, type ScanReport } from '../core/report';
import { prepareRules, scanText, type ScanOptions } from '../core/scan';
import type { Severity, TextProblem } from '../core/types';
import { formatReport, type OutputFormat } from './formats';
import { loadRuleSources } from './rule-files';
import { expandPaths, InputError } from './walk';
import { Progress, visibleOutput, warn } from './progress';
import { loadExceptionsFile } from './exceptions-file';
import { placeStreamOutcome, scanFileStreamingSync } from './stream-scan';

const SEVERITY_ORDER: Severity[] = ['low', 'medium', 'high', 'critical'];

/** Files this large on disk, and every gzip file, are streamed rather than read whole. */
const STREAM_FROM_BYTES = 8 * 1024 * 1024;

interface ScanCommandOptions {
  rules: string[];
  builtin: boolean;
  format: OutputFormat;
  failOn?: Severity;
  exceptions?: string;
  pipeline: 'newest' | '2024';
  retain: NonNullable<ScanOptions['retain']>;
  output?: string;
}

/** Exit statuses of the CLI. */
export const EXIT = { ok: 0, failOn: 1, usage: 2 } as const;

/** Runs the CLI with the given arguments (without node and script) and returns the exit status. */
export function run(argv: readonly string[]): number {
  let status: number = EXIT.ok;
  const program = new Command('cloudtrail-lens')
    .description('Flags the CloudTrail events that Elastic detection rules would alert on.')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => process.stdout.write(s),
      writeErr: (s) => process.stderr.write(visibleOutput(s)),
    });

  program.command('scan')
    .description('scan CloudTrail files or directories (.json, .jsonl, .ndjson, .json.gz)')
    .argument('<paths...>', 'files or directories to scan')
    .option('--rules <path>', 'a rule file (.toml) or a folder of them; repeatable', collect, [])
    .option('--no-builtin', 'do not load the built-in rule pack')
    .addOption(new Option('--format <format>', 'output format')
      .choices(['text', 'json', 'sarif', 'csv']).default('text'))
    .addOption(new Option('--fail-on <severity>', 'exit 1 on a finding of this severity or above')
      .choices(SEVERITY_ORDER))
    .option('--exceptions <file>', 'an exceptions file (.cloudtrail-lens/exceptions.json)')
    .addOption(new Option('--pipeline <version>', 'which ingest pipeline to reproduce')
      .choices(['newest', '2024']).default('newest'))
    .addOption(new Option('--retain <mode>', "the integration's retain option")
      .choices(['all', 'keyword', 'flattened', 'minimal', 'none']).default('all'))
    .option('--output <file>', 'write the results to a file instead of stdout')
    .action((paths: string[], options: ScanCommandOptions) => {
      status = scanCommand(paths, options);
    });

  try {
    program.parse(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    throw error;
  }

  return status;
}

/** The scan command: load rules, scan every file, print the report, decide the exit status. */
function scanCommand(paths: string[], options: ScanCommandOptions): number {
  // Rules first: a rule file that gives no rule is a usage error, reported before any scanning;
  // problems of files that still gave a rule (an override, an odd optional key) are warnings.
  const ruleSet = loadRuleSources(options.rules, options.builtin);
  for (const problem of ruleSet.problems) {
    const where = problem.line === undefined ? problem.source
      : `${problem.source}:${problem.line + 1}:${(problem.character ?? 0) + 1}`;
    const level = ruleSet.failed.includes(problem.source) ? 'error' : 'warning';
    warn(`${where}: ${level}: ${problem.message}`);
  }
  if (ruleSet.failed.length > 0) return EXIT.usage;
  if (ruleSet.rules.length === 0) {
    warn('cloudtrail-lens: warning: no rules loaded (--no-builtin without --rules): nothing '
      + 'can be flagged');
  }

  let files: string[];
  let exceptions: ScanOptions['exceptions'];
  try {
    files = expandPaths(paths);
    exceptions = options.exceptions ? loadExceptionsFile(options.exceptions) : undefined;
  } catch (error) {
    warn(`cloudtrail-lens: ${(error as Error).message}`);
    return EXIT.usage;
  }

  // Each file is read, scanned and dropped in turn, so memory follows the largest file.
  const loaded = prepareRules(ruleSet.rules);
  const report: ScanReport = { files: [], findings: [], suppressed: [], rules: ruleSet.rules };
  const progress = new Progress(files.length);
  let unreadable = false;

  const scanOptions: ScanOptions = { pruning: options.pipeline, retain: options.retain,
    exceptions };
  for (const path of files) {
    progress.start(path);

    // Large files are streamed in bounded memory when they are a plain list of records; the
    // streamed result is the one a whole-text scan gives (test/unit/fast), anything else
    // falls back to reading the file whole.
    const large = /\.gz$/i.test(path) || statSync(path).size >= STREAM_FROM_BYTES;
    let streamed: ReturnType<typeof scanFileStreamingSync>;
    try {
      streamed = large ? scanFileStreamingSync(path, loaded, scanOptions) : undefined;
    } catch (error) {
      // Corrupt gzip data or a gzip bomb: reading the file whole would only find it again.
      progress.warn(`${path}: error: cannot read: ${(error as Error).message}`);
      unreadable = true;
      continue;
    }
    if (streamed !== undefined) {
      const placed = placeStreamOutcome(path, streamed);
      report.files.push(placed.file);
      report.findings.push(...placed.findings);
      report.suppressed.push(...placed.suppressed);
      progress.done(streamed.characters);
      continue;
    }

    let text: string;
    let cut: TextProblem | undefined;
    try {
      const decoded = decodeBytes(readFileSync(path));
      if (path.toLowerCase().endsWith('.gz') && !decoded.compressed) {
        throw new Error('named .gz but not gzip-compressed');
      }
      text = decoded.text;
    } catch (error) {
      progress.warn(`${path}: error: cannot read: ${(error as Error).message}`);
      unreadable = true;
      if (!isCutGzipError(error)) continue;
      // A cut .json.gz: the events before the cut are still scanned, and the cut is placed
      // at the end of the text that came through.
      text = error.partialText;
      cut = { message: error.message, offset: text.length, severity: 'error' };
    }

    const result = scanText(text, loaded, scanOptions);
    if (cut !== undefined) result.problems.push(cut);
    const placed = placeScanResult(path, text, result);
    report.files.push(placed.file);
    report.findings.push(...placed.findings);
    report.suppressed.push(...placed.suppressed);
    progress.done(text.length);
  }
  progress.finish();

  const output = formatReport(report, options.format);
  if (options.output) writeFileSync(options.output, output);
  else process.stdout.write(output);

  if (unreadable) return EXIT.usage;
  if (options.failOn && meetsThreshold(report, options.failOn)) return EXIT.failOn;
  return EXIT.ok;
}

/** Whether any finding has the given severity or a higher one. */
function meetsThreshold(report: ScanReport, threshold: Severity): boolean {
  const min = SEVERITY_ORDER.indexOf(threshold);
  return report.findings.some((f) => SEVERITY_ORDER.indexOf(f.severity) >= min);
}

/** Commander collector for repeatable options. */
function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

// Run only as a program, not when a test imports the module.
if (require.main === module) {
  try {
    process.exitCode = run(process.argv.slice(2));
  } catch (error) {
    if (error instanceof InputError) {
      warn(`cloudtrail-lens: ${error.message}`);
      process.exitCode = EXIT.usage;
    } else {
      throw error;
    }
  }
}
