// The thin layer from diagnostic data (diagnostics.ts, pure) to vscode.Diagnostic objects.
// Every diagnostic of the extension passes here, so the texts are made visible once more
// (visibleText is idempotent): no control, bidi or zero-width character reaches the Problems
// panel, whichever module wrote the message.
import * as vscode from 'vscode';
import { visibleText } from '../core/display-text';
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
  const diagnostic = new vscode.Diagnostic(toRange(data.range), visibleText(data.message),
    SEVERITY[data.severity]);
  diagnostic.source = data.source;
  const code = data.code === undefined ? undefined : visibleText(data.code.value);
  if (code !== undefined && data.code?.target !== undefined) {
    diagnostic.code = { value: code, target: vscode.Uri.parse(data.code.target) };
  } else if (code !== undefined) {
    diagnostic.code = code;
  }
  if (uri !== undefined && data.relatedInformation.length > 0) {
    diagnostic.relatedInformation = data.relatedInformation.map((related) =>
      new vscode.DiagnosticRelatedInformation(
        new vscode.Location(uri, toRange(related.range)), visibleText(related.message)));
  }
  return diagnostic;
}

/** Converts an engine range (zero-based, UTF-16) to a vscode.Range. */
export function toRange(range: Range): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character,
    range.end.line, range.end.character);
}
