// Which files "Scan Workspace" reads, and in what order. Pure: workspace.findFiles does the
// search with these globs, and selectScanFiles makes the list safe and stable whatever the
// search returned (duplicates, the exceptions file, folders that must never be read).
import { isScannedName, SCANNED_NAMES_GLOB } from '../core/source/scanned-names';
import { isExceptionsFilePath } from './exception-diagnostics';

/** The files a scan looks at: those the CLI's walk picks up (core/source/scanned-names.ts). */
export const SCAN_INCLUDE_GLOB = SCANNED_NAMES_GLOB;

/**
 * Folders never searched. A string exclude keeps files.exclude in force (only `null` turns
 * the default excludes off); node_modules is full of package.json files that are not logs.
 */
export const SCAN_EXCLUDE_GLOB = '**/node_modules/**';

/** The most files one scan reads; a workspace with more is scanned in part, and told so. */
export const MAX_SCAN_FILES = 20_000;

const EXCLUDED_SEGMENT = /(^|\/)(node_modules|\.git)\//;

/** A file the search found: its URI and the path part of the URI. */
export interface ScanCandidate {
  uri: string;
  path: string;
}

/** What a scan will read, and how many files the search returned beyond the cap. */
export interface ScanSelection {
  files: ScanCandidate[];
  /** Files left out because the search hit MAX_SCAN_FILES (the search may have found more). */
  truncated: boolean;
}

/**
 * The files to scan: scanned extensions only, never the exceptions file or anything under
 * node_modules or .git, each URI once, ordered by path (then URI, for several roots) so that
 * progress and results come in the same order every time.
 */
export function selectScanFiles(found: readonly ScanCandidate[],
  limit = MAX_SCAN_FILES): ScanSelection {
  const seen = new Set<string>();
  const files = found.filter((file) => {
    if (seen.has(file.uri)) return false;
    seen.add(file.uri);
    return isScannedName(file.path) && !EXCLUDED_SEGMENT.test(file.path) &&
      !isExceptionsFilePath(file.path);
  }).sort((a, b) => compareText(a.path, b.path) || compareText(a.uri, b.uri));

  return { files: files.slice(0, limit), truncated: files.length > limit || found.length >= limit };
}

/** What one scan did; the command returns it (extension-host tests read it). */
export interface ScanOutcome {
  /** Files the search returned that have a scanned extension. */
  candidates: number;
  /** CloudTrail files scanned. */
  scanned: number;
  /** Files that are not CloudTrail (other JSON, digest files). */
  skipped: number;
  /** Files that could not be read or decompressed. */
  unreadable: number;
  events: number;
  findings: number;
  suppressed: number;
  cancelled: boolean;
  /** The search stopped at MAX_SCAN_FILES files. */
  truncated: boolean;
}

/** The notification at the end of a scan: what was found, in how many files, how it ended. */
export function describeScanOutcome(outcome: ScanOutcome): string {
  const stopped = outcome.cancelled ? ' Cancelled: the view shows the files scanned so far.'
    : outcome.truncated ? ` Stopped at ${MAX_SCAN_FILES} files.` : '';
  const unreadable = outcome.unreadable > 0
    ? `, ${count(outcome.unreadable, 'file')} could not be read` : '';
  return `CloudTrail Lens: ${count(outcome.findings, 'finding')} and ${outcome.suppressed} ` +
    `suppressed in ${count(outcome.scanned, 'CloudTrail file')} ` +
    `(${count(outcome.events, 'event')}; ${count(outcome.skipped, 'other file')} skipped` +
    `${unreadable}).${stopped}`;
}

/** The progress increment per file, so that a whole scan adds up to 100. */
export function progressIncrement(total: number): number {
  return total === 0 ? 100 : 100 / total;
}

function count(n: number, noun: string): string {
  return `${n} ${n === 1 ? noun : `${noun}s`}`;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
