// The ids of the commands, context keys and schemes added for exceptions, workspace scans,
// exports and the summary. Kept apart from the modules that use them (which import vscode),
// so that tests can check package.json against them.

export const SCAN_WORKSPACE_COMMAND = 'cloudtrailLens.scanWorkspace';
export const EXPORT_FINDINGS_COMMAND = 'cloudtrailLens.exportFindings';
export const SHOW_SUMMARY_COMMAND = 'cloudtrailLens.showSummary';
export const SHOW_SUPPRESSED_COMMAND = 'cloudtrailLens.showSuppressedFindings';
export const HIDE_SUPPRESSED_COMMAND = 'cloudtrailLens.hideSuppressedFindings';
export const ADD_EXCEPTION_COMMAND = 'cloudtrailLens.addException';
export const OPEN_EXCEPTIONS_FILE_COMMAND = 'cloudtrailLens.openExceptionsFile';

/** The context key the Findings view title's toggle buttons depend on. */
export const SHOW_SUPPRESSED_CONTEXT_KEY = 'cloudtrailLens.showSuppressed';

/** The scheme of the read-only summary document. */
export const SUMMARY_SCHEME = 'cloudtrail-lens-summary';
