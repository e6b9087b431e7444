// CSV with stable columns, one row per finding (suppressed ones included and marked), for
// spreadsheets and for tools that diff exports between runs. Quoting is csv-stringify's
// (RFC 4180: fields with commas, quotes or line breaks are quoted, quotes doubled).
import { stringify } from 'csv-stringify/sync';
import type { ExportFinding, ExportInput } from './export-input';
import { prepareExport } from './export-input';
import { principalOf, sourceAddressOf, timestampOf, userAgentOf } from './finding-fields';

/** The columns, in order. Add new columns at the end only: consumers read them by position. */
export const CSV_COLUMNS = [
  'path', 'line', 'column', 'rule_id', 'rule_name', 'severity', 'risk_score', 'event_id',
  'event_time', 'user', 'source_address', 'user_agent', 'suppressed', 'suppressed_by',
] as const;

export interface CsvOptions {
  /**
   * Prefix a value that a spreadsheet would run as a formula (one starting with =, +, -, @,
   * tab or carriage return) with an apostrophe. On by default: user agents and user names are
   * chosen by whoever made the API call, and a CSV is usually opened in a spreadsheet.
   */
  escapeFormulas?: boolean;
}

/** The rows of the CSV (without the header); line and column are 1-based, as editors show. */
export function toCsvRows(input: ExportInput): string[][] {
  const prepared = prepareExport(input);
  const row = (f: ExportFinding, suppressed: boolean): string[] => [
    f.path,
    String(f.range.start.line + 1),
    String(f.range.start.character + 1),
    f.ruleId,
    f.ruleName,
    f.severity,
    String(f.riskScore),
    f.eventId ?? '',
    timestampOf(f) ?? '',
    principalOf(f) ?? '',
    sourceAddressOf(f) ?? '',
    userAgentOf(f) ?? '',
    suppressed ? 'true' : 'false',
    f.suppressedBy?.id ?? '',
  ];
  return [...prepared.active.map((f) => row(f, false)),
    ...prepared.suppressed.map((f) => row(f, true))];
}

/** The findings as CSV text: a header, then one CRLF-terminated row per finding. */
export function toCsv(input: ExportInput, options: CsvOptions = {}): string {
  return stringify([[...CSV_COLUMNS], ...toCsvRows(input)], {
    record_delimiter: 'windows',
    // csv-stringify quotes only fields holding the record delimiter (CRLF): a bare LF or CR
    // would split a row for every reader, and put the text after it unescaped at a cell start
    quoted_match: /[\r\n]/,
    escape_formulas: options.escapeFormulas ?? true,
  });
}
