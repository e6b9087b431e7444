// The name a notification or label shows for a file: the last segment of its URI's path, which
// works on every scheme (virtual workspaces, the decompressed view) where a file path may not.
import type * as vscode from 'vscode';

/** The last segment of a URI's path, as it is (escape it with visibleText to show it). */
export function uriBaseName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}
