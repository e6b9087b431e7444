// Writes the benchmark's inputs into a folder, deterministically: a one-line {"Records":[...]}
// file, its pretty-printed twin, and a set of .json.gz files. A manifest records how they
// were made, so that a later run with the same settings reuses them instead of rebuilding.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildRecordsText } from './records-text';

/** Bump when the generator's output changes, so that old inputs are not reused. */
const GENERATOR_VERSION = 4;

/** Sizes and seed of one benchmark's inputs. */
export interface InputSettings {
  seed: number;
  /** UTF-8 size of the one-line file. */
  textBytes: number;
  gzFiles: number;
  /** Uncompressed UTF-8 size of each .json.gz file. */
  gzFileBytes: number;
}

/** The settings of a full-size run: the sizes the issue asks for. */
export const FULL_SIZE: InputSettings = {
  seed: 20261203, textBytes: 50_000_000, gzFiles: 20, gzFileBytes: 25_000_000,
};

/** One generated text input and what the rule must find in it. */
export interface TextInput {
  name: string;
  file: string;
  bytes: number;
  events: number;
  matches: number;
}

/** Everything the benchmark reads. */
export interface Inputs {
  oneLine: TextInput;
  pretty: TextInput;
  gz: { folder: string; files: string[]; compressedBytes: number; bytes: number;
    events: number; matches: number };
}

interface Manifest {
  version: number;
  settings: InputSettings;
  inputs: Inputs;
}

/** Builds the inputs in `folder`, or reuses them when they were built with the same settings. */
export function prepareInputs(folder: string, settings: InputSettings,
  log: (line: string) => void): Inputs {
  const manifestFile = path.join(folder, 'manifest.json');
  if (existsSync(manifestFile)) {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
    if (manifest.version === GENERATOR_VERSION
      && JSON.stringify(manifest.settings) === JSON.stringify(settings)
      && allExist(manifest.inputs)) {
      log(`reusing the inputs in ${folder}`);
      return manifest.inputs;
    }
  }

  rmSync(folder, { recursive: true, force: true });
  mkdirSync(path.join(folder, 'gz'), { recursive: true });

  log(`generating a ${mb(settings.textBytes)} one-line file and its pretty-printed twin`);
  const oneLine = writeText(folder, 'records-one-line.json', settings, 0);
  const pretty = writeText(folder, 'records-pretty.json', settings, 2, oneLine.events);

  log(`generating ${settings.gzFiles} .json.gz files of ${mb(settings.gzFileBytes)}`);
  const gz = writeGzSet(path.join(folder, 'gz'), settings);

  const inputs: Inputs = { oneLine, pretty, gz };
  writeFileSync(manifestFile, JSON.stringify({ version: GENERATOR_VERSION, settings, inputs },
    null, 2));
  return inputs;
}

// The pretty twin holds the same records (`count` of them), so it is the larger file.
function writeText(folder: string, name: string, settings: InputSettings, indent: number,
  count?: number): TextInput {
  const generated = buildRecordsText({ seed: settings.seed, targetBytes: settings.textBytes,
    indent, count });
  const file = path.join(folder, name);
  writeFileSync(file, generated.text);
  return { name, file, bytes: Buffer.byteLength(generated.text), events: generated.events,
    matches: generated.matching.length };
}

// S3 delivery names its objects <account>_CloudTrail_<region>_<time>_<id>.json.gz.
function writeGzSet(folder: string, settings: InputSettings): Inputs['gz'] {
  const files: string[] = [];
  let compressedBytes = 0;
  let bytes = 0;
  let events = 0;
  let matches = 0;

  for (let i = 0; i < settings.gzFiles; i++) {
    const generated = buildRecordsText({ seed: settings.seed + 1000 + i,
      targetBytes: settings.gzFileBytes });
    const name = `111122223333_CloudTrail_us-east-1_20261120T${String(i).padStart(4, '0')}Z_`
      + `bench${i}.json.gz`;
    const file = path.join(folder, name);
    const compressed = gzipSync(generated.text);
    writeFileSync(file, compressed);

    files.push(file);
    compressedBytes += compressed.length;
    bytes += Buffer.byteLength(generated.text);
    events += generated.events;
    matches += generated.matching.length;
  }
  return { folder, files, compressedBytes, bytes, events, matches };
}

function allExist(inputs: Inputs): boolean {
  return [inputs.oneLine.file, inputs.pretty.file, ...inputs.gz.files].every((f) => existsSync(f));
}

/** Bytes as megabytes (10^6), for messages. */
export function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0)} MB`;
}
