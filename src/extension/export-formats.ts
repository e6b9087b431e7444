// The formats of "Export Findings": what the quick pick lists, the save dialog's file name and
// filter, and the text of each, written by the core's exporters. Pure.
import { toCsv, toJson, toSarif, visibleJson } from '../core/export';
import type { ScanReport } from '../core/report';
import type { Rule } from '../core/types';

export { EXPORT_FINDINGS_COMMAND } from './command-ids';

export type ExportFormat = 'sarif' | 'csv' | 'json';

/** One entry of the quick pick. */
export interface ExportChoice {
  format: ExportFormat;
  label: string;
  detail: string;
  /** Default file name in the save dialog. */
  fileName: string;
  /** The save dialog's filter: its name and extensions. */
  filter: [string, string[]];
}

export const EXPORT_CHOICES: readonly ExportChoice[] = [
  { format: 'sarif', label: 'SARIF 2.1.0',
    detail: 'For code-scanning services and SARIF viewers; suppressed findings are marked.',
    fileName: 'cloudtrail-lens.sarif', filter: ['SARIF', ['sarif', 'json']] },
  { format: 'csv', label: 'CSV',
    detail: 'One row per finding, for spreadsheets; values that look like formulas are ' +
      'neutralised.',
    fileName: 'cloudtrail-lens-findings.csv', filter: ['CSV', ['csv']] },
  { format: 'json', label: 'JSON',
    detail: 'Findings, suppressed findings, files, rules and the summary, for scripts.',
    fileName: 'cloudtrail-lens-findings.json', filter: ['JSON', ['json']] },
];

/** The choice for a format name given as a command argument (case-insensitive). */
export function exportChoiceOf(value: unknown): ExportChoice | undefined {
  if (typeof value !== 'string') return undefined;
  return EXPORT_CHOICES.find((c) => c.format === value.toLowerCase());
}

/** The text of an export, ending with a line break. */
export function renderExport(format: ExportFormat, report: ScanReport,
  toolVersion?: string): string {
  switch (format) {
    case 'sarif':
      return `${visibleJson(toSarif(report, { toolVersion }))}\n`;
    case 'csv':
      return toCsv(report);
    case 'json':
      return `${visibleJson(toJson(report))}\n`;
  }
}

/**
 * The rules an export lists: those evaluated, and those the engine cannot evaluate (listed
 * with the reason); rules disabled in the settings are left out, as they were not asked for.
 */
export function reportedRules(all: readonly Rule[], activeIds: ReadonlySet<string>): Rule[] {
  return all.filter((rule) => activeIds.has(rule.id) || !rule.support.supported);
}
