// Expands the CLI's PATH arguments into the files to scan.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** File names a directory walk picks up; files named explicitly are always scanned. */
const SCANNED_SUFFIXES = ['.json', '.jsonl', '.ndjson', '.json.gz'];

/** Whether a directory walk should pick up this file name. */
export function isScannedName(name: string): boolean {
  const lower = name.toLowerCase();
  return SCANNED_SUFFIXES.some((suffix) => lower.endsWith(suffix));
}

/** An argument that names nothing readable. */
export class InputError extends Error {}

/** Lists the files named by the arguments, walking directories in sorted order. */
export function expandPaths(paths: readonly string[],
  accept: (name: string) => boolean = isScannedName): string[] {
  const files: string[] = [];

  for (const path of paths) {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      throw new InputError(`no such file or directory: ${path}`);
    }

    if (stats.isDirectory()) walkDirectory(path, files, accept);
    else files.push(path);
  }

  return files;
}

/** Appends the scannable files below a directory; iterative, so deep trees cannot overflow. */
function walkDirectory(root: string, files: string[], accept: (name: string) => boolean): void {
  const pending = [root];

  while (pending.length > 0) {
    const dir = pending.pop() as string;
    const entries = readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: string[] = [];

    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) subdirs.push(full);
      else if (entry.isFile() && accept(entry.name)) files.push(full);
    }

    // Reversed so that popping visits sub-directories in name order.
    pending.push(...subdirs.reverse());
  }
}
