// The hover over a flagged event: hover-markdown.ts builds the text; this provider finds the
// findings under the cursor and wraps the text in a MarkdownString that may run exactly one
// command (the guide), since rule and log text are third-party content.
import * as vscode from 'vscode';
import type { Analyzer } from './analyzer';
import { findingsAt } from './finding-lookup';
import { OPEN_GUIDE_COMMAND } from './guide-target';
import { hoverMarkdown } from './hover-markdown';
import type { RuleStore } from './rule-store';

export class FindingHoverProvider implements vscode.HoverProvider {
  constructor(private readonly analyzer: Analyzer, private readonly rules: RuleStore) {}

  /** Shows rule, severity, risk, ATT&CK and the clause-by-clause explanation. */
  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const analysis = this.analyzer.get(document.uri);
    if (analysis === undefined || analysis.version !== document.version) return undefined;

    const indexes = findingsAt(analysis.findings, document.offsetAt(position));
    if (indexes.length === 0) return undefined;

    const entries = indexes.map((findingIndex) => {
      const finding = analysis.findings[findingIndex];
      return { finding, findingIndex, rule: this.rules.find(finding.ruleId) };
    });
    const markdown = new vscode.MarkdownString(hoverMarkdown(entries, document.uri.toString()));
    markdown.isTrusted = { enabledCommands: [OPEN_GUIDE_COMMAND] };
    markdown.supportHtml = false;
    const { span } = analysis.findings[indexes[0]];
    return new vscode.Hover(markdown,
      new vscode.Range(document.positionAt(span.start), document.positionAt(span.end)));
  }
}
