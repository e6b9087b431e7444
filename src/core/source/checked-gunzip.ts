// Gzip expansion that notices damage and bounds its output. fflate's streaming Gunzip (0.8.3)
// checks neither the CRC-32 nor the size in a member's trailer, and takes input that stops
// inside a header, inside the deflate data (at a block boundary) or inside the trailer
// without a word: a cut .json.gz then silently loses its end, and a file cut inside its first
// header reads as empty. This wrapper checks every member's trailer against the bytes it
// produced (RFC 1952, section 2.3.1) and refuses output beyond a cap. Input goes to fflate in
// small pieces, since fflate inflates everything one push holds before handing any of it
// over: deflate expands at most about 1,032 times, so a gzip bomb is stopped a bounded
// ~17 MB past the cap instead of after it filled the memory.
import { Gunzip } from 'fflate';
import { describeByteSize } from './byte-size';
import { crc32 } from './crc32';

/** Input handed to fflate at a time. */
const PIECE = 16 * 1024;

/** Recent input kept to read a member's trailer once the next member's header has come. */
const RETAINED = 1024 * 1024;

/** The smallest gzip member: a 10-byte header, 2 bytes of deflate data, an 8-byte trailer. */
const MIN_MEMBER = 20;

/**
 * When neither value of the last member's trailer matches, its last 8 bytes are either
 * deflate data (the stream was cut, and fflate says nothing) or a real trailer over damaged
 * data. A damaged stream's length lands within a few hundred bytes of the real one (1,000
 * single-bit flips in a 2 MB .json.gz: 699 bytes at most), while cut data reads as any
 * 32-bit length: a length this close to the expanded size is taken for a real trailer, which
 * a cut fakes once in 2^15.
 */
const SIZE_SLACK = 64 * 1024;

/**
 * fflate ignores up to this many bytes after the last member; zero bytes there are taken as
 * padding (gzip(1) also tolerates trailing zeros), anything else as a cut next member.
 */
const IGNORED_TAIL = 3;

/** Why expansion stopped. */
export type GzipFailure = 'truncated' | 'corrupt' | 'too-large';

/** Gzip data that is cut, damaged or expands beyond the cap, with how far expansion got. */
export class GzipDataError extends Error {
  constructor(message: string, readonly failure: GzipFailure,
    /** Compressed bytes read when the problem showed. */
    readonly consumed: number) {
    super(message);
    this.name = 'GzipDataError';
  }
}

/** Expands one or more gzip members pushed in chunks, checking each member's trailer. */
export class CheckedGunzip {
  private readonly gunzip: Gunzip;
  private readonly recent: { start: number; bytes: Uint8Array }[] = [];
  private pushed = 0;
  private produced = 0;
  private member = 1;
  private memberStart = 0;
  private memberCrc = 0;
  private memberSize = 0;

  constructor(private readonly onData: (chunk: Uint8Array) => void,
    private readonly maxBytes = Number.POSITIVE_INFINITY) {
    this.gunzip = new Gunzip((chunk) => this.take(chunk));
    this.gunzip.onmember = (offset) => this.memberEnded(offset);
  }

  /**
   * Pushes compressed bytes; `final` marks the end of the input. Throws GzipDataError. The
   * last MiB of input is kept by reference to read trailers: do not overwrite pushed bytes.
   */
  push(chunk: Uint8Array, final: boolean): void {
    try {
      for (let at = 0; at < chunk.length; at += PIECE) {
        const piece = chunk.subarray(at, Math.min(chunk.length, at + PIECE));
        this.remember(piece);
        this.pushed += piece.length;
        this.gunzip.push(piece, final && at + PIECE >= chunk.length);
      }
      if (final && chunk.length === 0) this.gunzip.push(chunk, true);
    } catch (error) {
      throw this.asDataError(error);
    }
    if (final) this.finish();
  }

  /** Counts and checks one piece of output before handing it on. */
  private take(chunk: Uint8Array): void {
    this.produced += chunk.length;
    if (this.produced > this.maxBytes) {
      throw new GzipDataError('The gzip data expands to more than '
        + `${describeByteSize(this.maxBytes)} (after ${this.pushed} compressed bytes): too large `
        + 'to read as one text (a gzip bomb?)',
      'too-large', this.pushed);
    }
    this.memberCrc = crc32(this.memberCrc, chunk);
    this.memberSize += chunk.length;
    this.onData(chunk);
  }

