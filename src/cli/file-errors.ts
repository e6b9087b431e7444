// Words for a failed file system call, for the CLI's one-line messages: node's own message
// ("ENOENT: no such file or directory, open '/x'") repeats the path and the call, and a stack
// trace is no message at all.

/** Words for the error codes of file system calls that a user can act on. */
const REASONS = new Map<string, string>([
  ['ENOENT', 'no such file or directory'],
  ['ENOTDIR', 'no such file or directory'],
  ['EISDIR', 'is a directory'],
  ['ELOOP', 'too many levels of symbolic links (a link loop)'],
  ['EACCES', 'permission denied'],
  ['EPERM', 'permission denied'],
  ['ENAMETOOLONG', 'file name too long'],
  ['EROFS', 'read-only file system'],
  ['ENOSPC', 'no space left on the device'],
  ['EDQUOT', 'disk quota exceeded'],
  ['EMFILE', 'too many open files'],
  ['ENFILE', 'too many open files'],
  ['EIO', 'input/output error'],
]);

/** The error's code, when it is a file system error that has one. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Words for a known error code; undefined for other errors. */
export function knownFileErrorReason(error: unknown): string | undefined {
  const code = errorCode(error);
  return code === undefined ? undefined : REASONS.get(code);
}

/** Why a file system call failed, in words; errors without a known code keep their message. */
export function fileErrorReason(error: unknown): string {
  return knownFileErrorReason(error) ?? (error instanceof Error ? error.message : String(error));
}
