// Quick fixes on flagged events: "Open investigation guide" for each rule that flags the event
// under the selection (the most severe rule's action preferred), then "Add exception for this
// user / access key / user agent / source address" for the candidates the event has values
// for (exception-actions.ts). The exception actions run a command, which asks for a comment.
// The rule name in a title comes from a rule file: its hidden characters are made visible.
import * as vscode from 'vscode';
import { visibleText } from '../core/display-text';
import type { Analyzer } from './analyzer';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import {
  ADD_EXCEPTION_COMMAND, exceptionActionsFor, type AddExceptionArgs,
} from './exception-actions';
import { findingsOverlapping } from './finding-lookup';
import type { GuideTarget } from './guide/guide-types';
import { OPEN_GUIDE_COMMAND } from './guide-target';

export class FindingCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
  };

  constructor(private readonly analyzer: Analyzer) {}

  /** The guide actions of every rule in the range, then the exception actions of one event. */
  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext): vscode.CodeAction[] {
    const analysis = this.analyzer.get(document.uri);
    if (analysis === undefined || analysis.version !== document.version) return [];

    const indexes = findingsOverlapping(analysis.findings, document.offsetAt(range.start),
      document.offsetAt(range.end));
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE &&
      d.range.intersection(range) !== undefined);

    const actions: vscode.CodeAction[] = [];
    const seen = new Set<string>();
    for (const findingIndex of indexes) {
      const finding = analysis.findings[findingIndex];
      if (seen.has(finding.ruleId)) continue;
      seen.add(finding.ruleId);

      const action = new vscode.CodeAction(
        `Open investigation guide: ${visibleText(finding.ruleName)}`,
        vscode.CodeActionKind.QuickFix);
      const target: GuideTarget = {
        ruleId: finding.ruleId, documentUri: document.uri.toString(), findingIndex,
      };
      action.command = { command: OPEN_GUIDE_COMMAND, title: action.title, arguments: [target] };
      action.diagnostics = ours;
      action.isPreferred = actions.length === 0;
      actions.push(action);
    }

    // exceptions are about one event: the first one in the range (its most severe finding)
    const first = indexes[0];
    if (first === undefined) return actions;
    for (const candidate of exceptionActionsFor(analysis.findings[first])) {
      const action = new vscode.CodeAction(candidate.title, vscode.CodeActionKind.QuickFix);
      const args: AddExceptionArgs = { documentUri: document.uri.toString(),
        findingIndex: first, kind: candidate.kind };
      action.command = { command: ADD_EXCEPTION_COMMAND, title: candidate.title,
        arguments: [args] };
      action.diagnostics = ours;
      actions.push(action);
    }
    return actions;
  }
}
