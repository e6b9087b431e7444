// The one error type of the JSON parser: a message and the offset where the problem is.

/** A JSON text that is not strict RFC 8259 JSON (or repeats a key inside one object). */
export class JsonSyntaxError extends Error {
  /** Offset (UTF-16 code units) in the parsed text where the problem was found. */
  readonly offset: number;

  constructor(message: string, offset: number) {
    super(message);
    this.name = 'JsonSyntaxError';
    this.offset = offset;
  }
}
