// `npm run bench`: measures the engine against JSON.parse and jq on generated CloudTrail files
// (a 50 MB one-line {"Records":[...]} file, its pretty-printed twin, a 500 MB .json.gz set)
// and prints every figure of one run; `-- --json` prints them as one JSON object on stdout,
// everything else going to stderr. See bench/README.md.
//
// Options: --json; --dir <folder> (default: <tmp>/cloudtrail-lens-bench, reused when the
// settings match); --scale <factor> (sizes times factor, e.g. 0.1 for a quick run);
// --reference (also time the plain reference path, slow); --no-jq; --no-cli; --from <json>
// (print a report saved with --json as text).
import { cpus, loadavg, tmpdir } from 'node:os';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadRuleTexts } from '../src/core/rules';
import { prepareRules, type LoadedRule } from '../src/core/scan';
import { runChild, runCli, type CliRun } from './children';
import {
  FULL_SIZE, prepareInputs, type Inputs, type InputSettings, type TextInput,
} from './inputs';
import { jqAvailable, runJq, runJqOnGz, type JqRun } from './jq';
import { measureGz, type GzFigures } from './measure-gz';
import { measureText, type TextFigures } from './measure-text';
import { formatReport } from './report';

const RULE_FILE = 'discovery_ec2_deprecated_ami_discovery.toml';

/** Figures of one text input, with its baselines and ratios. */
export interface TextReport extends TextFigures {
  input: TextInput;
  /** Later scans (median) over JSON.parse (median), both timed in turns in one process. */
  engineVsJsonParse: number;
  /** The first scan of a fresh process over JSON.parse. */
  engineColdVsJsonParse: number;
  megabytesPerSecond: number;
  enginePeakRssToFileSize: number;
  jq?: JqRun & { engineVsJq: number; engineColdVsJq: number };
  referenceVsEngine?: number;
}

/** Figures of the .json.gz set. */
export interface GzReport extends GzFigures {
  compressedBytes: number;
  bytes: number;
  expectedMatches: number;
  /** scanTextFast over JSON.parse, both on the decompressed texts. */
  engineVsJsonParse: number;
  /** The streamed scan (with reading and gunzip) over gunzip plus JSON.parse. */
  streamVsGunzipJsonParse: number;
  /** Uncompressed megabytes per second of the streamed scan. */
  streamMegabytesPerSecond: number;
  jq?: JqRun & { streamVsJq: number };
  cli?: CliRun & { megabytesPerSecond: number };
}

/** Everything one run measured. */
export interface BenchReport {
  machine: { node: string; cpus: number; cpuModel: string; jq: boolean;
    /** 1-minute load averages when the run started and ended (other work skews timings). */
    loadBefore: number; loadAfter: number };
  settings: InputSettings;
  oneLine: TextReport;
  pretty: TextReport;
  gzSet: GzReport;
}

interface Options {
  json: boolean;
  dir: string;
  scale: number;
  reference: boolean;
  jq: boolean;
  cli: boolean;
}

async function main(argv: readonly string[]): Promise<void> {
  if (argv[0] === '--child') {
    process.stdout.write(JSON.stringify(await child(argv.slice(1))));
    return;
  }

  // A saved --json report, printed for people.
  const from = argv.indexOf('--from');
  if (from >= 0) {
    process.stdout.write(formatReport(JSON.parse(readFileSync(argv[from + 1], 'utf8')) as
      BenchReport));
    return;
  }

  const options = parseOptions(argv);
  const log = (line: string): void => { process.stderr.write(`${line}\n`); };
  const loadBefore = loadavg()[0];
  const settings = scaled(FULL_SIZE, options.scale);
  const inputs = prepareInputs(options.dir, settings, log);
  const jq = options.jq && jqAvailable();
  if (options.jq && !jq) log('jq is not installed: the jq comparison is left out');

  log(`measuring ${inputs.oneLine.name}`);
  const oneLine = textReport(inputs.oneLine, options, jq);
  log(`measuring ${inputs.pretty.name}`);
  const pretty = textReport(inputs.pretty, options, jq);
  log(`measuring the .json.gz set (${inputs.gz.files.length} files)`);
  const gzSet = gzReport(inputs, options, jq, log);

  const report: BenchReport = {
    machine: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '', jq,
      loadBefore, loadAfter: loadavg()[0] },
    settings, oneLine, pretty, gzSet,
  };
  if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(formatReport(report));
}

