// The thin layer from diagnostic data (diagnostics.ts, pure) to vscode.Diagnostic objects.
import * as vscode from 'vscode';
import type { Range } from '../core/types';
import type { DiagnosticData } from './diagnostics';
import type { DiagnosticLevel } from './settings';

const SEVERITY: Readonly<Record<DiagnosticLevel, vscode.DiagnosticSeverity>> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** Converts one diagnostic; related locations are in `uri` (the analysed document). */
export function toDiagnostic(data: DiagnosticData, uri?: vscode.Uri): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange(data.range), data.message,
    SEVERITY[data.severity]);
  diagnostic.source = data.source;
  if (data.code?.target !== undefined) {
    diagnostic.code = { value: data.code.value, target: vscode.Uri.parse(data.code.target) };
  } else if (data.code !== undefined) {
    diagnostic.code = data.code.value;
  }
  if (uri !== undefined && data.relatedInformation.length > 0) {
    diagnostic.relatedInformation = data.relatedInformation.map((related) =>
      new vscode.DiagnosticRelatedInformation(
        new vscode.Location(uri, toRange(related.range)), related.message));
  }
  return diagnostic;
}

/** Converts an engine range (zero-based, UTF-16) to a vscode.Range. */
export function toRange(range: Range): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character,
    range.end.line, range.end.character);
}
