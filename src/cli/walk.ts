// Expands the CLI's PATH arguments into the files to scan. Only regular files are ever
// returned: a FIFO, a device (/dev/zero), a socket or a dangling link is refused with an
// InputError that names it, before anything opens it, since reading one would block or never
// end. Paths are checked with stat, which does not open them; a symbolic link to a regular file
// is followed, and a link loop fails at once (ELOOP) instead of hanging. Each file is listed
// once, however many arguments reach it, and the directories that held none are told apart so
// that the CLI can name them: a scan that read nothing must not look like a clean one.
import { readdirSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { join, resolve } from 'node:path';
import { visibleText } from '../core/display-text';
import { isScannedName } from '../core/source/scanned-names';
import { errorCode, knownFileErrorReason } from './file-errors';

// File names a directory walk picks up (files named explicitly are always scanned).
export { isScannedName } from '../core/source/scanned-names';

/** An argument that names nothing readable. */
export class InputError extends Error {}

/** The argument that names standard input; it is passed through as it is. */
export const STDIN_ARGUMENT = '-';

/** What the arguments name: the files in order, each once, and the folders that held none. */
export interface ExpandedPaths {
  files: string[];
  /** Directory arguments whose walk found no file to read. */
  emptyDirectories: string[];
}

/** Lists the files named by the arguments, walking directories in sorted order. */
export function expandPaths(paths: readonly string[],
  accept: (name: string) => boolean = isScannedName): string[] {
  return expandInputs(paths, { accept }).files;
}

/** How expandInputs reads the arguments. */
export interface ExpandOptions {
  /** Which file names a directory walk picks up. */
  accept?: (name: string) => boolean;
  /** Whether "-" names standard input (kept as it is) rather than a file. */
  stdin?: boolean;
  /** Real paths already listed, shared by the calls that must list each file once. */
  seen?: Set<string>;
}

/**
 * Lists the files named by the arguments, walking directories in sorted order. A file reached
 * twice (named twice, named and found in a walk, or through a link) is kept once, under the
 * first of its names: real paths are compared.
 */
export function expandInputs(paths: readonly string[],
  options: ExpandOptions = {}): ExpandedPaths {
  const { accept = isScannedName, stdin = false, seen = new Set<string>() } = options;
  const files: string[] = [];
  const emptyDirectories: string[] = [];
  const keep = (file: string, identity: string): void => {
    if (seen.has(identity)) return;
    seen.add(identity);
    files.push(file);
  };

  for (const path of paths) {
    if (stdin && path === STDIN_ARGUMENT) {
      keep(path, '\0stdin');
      continue;
    }

    const stats = statPath(path);
    if (!stats.isDirectory()) {
      const file = checkedFile(path, stats);
      keep(file, realPath(file));
      continue;
    }

    const found: string[] = [];
    walkDirectory(path, found, accept);
    if (found.length === 0) emptyDirectories.push(path);
    for (const file of found) keep(file, realPath(file));
  }

  return { files, emptyDirectories };
}

/**
 * Why the path cannot be read as a file (missing, a directory, a FIFO, a device...), or
 * undefined when it names a regular file or a link to one. For files the CLI opens without a
 * walk, such as the --exceptions file; stat does not open anything.
 */
export function regularFileProblem(path: string): string | undefined {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (error) {
    return accessProblem(error);
  }
  return stats.isFile() ? undefined : `not a regular file (${specialKind(stats)})`;
}

/** The kind of a file system entry that is neither a regular file nor a directory. */
function specialKind(stats: Stats | Dirent): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'an unknown kind of file';
}

/** The path's stats, links followed, or an InputError saying why there are none. */
function statPath(path: string): Stats {
  try {
    return statSync(path);
  } catch (error) {
    throw new InputError(`${accessProblem(error)}: ${shown(path)}`);
  }
}

/** The path itself when its stats are a regular file's; an InputError otherwise. */
function checkedFile(path: string, stats: Stats,
  problem = 'not a regular file or directory'): string {
  if (stats.isFile()) return path;
  throw new InputError(`${problem} (${specialKind(stats)}): ${shown(path)}`);
}

/** Words for a failed stat or readdir, from its error code. */
function accessProblem(error: unknown): string {
  return knownFileErrorReason(error)
    ?? `cannot access (${errorCode(error) ?? (error as Error).message})`;
}

/** Appends the scannable files below a directory; iterative, so deep trees cannot overflow. */
function walkDirectory(root: string, files: string[], accept: (name: string) => boolean): void {
  const pending = [root];

  while (pending.length > 0) {
    const dir = pending.pop() as string;
    const entries = readEntries(dir)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: string[] = [];

    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) subdirs.push(full);
      else if (accept(entry.name)) files.push(...walkedFile(full, entry));
    }

    // Reversed so that popping visits sub-directories in name order.
    pending.push(...subdirs.reverse());
  }
}

function readEntries(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    throw new InputError(`cannot read directory: ${accessProblem(error)}: ${shown(dir)}`);
  }
}

/**
 * A walked entry with a scanned name: a regular file, or a link to one, is kept. Links to
 * directories are not followed (so no link can make the walk loop), and anything else with a
 * scanned name is refused rather than skipped, so that no file the user expects is missed
 * without a word.
 */
function walkedFile(full: string, entry: Dirent): string[] {
  // Node fills in the entry's type with lstat where the listing lacks it, so the type is the
  // entry's own; only a link needs a stat of its target.
  if (entry.isFile()) return [full];
  if (!entry.isSymbolicLink()) {
    throw new InputError(`not a regular file or directory (${specialKind(entry)}): `
      + shown(full));
  }

  const target = statPath(full);
  return target.isDirectory() ? [] : [checkedFile(full, target)];
}


/** The path with links resolved, to tell one file under two names; the path if that fails. */
function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** A path as the messages print it: a newline or ESC in a file name shows as an escape. */
function shown(path: string): string {
  return visibleText(path);
}
