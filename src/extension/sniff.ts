// Which documents the extension looks at, decided before any real work: first by scheme,
// language and file name (free), then by the layout the engine detects from the content.
import type { LayoutKind } from '../core/types';

/** The scheme of the read-only decompressed view of a .json.gz file. */
export const GZ_SCHEME = 'cloudtrail-lens-gz';

/** Schemes of documents that are files of the user; not git:, output: or diff snapshots. */
export const ANALYSED_SCHEMES: readonly string[] = [
  'file', 'untitled', 'vscode-vfs', 'vscode-remote', GZ_SCHEME,
];

const JSON_LANGUAGES: ReadonlySet<string> = new Set(['json', 'jsonc', 'jsonl']);
const TEXT_LANGUAGES: ReadonlySet<string> = new Set(['plaintext', 'log']);
const TEXT_EXTENSIONS = /\.(ndjson|jsonl|json|log)$/i;

/** The parts of a document that the first, free decision looks at. */
export interface DocumentIdentity {
  languageId: string;
  scheme: string;
  path: string;
}

/** The outcome of sniffing a document's content. */
export type SniffDecision =
  | { analyze: true; notice?: string }
  | { analyze: false; reason: string };

/** Whether a document may hold CloudTrail events at all, judged without reading it. */
export function isCandidate(document: DocumentIdentity): boolean {
  if (!ANALYSED_SCHEMES.includes(document.scheme)) return false;
  if (document.scheme === GZ_SCHEME) return true;
  if (JSON_LANGUAGES.has(document.languageId)) return true;
  return TEXT_LANGUAGES.has(document.languageId) && TEXT_EXTENSIONS.test(document.path);
}

/** Decides from the detected layout; `forced` is the "Analyze Current File" command. */
export function decideFromLayout(layout: LayoutKind, forced: boolean): SniffDecision {
  if (layout === 'digest') {
    // digest files list log files and hashes; they hold no events to evaluate
    return forced
      ? { analyze: true, notice: 'This is a CloudTrail digest file: it holds no events.' }
      : { analyze: false, reason: 'CloudTrail digest file' };
  }
  if (layout === 'unknown') {
    return forced
      ? { analyze: true, notice: 'No CloudTrail layout was recognised in this file.' }
      : { analyze: false, reason: 'not CloudTrail-shaped' };
  }
  return { analyze: true };
}
