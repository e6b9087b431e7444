// What every export format reads: the scanned files, their findings placed at zero-based lines
// and characters, and the rules. Structurally a ScanReport (src/core/report.ts) fits, and so
// does a list of loaded rules ({ rule }) in place of plain rules.
import type { Finding, Range, Rule } from '../types';

/** One scanned file. */
export interface ExportFile {
  path: string;
  layout: string;
  events: number;
  /** Problems in the file, at zero-based lines and characters. */
  errors: { message: string; line: number; character: number;
    severity?: 'error' | 'warning' | 'note' }[];
}

/** A finding placed in its file; `suppressedBy` (from Finding) marks a suppressed one. */
export interface ExportFinding extends Finding {
  path: string;
  /** The finding's span as zero-based lines and characters (UTF-16 code units). */
  range: Range;
}

export interface ExportInput {
  files: readonly ExportFile[];
  /** Findings; those with `suppressedBy` are treated as suppressed. */
  findings: readonly ExportFinding[];
  /** Suppressed findings, when the caller keeps them apart. */
  suppressed?: readonly ExportFinding[];
  rules: readonly (Rule | { rule: Rule })[];
}

/** The input in one canonical form, findings in a stable order. */
export interface PreparedExport {
  files: readonly ExportFile[];
  /** Active findings then suppressed ones, each sorted by file, position and rule. */
  active: ExportFinding[];
  suppressed: ExportFinding[];
  rules: Rule[];
  ruleById: Map<string, Rule>;
}

/** Normalises an export input: rules unwrapped, suppressed findings apart, stable order. */
export function prepareExport(input: ExportInput): PreparedExport {
  const rules = input.rules.map((r) => 'rule' in r ? r.rule : r);
  const all = [...input.findings, ...(input.suppressed ?? [])];

  const fileOrder = new Map(input.files.map((f, i) => [f.path, i]));
  const order = (f: ExportFinding): number => fileOrder.get(f.path) ?? input.files.length;
  const sorted = all
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => order(a.finding) - order(b.finding)
      || compareText(a.finding.path, b.finding.path)
      || a.finding.range.start.line - b.finding.range.start.line
      || a.finding.range.start.character - b.finding.range.start.character
      || compareText(a.finding.ruleId, b.finding.ruleId)
      || a.index - b.index)
    .map((s) => s.finding);

  const suppressedSet = new Set(input.suppressed ?? []);
  const isSuppressed = (f: ExportFinding): boolean =>
    f.suppressedBy !== undefined || suppressedSet.has(f);
  return {
    files: input.files,
    active: sorted.filter((f) => !isSuppressed(f)),
    suppressed: sorted.filter(isSuppressed),
    rules,
    ruleById: new Map(rules.map((r) => [r.id, r])),
  };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
