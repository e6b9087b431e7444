// The summary document: the core's counts (summarize) as Markdown tables, for a read-only
// virtual document shown in the Markdown preview. Pure. Rule names, principals and addresses
// are third-party text (rule files, logs): every one goes through escapeMarkdown, which also
// escapes "|" so that no value can break out of its table cell.
import type { ExportSummary, ValueCount } from '../core/export';
import type { Severity } from '../core/types';
import { escapeMarkdown } from './markdown-text';

/** Rows shown per table of values before the rest is counted in one line. */
export const SUMMARY_TABLE_LIMIT = 25;

/** What the summary says about where its numbers come from. */
export interface SummaryContext {
  /** When the summary was rendered (ISO 8601). */
  generated: string;
  /** Open documents and files analysed from disk. */
  liveFiles: number;
  /** Files that only the workspace scan knows. */
  scannedFiles: number;
  /** Set when the last workspace scan stopped early: "cancelled after 3 of 40 files". */
  scanNote?: string;
}

const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

/** Renders the summary of every finding the Findings view holds. */
export function renderSummaryMarkdown(summary: ExportSummary, context: SummaryContext): string {
  const out: string[] = ['# CloudTrail Lens summary', ''];

  out.push(`Generated ${escapeMarkdown(context.generated)} from ${summary.files} ` +
    `${plural(summary.files, 'file')} (${context.liveFiles} open or analysed from disk, ` +
    `${context.scannedFiles} from the workspace scan) holding ${summary.events} ` +
    `${plural(summary.events, 'event')}.`, '');
  if (context.scanNote !== undefined) {
    out.push(`The workspace scan ${escapeMarkdown(context.scanNote)}.`, '');
  }

  out.push(`- Findings: **${summary.findings}** on ${summary.eventsWithFindings} ` +
    `${plural(summary.eventsWithFindings, 'event')}`);
  out.push(`- Suppressed by exceptions: **${summary.suppressed}**`);
  out.push(`- Problems in the files: ${summary.fileErrors}`);
  out.push(`- First seen: ${timeCell(summary.firstSeen)}`);
  out.push(`- Last seen: ${timeCell(summary.lastSeen)}`, '');

  out.push('## By severity', '', '| Severity | Findings |', '| --- | ---: |');
  for (const severity of SEVERITIES) out.push(`| ${severity} | ${summary.bySeverity[severity]} |`);
  out.push('');

  out.push('## By rule', '');
  if (summary.byRule.length === 0) {
    out.push('No rule flagged an event.', '');
  } else {
    out.push('| Rule | Severity | Risk | Findings | Suppressed |',
      '| --- | --- | ---: | ---: | ---: |');
    for (const rule of summary.byRule) {
      out.push(`| ${escapeMarkdown(rule.ruleName)} (${escapeMarkdown(rule.ruleId)}) | ` +
        `${rule.severity} | ${rule.riskScore} | ${rule.count} | ${rule.suppressed} |`);
    }
    out.push('');
  }

  out.push('## By tactic', '');
  if (summary.byTactic.length === 0) {
    out.push('No finding is mapped to a MITRE ATT&CK tactic.', '');
  } else {
    out.push('| Tactic | Findings |', '| --- | ---: |');
    for (const tactic of summary.byTactic) {
      out.push(`| ${escapeMarkdown(tactic.name)} (${escapeMarkdown(tactic.id)}) | ` +
        `${tactic.count} |`);
    }
    out.push('');
  }

  out.push(...valueTable('By principal', 'Principal', summary.byPrincipal));
  out.push(...valueTable('By source address', 'Source address', summary.bySourceAddress));
  return out.join('\n');
}

function valueTable(title: string, column: string, values: readonly ValueCount[]): string[] {
  const out = [`## ${title}`, ''];
  if (values.length === 0) return [...out, 'None recorded on the findings.', ''];

  out.push(`| ${column} | Findings |`, '| --- | ---: |');
  for (const { value, count } of values.slice(0, SUMMARY_TABLE_LIMIT)) {
    out.push(`| ${escapeMarkdown(value, 120)} | ${count} |`);
  }
  const rest = values.slice(SUMMARY_TABLE_LIMIT);
  if (rest.length > 0) {
    const findings = rest.reduce((sum, v) => sum + v.count, 0);
    out.push('', `And ${rest.length} more (${findings} ${plural(findings, 'finding')}).`);
  }
  return [...out, ''];
}

function timeCell(value: string | undefined): string {
  return value === undefined ? 'no timestamp on the findings' : escapeMarkdown(value);
}

function plural(count: number, noun: string): string {
  return count === 1 ? noun : `${noun}s`;
}
