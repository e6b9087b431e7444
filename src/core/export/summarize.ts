// Counts for the summary view and the CLI: by rule, severity, tactic, principal and source
// address, and the time span of the flagged events. Suppressed findings are counted apart.
import type { Severity } from '../types';
import { prepareExport, type ExportInput } from './export-input';
import { principalOf, sourceAddressOf, timestampOf } from './finding-fields';
import { parseTimestamp } from './timestamps';

export interface ValueCount {
  value: string;
  count: number;
}

export interface ExportSummary {
  files: number;
  events: number;
  /** Problems reported in the files (damaged events, unreadable layouts...). */
  fileErrors: number;
  findings: number;
  suppressed: number;
  /** Distinct events with at least one active finding. */
  eventsWithFindings: number;
  bySeverity: Record<Severity, number>;
  byRule: { ruleId: string; ruleName: string; severity: Severity; riskScore: number;
    count: number; suppressed: number }[];
  byTactic: { id: string; name: string; count: number }[];
  byPrincipal: ValueCount[];
  bySourceAddress: ValueCount[];
  /** The earliest and latest @timestamp of the active findings, as written in the events. */
  firstSeen?: string;
  lastSeen?: string;
}

/** Summarises the findings of an export (active findings counted, suppressed apart). */
export function summarize(input: ExportInput): ExportSummary {
  const prepared = prepareExport(input);
  const bySeverity: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  const byRule = new Map<string, ExportSummary['byRule'][0]>();
  const byTactic = new Map<string, { id: string; name: string; count: number }>();
  const principals = new Map<string, number>();
  const addresses = new Map<string, number>();
  const events = new Set<string>();
  let first: { text: string; at: number } | undefined;
  let last: { text: string; at: number } | undefined;

  const ruleEntry = (f: { ruleId: string; ruleName: string; severity: Severity;
    riskScore: number }): ExportSummary['byRule'][0] => {
    let entry = byRule.get(f.ruleId);
    if (entry === undefined) {
      entry = { ruleId: f.ruleId, ruleName: f.ruleName, severity: f.severity,
        riskScore: f.riskScore, count: 0, suppressed: 0 };
      byRule.set(f.ruleId, entry);
    }
    return entry;
  };

  for (const f of prepared.active) {
    bySeverity[f.severity]++;
    ruleEntry(f).count++;
    events.add(`${f.path}\u0000${f.eventIndex}`);

    // a rule with several tactics counts its finding once under each
    const tactics = new Map((prepared.ruleById.get(f.ruleId)?.threat ?? [])
      .map((t) => [t.tactic.id, t.tactic.name]));
    for (const [id, name] of tactics) {
      const entry = byTactic.get(id) ?? { id, name, count: 0 };
      entry.count++;
      byTactic.set(id, entry);
    }

    increment(principals, principalOf(f));
    increment(addresses, sourceAddressOf(f));

    const text = timestampOf(f);
    const at = text === undefined ? undefined : parseTimestamp(text);
    if (text !== undefined && at !== undefined) {
      if (first === undefined || at < first.at) first = { text, at };
      if (last === undefined || at > last.at) last = { text, at };
    }
  }
  for (const f of prepared.suppressed) ruleEntry(f).suppressed++;

  const summary: ExportSummary = {
    files: prepared.files.length,
    events: prepared.files.reduce((n, f) => n + f.events, 0),
    fileErrors: prepared.files.reduce((n, f) => n + f.errors.length, 0),
    findings: prepared.active.length,
    suppressed: prepared.suppressed.length,
    eventsWithFindings: events.size,
    bySeverity,
    byRule: [...byRule.values()].sort((a, b) => b.count - a.count || b.riskScore - a.riskScore
      || compareText(a.ruleName, b.ruleName)),
    byTactic: [...byTactic.values()].sort((a, b) => b.count - a.count
      || compareText(a.name, b.name)),
    byPrincipal: sortCounts(principals),
    bySourceAddress: sortCounts(addresses),
  };
  if (first !== undefined) summary.firstSeen = first.text;
  if (last !== undefined) summary.lastSeen = last.text;
  return summary;
}

function increment(counts: Map<string, number>, value: string | undefined): void {
  if (value !== undefined) counts.set(value, (counts.get(value) ?? 0) + 1);
}

function sortCounts(counts: Map<string, number>): ValueCount[] {
  return [...counts].map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || compareText(a.value, b.value));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
