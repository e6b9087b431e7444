// Platform limits the extension works around (vscode-conventions.md, section 1).

/**
 * VS Code does not mirror a text model above 50 MB (counted in characters) to extensions:
 * `_MODEL_SYNC_LIMIT` in src/vs/editor/common/model/textModel.ts of microsoft/vscode; see
 * https://github.com/microsoft/vscode/issues/111849. Such files are analysed from disk.
 */
export const SYNC_LIMIT_CHARS = 50 * 1024 * 1024;

/** Files that may be logs worth offering a read from disk for, when too large to open. */
export const LOG_FILE_NAME = /\.(json|jsonl|ndjson|log)(\.gz)?$/i;

/** Compressed files, which VS Code shows as binary. */
export const GZ_FILE_NAME = /\.gz$/i;

/** "73.4 MB", for messages. */
export function megabytes(size: number): string {
  return `${(size / (1024 * 1024)).toFixed(1)} MB`;
}
