// cloudtrail-lens: the command-line front end on the core engine. Results go to stdout; logs,
// progress and errors to stderr. Exit 0 when the scan ran, 1 when --fail-on is met, 2 for usage
// errors and for any input that is missing, unreadable or broken (a path, a rule file or query,
// an exceptions file or item, an --output that cannot be written, no file to scan at all).
import { Command, CommanderError, Option } from 'commander';
import { writeFileSync } from 'node:fs';
import { version } from '../../package.json';
import { SCANNED_NAMES_TEXT } from '../core/source/scanned-names';
import type { ScanReport } from '../core/report';
import { prepareRules, type LoadedRule, type ScanOptions } from '../core/scan';
import type { Severity } from '../core/types';
import { loadExceptionsFile, type LoadedExceptions } from './exceptions-file';
import { fileErrorReason } from './file-errors';
import { formatForOutput, formatReport, type OutputFormat } from './formats';
import { Progress, visibleOutput, warn } from './progress';
import { loadRuleSources } from './rule-files';
import { inputName, scanInput } from './scan-input';
import { expandInputs, InputError, type ExpandedPaths } from './walk';

const SEVERITY_ORDER: Severity[] = ['low', 'medium', 'high', 'critical'];

interface ScanCommandOptions {
  rules: string[];
  builtin: boolean;
  /** Absent when not given: the --output file's extension decides (formatForOutput). */
  format?: OutputFormat;
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
    .version(version, '-V, --version', 'print the version of cloudtrail-lens')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => process.stdout.write(s),
      writeErr: (s) => process.stderr.write(visibleOutput(s)),
    });

  const scan = program.command('scan')
    .description('scan CloudTrail files or directories (.json, .jsonl, .ndjson, .json.gz)')
    .argument('<paths...>', 'files or directories to scan; - reads one document from stdin')
    .option('--rules <path>', 'a rule file (.toml) or a folder of them; repeatable', collect, [])
    .option('--no-builtin', 'do not load the built-in rule pack')
    .addOption(new Option('--format <format>', 'output format (default: from the --output '
      + 'file\'s extension, .json, .sarif or .csv; otherwise text)')
      .choices(['text', 'json', 'sarif', 'csv']))
    .addOption(new Option('--fail-on <severity>', 'exit 1 on a finding of this severity or above')
      .choices(SEVERITY_ORDER))
    .option('--exceptions <file>', 'an exceptions file (.cloudtrail-lens/exceptions.json)')
    .addOption(new Option('--pipeline <version>', 'which ingest pipeline to reproduce')
      .choices(['newest', '2024']).default('newest'))
    .addOption(new Option('--retain <mode>', "the integration's retain option (newest pipeline "
      + 'only)')
      .choices(['all', 'keyword', 'flattened', 'minimal', 'none']).default('all'))
    .option('--output <file>', 'write the results to a file instead of stdout')
    .action((paths: string[], options: ScanCommandOptions) => {
      status = scanCommand(paths, options, scan);
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

/** The scan command: load rules, scan every input, write the report, decide the exit status. */
function scanCommand(paths: string[], options: ScanCommandOptions, command: Command): number {
  // Without a rule nothing can be flagged, and a green scan that could flag nothing misleads.
  if (!options.builtin && options.rules.length === 0) {
    command.error('error: --no-builtin needs at least one --rules PATH: without a rule nothing '
      + 'can be flagged', { exitCode: EXIT.usage, code: 'cloudtrail-lens.noRules' });
  }

  // The 2024 pipeline has no retain option (ecs-mapping.md, section 7): accepting one would
  // promise a mapping that pipeline never makes.
  if (options.pipeline === '2024' && options.retain !== 'all') {
    command.error(`error: --retain ${options.retain} needs --pipeline newest: the 2024 pipeline `
      + 'has no retain option', { exitCode: EXIT.usage, code: 'cloudtrail-lens.retain2024' });
  }

  const rules = loadScanRules(options);
  if (rules === undefined) return EXIT.usage;

  let inputs: ExpandedPaths;
  let exceptions: LoadedExceptions | undefined;
  try {
    inputs = expandInputs(paths, { stdin: true });
    const ruleIds = new Set(rules.loaded.map((item) => item.rule.id));
    exceptions = options.exceptions
      ? loadExceptionsFile(options.exceptions, new Date(), process.stderr, ruleIds) : undefined;
  } catch (error) {
    warn(`cloudtrail-lens: ${(error as Error).message}`);
    return EXIT.usage;
  }

  // A security scan that read nothing must not pass: each empty folder is named, and no file
  // at all is an error.
  for (const folder of inputs.emptyDirectories) {
    warn(`cloudtrail-lens: warning: no ${SCANNED_NAMES_TEXT} in ${folder}`);
  }
  if (inputs.files.length === 0) {
    warn('cloudtrail-lens: error: no file to scan');
    return EXIT.usage;
  }

  const scanOptions: ScanOptions = { pruning: options.pipeline, retain: options.retain,
    exceptions: exceptions?.matcher };
  const { report, unreadable } = scanInputs(inputs.files, rules.loaded, scanOptions);

  const format = options.format ?? formatForOutput(options.output);
  if (!writeReport(formatReport(report, format), options.output)) return EXIT.usage;

  // The results are written first, so that a broken rule or exception item still leaves them.
  if (unreadable || rules.broken || (exceptions?.errors ?? 0) > 0) return EXIT.usage;
  if (options.failOn && meetsThreshold(report, options.failOn)) return EXIT.failOn;
  return EXIT.ok;
}

/**
 * Loads and compiles the rules, writing their problems to stderr. Undefined (a usage error,
 * before any scanning) when a rule file gave no rule or no rule loaded at all; `broken` when a
 * rule loaded but its query cannot run (listed as unsupported, and the exit status is 2).
 */
function loadScanRules(options: ScanCommandOptions):
  { loaded: LoadedRule[]; broken: boolean } | undefined {
  const ruleSet = loadRuleSources(options.rules, options.builtin);
  let broken = false;
  for (const problem of ruleSet.problems) {
    const where = problem.line === undefined ? problem.source
      : `${problem.source}:${problem.line + 1}:${(problem.character ?? 0) + 1}`;
    // Problems without a severity are bad optional values of a rule that still loaded.
    const error = ruleSet.failed.includes(problem.source) || problem.severity === 'error';
    broken ||= error;
    warn(`${where}: ${error ? 'error' : 'warning'}: ${problem.message}`);
  }
  if (ruleSet.failed.length > 0) return undefined;
  if (ruleSet.rules.length === 0) {
    warn('cloudtrail-lens: error: no rules loaded: nothing can be flagged');
    return undefined;
  }

  const loaded = prepareRules(ruleSet.rules);
  warnRuleCaveats(loaded);
  if (loaded.every((item) => item.query === undefined)) {
    warn('cloudtrail-lens: warning: none of the loaded rules can be evaluated: nothing can be '
      + 'flagged');
  }
  return { loaded, broken };
}

/**
 * Prints each evaluated rule's caveats once, so that a rule whose clauses can never hold here
 * (enrichment, an unknown field) is not taken for a clean result.
 */
function warnRuleCaveats(loaded: readonly LoadedRule[]): void {
  for (const { rule } of loaded) {
    if (!rule.support.supported) continue;
    for (const caveat of rule.support.warnings) {
      warn(`${rule.source}: warning: rule "${rule.name}": ${caveat}`);
    }
  }
}

/** Scans the inputs in turn (each read, scanned and dropped, so memory follows the largest). */
function scanInputs(paths: readonly string[], rules: readonly LoadedRule[],
  options: ScanOptions): { report: ScanReport; unreadable: boolean } {
  const report: ScanReport = { files: [], findings: [], suppressed: [],
    rules: rules.map((item) => item.rule) };
  const progress = new Progress(paths.length);
  let unreadable = false;

  for (const path of paths) {
    progress.start(inputName(path));
    const scanned = scanInput(path, rules, options);
    if (scanned.error !== undefined) {
      progress.warn(`${scanned.name}: error: cannot read: ${scanned.error}`);
      unreadable = true;
    }
    if (scanned.placed === undefined) continue;

    report.files.push(scanned.placed.file);
    report.findings.push(...scanned.placed.findings);
    report.suppressed.push(...scanned.placed.suppressed);
    progress.done(scanned.characters);
  }

  progress.finish();
  return { report, unreadable };
}

/** Writes the report to the --output file or stdout; false (with a line on stderr) if it fails. */
function writeReport(output: string, file: string | undefined): boolean {
  if (file === undefined) {
    process.stdout.write(output);
    return true;
  }

  try {
    writeFileSync(file, output);
    return true;
  } catch (error) {
    warn(`cloudtrail-lens: cannot write ${file}: ${fileErrorReason(error)}`);
    return false;
  }
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

/**
 * Handles a failed write to stdout, which node reports later as an event: a reader that went
 * away (`| head`) ends the output quietly; any other failure is a report that was not written.
 */
function onStdoutError(error: NodeJS.ErrnoException): void {
  if (error.code === 'EPIPE') return;
  warn(`cloudtrail-lens: cannot write the standard output: ${fileErrorReason(error)}`);
  process.exitCode = EXIT.usage;
}

// Run only as a program, not when a test imports the module.
if (require.main === module) {
  process.stdout.on('error', onStdoutError);
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
