// Exports of scan results: SARIF 2.1.0, CSV, JSON, and the summary counts.
export { prepareExport } from './export-input';
export type { ExportFile, ExportFinding, ExportInput, PreparedExport } from './export-input';
export { SARIF_SCHEMA_URI, toArtifactUri, toSarif } from './to-sarif';
export type { SarifLevel, SarifLog, SarifOptions, SarifResult, SarifRule } from './to-sarif';
export { CSV_COLUMNS, toCsv, toCsvRows } from './to-csv';
export type { CsvOptions } from './to-csv';
export { toJson, toJsonReport } from './to-json';
export type { JsonFinding, JsonReport, JsonSuppressedFinding } from './to-json';
export { summarize } from './summarize';
export type { ExportSummary, ValueCount } from './summarize';
export {
  actionOf, fieldText, principalOf, sourceAddressOf, timestampOf, userAgentOf,
} from './finding-fields';
export { escapeHiddenInJson, visibleJson } from './visible-json';