  /** fflate found the next member's header at `offset`: the member before it must check out. */
  private memberEnded(offset: number): void {
    // The member ended where fflate says, so its trailer is there: a mismatch is damage.
    const problem = this.trailerProblem(offset);
    if (problem !== undefined) throw this.failure(problem);

    this.member++;
    this.memberStart = offset;
    this.memberCrc = 0;
    this.memberSize = 0;
  }

  /** The input has ended: the last member must end with its trailer (give or take the tail). */
  private finish(): void {
    let problem = this.trailerProblem(this.pushed);
    for (let skipped = 1; skipped <= IGNORED_TAIL && problem !== undefined; skipped++) {
      if (this.byteAt(this.pushed - skipped) !== 0) break;
      if (this.trailerProblem(this.pushed - skipped) === undefined) problem = undefined;
    }
    if (problem === 'both' && !this.nearSize(this.pushed - 4)) problem = 'cut';
    if (problem !== undefined) throw this.failure(problem);
  }

  /**
   * What is wrong with the trailer of the current member if it ends at `end`: nothing
   * (undefined), one of its two values ('crc' or 'size': the data is damaged), both (damage,
   * or the bytes are no trailer at all), or too few bytes for a member ('cut': the stream
   * stopped before the member was complete).
   */
  private trailerProblem(end: number): 'cut' | 'crc' | 'size' | 'both' | undefined {
    if (end - this.memberStart < MIN_MEMBER) return 'cut';
    const crc = this.uint32At(end - 8);
    const size = this.uint32At(end - 4);
    if (crc === undefined || size === undefined) return 'cut';

    const crcMatches = crc === this.memberCrc;
    const sizeMatches = size === this.memberSize % 2 ** 32;
    if (crcMatches && sizeMatches) return undefined;
    if (crcMatches) return 'size';
    return sizeMatches ? 'crc' : 'both';
  }

  /** Whether the length at `offset` is close to the current member's size (SIZE_SLACK). */
  private nearSize(offset: number): boolean {
    const size = this.uint32At(offset);
    if (size === undefined) return false;
    const distance = Math.abs(size - this.memberSize % 2 ** 32);
    return Math.min(distance, 2 ** 32 - distance) <= SIZE_SLACK;
  }

  /** The little-endian 32-bit value of the input at `offset`, when it is still kept. */
  private uint32At(offset: number): number | undefined {
    let value = 0;
    for (let i = 3; i >= 0; i--) {
      const byte = this.byteAt(offset + i);
      if (byte === undefined) return undefined;
      value = value * 256 + byte;
    }
    return value;
  }

  private byteAt(offset: number): number | undefined {
    for (let i = this.recent.length - 1; i >= 0; i--) {
      const { start, bytes } = this.recent[i];
      if (offset >= start && offset < start + bytes.length) return bytes[offset - start];
    }
    return undefined;
  }

  /** Keeps a view of the next piece (no copy); forgets pieces older than RETAINED bytes. */
  private remember(piece: Uint8Array): void {
    this.recent.push({ start: this.pushed, bytes: piece });
    while (this.recent.length > 1 && this.recent[1].start + RETAINED < this.pushed) {
      this.recent.shift();
    }
  }

  private failure(kind: 'cut' | 'crc' | 'size' | 'both'): GzipDataError {
    const where = `after ${this.produced} decompressed bytes`;
    if (kind === 'cut') {
      return new GzipDataError(`The gzip data ends too early (${where}): the file is truncated`,
        'truncated', this.pushed);
    }
    const checks = kind === 'both' ? 'CRC-32 and length checks'
      : `${kind === 'crc' ? 'CRC-32' : 'length'} check`;
    return new GzipDataError(`The gzip data is corrupt (member ${this.member} fails its ${checks}`
      + `, ${where})`, 'corrupt', this.pushed);
  }

  /** fflate's own errors, worded like ours. */
  private asDataError(error: unknown): GzipDataError {
    if (error instanceof GzipDataError) return error;
    const reason = error instanceof Error ? error.message : String(error);
    if (/unexpected EOF/i.test(reason)) return this.failure('cut');
    return new GzipDataError(`The gzip data is corrupt (${reason}, after ${this.produced} `
      + 'decompressed bytes)', 'corrupt', this.pushed);
  }
}
