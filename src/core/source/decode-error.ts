// The error a byte source raises when it cannot be turned into text (corrupt gzip, an archive
// format we do not open).

/** Bytes that could not become text, with how far decoding got. */
export class SourceDecodeError extends Error {
  constructor(
    message: string,
    /** How many input bytes were consumed before the failure (for the message's reader). */
    readonly byteOffset: number,
    /** The text decoded before the damage, so that a cut .json.gz still yields its events. */
    readonly partialText: string,
  ) {
    super(message);
    this.name = 'SourceDecodeError';
  }
}
