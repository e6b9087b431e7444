// The JSON export: a stable contract for scripts. Lines and characters are zero-based (UTF-16
// code units), as in the editor's API. Keys are only ever added, never renamed or removed.
import type { ClauseExplanation, JsonPlain, Range, Severity } from '../types';
import { prepareExport, type ExportFinding, type ExportInput } from './export-input';
import { summarize, type ExportSummary } from './summarize';

export interface JsonFinding {
  ruleId: string;
  ruleName: string;
  severity: Severity;
  riskScore: number;
  path: string;
  /** The record's eventID (event.id), or null when it has none. */
  eventId: string | null;
  eventIndex: number;
  range: Range;
  explanation: ClauseExplanation[];
  fields: { [ecsField: string]: JsonPlain };
}

export interface JsonSuppressedFinding extends JsonFinding {
  suppressedBy: { id: string; comment: string } | null;
}

export interface JsonReport {
  findings: JsonFinding[];
  suppressed: JsonSuppressedFinding[];
  files: { path: string; layout: string; events: number;
    errors: { message: string; line: number; character: number;
      severity: 'error' | 'warning' | 'note' }[] }[];
  rules: { id: string; name: string; severity: Severity; riskScore: number; supported: boolean;
    reason?: string;
    /** Caveats of a supported rule (empty for an unsupported one, whose reason says why). */
    warnings: string[] }[];
  summary: ExportSummary;
}

/** Builds the JSON export of a scan. */
export function toJson(input: ExportInput): JsonReport {
  const prepared = prepareExport(input);

  return {
    findings: prepared.active.map(toJsonFinding),
    suppressed: prepared.suppressed.map((f) => ({ ...toJsonFinding(f),
      suppressedBy: f.suppressedBy === undefined ? null
        : { id: f.suppressedBy.id, comment: f.suppressedBy.comment } })),
    files: prepared.files.map((f) => ({ path: f.path, layout: f.layout, events: f.events,
      errors: f.errors.map((e) => ({ message: e.message, line: e.line,
        character: e.character, severity: e.severity ?? 'error' })) })),
    // warnings comes after the older keys, so that their order stays as it was
    rules: prepared.rules.map((r) => ({ id: r.id, name: r.name, severity: r.severity,
      riskScore: r.riskScore, supported: r.support.supported,
      ...(r.support.reason === undefined ? {} : { reason: r.support.reason }),
      warnings: r.support.supported ? [...r.support.warnings] : [] })),
    summary: summarize(input),
  };
}

/** The name the CLI uses for toJson. */
export const toJsonReport = toJson;

function toJsonFinding(f: ExportFinding): JsonFinding {
  return {
    ruleId: f.ruleId,
    ruleName: f.ruleName,
    severity: f.severity,
    riskScore: f.riskScore,
    path: f.path,
    eventId: f.eventId ?? null,
    eventIndex: f.eventIndex,
    range: { start: { ...f.range.start }, end: { ...f.range.end } },
    explanation: f.explanation,
    fields: f.fields,
  };
}
