// What the guide panel shows, and what it needs from the rest of the extension.
import type * as vscode from 'vscode';
import type { Finding, Rule, Span } from '../../core/types';

/**
 * What the panel shows: a rule, and optionally one of its findings in a document. This is also
 * the state the webview keeps, so that the panel comes back after a window reload.
 */
export interface GuideTarget {
  ruleId: string;
  /** The document the finding belongs to (a URI string, as `Uri.toString()` gives it). */
  documentUri?: string;
  /**
   * Index of the finding in `host.findingsOf(documentUri)` (the document's whole list, every
   * rule). Previous/next move between the findings of the same rule in that list.
   */
  findingIndex?: number;
}

/** The services of the extension that the panel uses; the panel owns none of this data. */
export interface GuideHost {
  findRule(id: string): Rule | undefined;
  findingsOf(uri: string): Finding[];
  documentText(uri: string): string | undefined;
  reveal(uri: string, span: Span): Promise<void>;
  openExternal(url: string): Promise<void>;
  log: vscode.LogOutputChannel;
}
