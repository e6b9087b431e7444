// The file names a folder scan picks up, shared by the CLI's directory walk and the editor's
// "Scan Workspace", so that both read the same files: JSON, JSON Lines and NDJSON, each also
// gzip-compressed (CloudTrail delivers .json.gz; exports of JSON Lines are often compressed).
// A file named explicitly is read whatever its name; layouts are told from content.

/** The extensions picked up, without the optional ".gz". */
export const SCANNED_EXTENSIONS = ['json', 'jsonl', 'ndjson'] as const;

const SCANNED_NAME = new RegExp(`\\.(${SCANNED_EXTENSIONS.join('|')})(\\.gz)?$`, 'i');

/** Whether a folder scan reads a file of this name. */
export function isScannedName(name: string): boolean {
  return SCANNED_NAME.test(name);
}

/** A glob (workspace.findFiles syntax) matching the same names anywhere below a folder. */
export const SCANNED_NAMES_GLOB =
  `**/*.{${SCANNED_EXTENSIONS.flatMap((e) => [e, `${e}.gz`]).join(',')}}`;

/** The names in words, for messages. */
export const SCANNED_NAMES_TEXT = `${SCANNED_EXTENSIONS.map((e) => `.${e}`).join(', ')} `
  + 'or their .gz files';
