// Chooses the renderer for the CLI's --format option. JSON and SARIF are written with hidden
// characters escaped (src/core/export/visible-json.ts), so the output is safe in a terminal.
import { extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { version } from '../../package.json';
import { toCsv, toJsonReport, toSarif, visibleJson } from '../core/export';
import type { ScanReport } from '../core/report';
import { formatText } from './format-text';

export type OutputFormat = 'text' | 'json' | 'sarif' | 'csv';

const FORMAT_OF_EXTENSION = new Map<string, OutputFormat>([
  ['.json', 'json'], ['.sarif', 'sarif'], ['.csv', 'csv'],
]);

/** The format an --output file's name asks for (text for stdout and other names). */
export function formatForOutput(file: string | undefined): OutputFormat {
  if (file === undefined) return 'text';
  return FORMAT_OF_EXTENSION.get(extname(file).toLowerCase()) ?? 'text';
}

/** Renders a scan report in the requested format, ending with a newline. */
export function formatReport(report: ScanReport, format: OutputFormat): string {
  switch (format) {
    case 'text':
      return formatText(report);
    case 'json':
      return visibleJson(toJsonReport(report)) + '\n';
    case 'sarif':
      // paths are relative to the working directory: named as SARIF's source root
      return visibleJson(toSarif(report, { toolVersion: version,
        sourceRoot: pathToFileURL(process.cwd()).href })) + '\n';
    case 'csv':
      return toCsv(report);
  }
}
