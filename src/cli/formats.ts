// Chooses the renderer for the CLI's --format option.
import { toCsv, toJsonReport, toSarif } from '../core/export';
import type { ScanReport } from '../core/report';
import { formatText } from './format-text';

export type OutputFormat = 'text' | 'json' | 'sarif' | 'csv';

/** Renders a scan report in the requested format, ending with a newline. */
export function formatReport(report: ScanReport, format: OutputFormat): string {
  switch (format) {
    case 'text':
      return formatText(report);
    case 'json':
      return JSON.stringify(toJsonReport(report), null, 2) + '\n';
    case 'sarif':
      return JSON.stringify(toSarif(report), null, 2) + '\n';
    case 'csv':
      return toCsv(report);
  }
}
