// The read-only decompressed view of a .json.gz file: a TextDocumentContentProvider on the
// cloudtrail-lens-gz: scheme. VS Code shows .gz files as binary; the view's URI keeps the
// file's path without ".gz" (so the JSON language applies) and the original URI in its query.
import * as vscode from 'vscode';
import { decodeKeepingCut } from '../core/source/decode';
import { SYNC_LIMIT_CHARS, megabytes } from './limits';
import type { ExtensionLog } from './log';
import { GZ_SCHEME } from './sniff';

/** The view URI of a compressed file. */
export function gzViewUri(file: vscode.Uri): vscode.Uri {
  return vscode.Uri.from({
    scheme: GZ_SCHEME,
    path: file.path.replace(/\.gz$/i, ''),
    query: file.toString(),
  });
}

/** The compressed file behind a view URI. */
export function gzSourceUri(view: vscode.Uri): vscode.Uri {
  return vscode.Uri.parse(view.query, true);
}

export class GzViewProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly log: ExtensionLog,
    private readonly onTooLarge: (file: vscode.Uri, characters: number) => void,
    private readonly onCut: (file: vscode.Uri, message: string) => void) {}

  /**
   * Reads and decompresses the file through workspace.fs, on every open. A cut file shows the
   * text before the cut (its events are analysed; the unfinished JSON is reported at the end).
   */
  async provideTextDocumentContent(view: vscode.Uri): Promise<string> {
    const file = gzSourceUri(view);
    try {
      const { text, cut } = decodeKeepingCut(await vscode.workspace.fs.readFile(file));
      if (cut !== undefined) this.onCut(file, cut.message);
      if (text.length <= SYNC_LIMIT_CHARS) return text;

      // VS Code would open it but never pass it to the extension: say so in the view itself
      this.onTooLarge(file, text.length);
      return `The decompressed file holds ${megabytes(text.length)} of text, above the 50 MB ` +
        'that VS Code passes to extensions. Use "CloudTrail Lens: Analyze File from Disk" ' +
        'on the .gz file instead.\n';
    } catch (error) {
      this.log.error(`cannot decompress ${file.toString(true)}`, error);
      throw error;
    }
  }
}
