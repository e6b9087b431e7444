// Byte counts in messages: whole mebibytes as such ("500 MiB"), anything else in bytes.

const MIB = 1024 * 1024;

/** "500 MiB" for a whole number of mebibytes, else "1234 bytes". */
export function describeByteSize(bytes: number): string {
  return bytes >= MIB && bytes % MIB === 0 ? `${bytes / MIB} MiB` : `${bytes} bytes`;
}
