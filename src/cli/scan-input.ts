// Scans one input of the CLI: a file (streamed in bounded memory when it is large or gzip and
// a plain list of records, read whole otherwise) or standard input ("-", read whole, listed as
// <stdin>). What cannot be read becomes a reason in words, never an exception; the part of a
// cut .json.gz that came through is still scanned.
import { readFileSync, statSync } from 'node:fs';
import { placeScanResult, type FileReport, type PlacedFinding } from '../core/report';
import { scanText, type LoadedRule, type ScanOptions } from '../core/scan';
import { decodeKeepingCut, type KeptSource } from '../core/source/decode';
import { fileErrorReason } from './file-errors';
import { placeStreamOutcome, scanFileStreamingSync } from './stream-scan';
import { STDIN_ARGUMENT } from './walk';

/** How standard input is named in the report and in messages. */
export const STDIN_NAME = '<stdin>';

/** Files this large on disk, and every gzip file, are streamed rather than read whole. */
const STREAM_FROM_BYTES = 8 * 1024 * 1024;

/** What one input gave the report, and why it could not be read, whole or in part. */
export interface ScannedInput {
  /** The name the report lists: the path, or <stdin>. */
  name: string;
  /** The file's entry and findings; absent when nothing of it could be read. */
  placed?: { file: FileReport; findings: PlacedFinding[]; suppressed: PlacedFinding[] };
  /** Why the input could not be read (a cut .json.gz is still placed, up to the cut). */
  error?: string;
  /** Characters scanned, for the progress line's throughput. */
  characters: number;
}

/** The name the report and the messages give an input argument. */
export function inputName(path: string): string {
  return path === STDIN_ARGUMENT ? STDIN_NAME : path;
}

/** Scans one input named by expandInputs. */
export function scanInput(path: string, rules: readonly LoadedRule[],
  options: ScanOptions): ScannedInput {
  if (path === STDIN_ARGUMENT) {
    // fd 0 is read to its end; a document on a terminal ends with Ctrl-D
    return scanWhole(STDIN_NAME, () => readFileSync(0), rules, options);
  }

  // The file may have gone since the arguments were expanded.
  let size: number;
  try {
    size = statSync(path).size;
  } catch (error) {
    return { name: path, error: fileErrorReason(error), characters: 0 };
  }

  // The streamed result is the one a whole-text scan gives (test/unit/fast); a file that is not
  // a plain list of records falls back to being read whole.
  if (/\.gz$/i.test(path) || size >= STREAM_FROM_BYTES) {
    let streamed: ReturnType<typeof scanFileStreamingSync>;
    try {
      streamed = scanFileStreamingSync(path, rules, options);
    } catch (error) {
      // Corrupt gzip data or a gzip bomb: reading the file whole would only find it again.
      return { name: path, error: fileErrorReason(error), characters: 0 };
    }
    if (streamed !== undefined) {
      return { name: path, placed: placeStreamOutcome(path, streamed),
        characters: streamed.characters };
    }
  }

  return scanWhole(path, () => readFileSync(path), rules, options);
}

/** Reads an input whole, decodes it (gzip, UTF-16...) and scans the text. */
function scanWhole(name: string, read: () => Buffer, rules: readonly LoadedRule[],
  options: ScanOptions): ScannedInput {
  // A cut .json.gz keeps its events before the cut, the cut placed at the end of that text;
  // the cut still counts as an input error (the exit status says the file was not whole).
  let decoded: KeptSource;
  try {
    decoded = decodeKeepingCut(read());
    if (name.toLowerCase().endsWith('.gz') && !decoded.compressed) {
      throw new Error('named .gz but not gzip-compressed');
    }
  } catch (failure) {
    return { name, error: fileErrorReason(failure), characters: 0 };
  }
  const { text, cut } = decoded;
  const error = cut?.message;

  const result = scanText(text, rules, options);
  if (cut !== undefined) result.problems.push(cut);
  return { name, placed: placeScanResult(name, text, result), error, characters: text.length };
}
