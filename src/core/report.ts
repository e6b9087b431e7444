// Turns scan results (offsets) into reports (zero-based lines and characters), the form both
// front ends and every export format share.
import { LineIndex } from './positions';
import type { Finding, LayoutKind, Range, Rule, ScanResult, Span } from './types';

/** A problem in a file, placed for display. */
export interface FileError {
  message: string;
  line: number;
  character: number;
  severity: 'error' | 'warning' | 'note';
}

/** What one scanned file contributed. */
export interface FileReport {
  path: string;
  layout: LayoutKind;
  events: number;
  errors: FileError[];
}

/** A finding placed in its file. */
export interface PlacedFinding extends Finding {
  path: string;
  range: Range;
}

/** Everything a scan of several files produced, ready for any output format. */
export interface ScanReport {
  files: FileReport[];
  findings: PlacedFinding[];
  suppressed: PlacedFinding[];
  rules: Rule[];
}

/** Converts a span to a range with a line index built once per text. */
export function spanToRange(lines: LineIndex, span: Span): Range {
  return { start: lines.positionAt(span.start), end: lines.positionAt(span.end) };
}

/** Places a file's scan result: offsets become zero-based lines and characters. */
export function placeScanResult(path: string, text: string, result: ScanResult):
  { file: FileReport; findings: PlacedFinding[]; suppressed: PlacedFinding[] } {
  const lines = new LineIndex(text);

  const errors = result.problems.map((p) => {
    const at = lines.positionAt(p.offset);
    return { message: p.message, line: at.line, character: at.character, severity: p.severity };
  });

  const place = (f: Finding): PlacedFinding => ({ ...f, path, range: spanToRange(lines, f.span) });
  const file = { path, layout: result.layout, events: result.events, errors };

  return { file, findings: result.findings.map(place), suppressed: result.suppressed.map(place) };
}
