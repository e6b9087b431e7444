// The results the Findings view, the exports and the summary work from: one per analysed file,
// placed by the core (placeScanResult), from two sources. Open documents (and files analysed
// from disk on request) are live; a workspace scan is a snapshot. Where both know a file, the
// live result wins, since it follows the editor. Pure: URIs are plain strings here.
import { placeScanResult, type FileReport, type PlacedFinding, type ScanReport }
  from '../core/report';
import type { Rule, ScanResult } from '../core/types';

/** Where a result came from. */
export type ResultOrigin = 'editor' | 'disk' | 'workspace-scan';

/** One analysed file. */
export interface FileResult {
  /** Where findings are revealed: the document, or the decompressed view of a .json.gz. */
  uri: string;
  /** The file itself (the .json.gz behind a decompressed view), for paths in exports. */
  sourceUri: string;
  origin: ResultOrigin;
  /** The core's placement; `file.path` and each finding's `path` are `uri`. */
  file: FileReport;
  findings: readonly PlacedFinding[];
  suppressed: readonly PlacedFinding[];
}

/** Places a scan result of `text` (the text the spans point into). */
export function toFileResult(uri: string, sourceUri: string, origin: ResultOrigin, text: string,
  result: ScanResult): FileResult {
  const placed = placeScanResult(uri, text, result);
  return { uri, sourceUri, origin, file: placed.file, findings: placed.findings,
    suppressed: placed.suppressed };
}

/** The result of a file that could not be read or decoded: no events, one error. */
export function unreadableResult(uri: string, sourceUri: string, message: string): FileResult {
  return {
    uri, sourceUri, origin: 'workspace-scan',
    file: { path: uri, layout: 'unknown', events: 0,
      errors: [{ message, line: 0, character: 0, severity: 'error' }] },
    findings: [], suppressed: [],
  };
}

/** Live results, then the scanned files no live result covers; each list keeps its order. */
export function mergeResults(live: readonly FileResult[],
  scanned: readonly FileResult[]): FileResult[] {
  const covered = new Set(live.map((r) => r.uri));
  return [...live, ...scanned.filter((r) => !covered.has(r.uri))];
}

/**
 * A ScanReport of the results for the core's exporters: paths are what `pathOf` says (the
 * path relative to the workspace folder), files in path order, and `rules` as given.
 */
export function buildScanReport(results: readonly FileResult[], rules: readonly Rule[],
  pathOf: (result: FileResult) => string): ScanReport {
  const report: ScanReport = { files: [], findings: [], suppressed: [], rules: [...rules] };
  const ordered = results.map((result) => ({ result, path: pathOf(result) }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  for (const { result, path } of ordered) {
    report.files.push({ ...result.file, path });
    report.findings.push(...result.findings.map((f) => ({ ...f, path })));
    report.suppressed.push(...result.suppressed.map((f) => ({ ...f, path })));
  }
  return report;
}