/** A measurement in this (child) process: `text <file> [--reference]` or `gz <files...>`. */
async function child(args: readonly string[]): Promise<TextFigures | GzFigures> {
  const rules = builtinRules();
  if (args[0] === 'text') return measureText(args[1], rules, args.includes('--reference'));
  return measureGz(args.slice(1), rules);
}

function textReport(input: TextInput, options: Options, jq: boolean): TextReport {
  const args = ['text', input.file, ...(options.reference ? ['--reference'] : [])];
  const figures = runChild<TextFigures>(args);
  const run = jq ? runJq(input.file) : undefined;
  const report: TextReport = {
    input, ...figures,
    engineVsJsonParse: figures.engineMs / figures.jsonParseMs,
    engineColdVsJsonParse: figures.engineColdMs / figures.jsonParseMs,
    megabytesPerSecond: input.bytes / 1e6 / (figures.engineMs / 1000),
    enginePeakRssToFileSize: figures.enginePeakRssBytes / input.bytes,
  };
  if (figures.referenceMs !== undefined) {
    report.referenceVsEngine = figures.referenceMs / figures.engineMs;
  }
  if (run) {
    report.jq = { ...run, engineVsJq: figures.engineMs / run.ms,
      engineColdVsJq: figures.engineColdMs / run.ms };
  }
  return report;
}

function gzReport(inputs: Inputs, options: Options, jq: boolean,
  log: (line: string) => void): GzReport {
  const { gz } = inputs;
  const figures = runChild<GzFigures>(['gz', ...gz.files]);
  const report: GzReport = {
    ...figures, compressedBytes: gz.compressedBytes, bytes: gz.bytes,
    expectedMatches: gz.matches,
    engineVsJsonParse: figures.engineMs / figures.jsonParseMs,
    streamVsGunzipJsonParse: figures.streamMs / (figures.decompressMs + figures.jsonParseMs),
    streamMegabytesPerSecond: gz.bytes / 1e6 / (figures.streamMs / 1000),
  };

  if (jq) {
    log('running jq on the .json.gz set');
    const run = runJqOnGz(gz.files);
    if (run) report.jq = { ...run, streamVsJq: figures.streamMs / run.ms };
  }
  if (options.cli) {
    log(`running the CLI on ${gz.folder}`);
    const cli = runCli(path.resolve(__dirname, 'cli.js'), gz.folder, options.dir);
    report.cli = { ...cli, megabytesPerSecond: gz.bytes / 1e6 / (cli.ms / 1000) };
  }
  return report;
}

/** The built-in rule, loaded the way the front ends load the pack. */
function builtinRules(): LoadedRule[] {
  const file = path.resolve(__dirname, '../src/rules', RULE_FILE);
  const loaded = loadRuleTexts([{ text: readFileSync(file, 'utf8'), source: `builtin:${RULE_FILE}`,
    builtin: true }]);
  if (loaded.problems.length > 0) throw new Error(loaded.problems[0].message);
  return prepareRules(loaded.rules);
}

function parseOptions(argv: readonly string[]): Options {
  const valueOf = (name: string): string | undefined => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const scale = Number(valueOf('--scale') ?? '1');
  if (!(scale > 0)) throw new Error('--scale needs a positive number');

  const defaultDir = path.join(tmpdir(), scale === 1 ? 'cloudtrail-lens-bench'
    : `cloudtrail-lens-bench-x${scale}`);
  return {
    json: argv.includes('--json'), dir: valueOf('--dir') ?? defaultDir, scale,
    reference: argv.includes('--reference'), jq: !argv.includes('--no-jq'),
    cli: !argv.includes('--no-cli'),
  };
}

function scaled(settings: InputSettings, factor: number): InputSettings {
  return { ...settings, textBytes: Math.round(settings.textBytes * factor),
    gzFileBytes: Math.round(settings.gzFileBytes * factor) };
}

// Only the benchmark entry point runs main; the figures' types are shared with the report.
if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.stack ?? error.message
      : String(error)}\n`);
    process.exitCode = 1;
  });
}
