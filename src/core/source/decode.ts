// Turns file bytes into the text the engine scans: gzip is recognised by its magic bytes and
// expanded with fflate (pure JavaScript, so a web build works) behind checks of every member's
// trailer, then the bytes are decoded as UTF-8, or UTF-16 when a byte-order mark or the
// pattern of zero bytes says so.
//
// A UTF-8 byte-order mark is removed, as VS Code removes it from a document's text (it shows
// the file as "UTF-8 with BOM" and decodes after the mark), so that offsets computed from these
// bytes match the editor's. The text therefore never starts with U+FEFF from here; the locator
// still skips one if a caller hands it such a text (its offsets then count it).
//
// The text is refused above MAX_TEXT_BYTES: V8 cannot hold a string much longer (2^29 - 24
// UTF-16 code units in Node 20), and a small .json.gz can expand to gigabytes (a gzip bomb),
// which must end in a clear error rather than in exhausted memory.
import { describeByteSize } from './byte-size';
import { CheckedGunzip, GzipDataError } from './checked-gunzip';
import type { TextProblem } from '../types';
import { SourceDecodeError } from './decode-error';

/** The most bytes of text decoded from one file (500 MiB, below V8's string length limit). */
export const MAX_TEXT_BYTES = 500 * 1024 * 1024;

/** VS Code looks for the zero bytes of UTF-16 text without a byte-order mark in this many. */
const ZERO_BYTE_WINDOW = 512;

/** The text of a file, and what it took to get it. */
export interface DecodedSource {
  text: string;
  /** True when the bytes were gzip-compressed. */
  compressed: boolean;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
  /** True when a byte-order mark was found (and removed). */
  hadBom: boolean;
}

/** Options of decodeBytes. */
export interface DecodeOptions {
  /** Refuse text (after gunzip) above this many bytes; MAX_TEXT_BYTES by default. */
  maxBytes?: number;
}

// Decodes file bytes (gzip or plain) into text; throws SourceDecodeError when it cannot.
export function decodeBytes(bytes: Uint8Array, options: DecodeOptions = {}): DecodedSource {
  if (isZip(bytes)) {
    throw new SourceDecodeError('This is a ZIP archive, not a CloudTrail file: extract it first',
      0, '');
  }

  const maxBytes = options.maxBytes ?? MAX_TEXT_BYTES;
  const compressed = isGzip(bytes);
  if (!compressed && bytes.length > maxBytes) {
    throw new SourceDecodeError(`The file holds ${bytes.length} bytes, more than the `
      + `${describeByteSize(maxBytes)} that can be read as one text`, 0, '');
  }
  const plain = compressed ? gunzipAll(bytes, maxBytes) : bytes;
  return { ...decodeText(plain), compressed };
}

/**
 * Whether decodeBytes failed because the gzip data stops early (a cut file): its partialText
 * is then all the file's text up to the cut, sound and worth scanning.
 */
export function isCutGzipError(error: unknown): error is SourceDecodeError {
  return error instanceof SourceDecodeError && error.cause instanceof GzipDataError
    && error.cause.failure === 'truncated';
}

/** A decoded text, and the problem to report at its end when the gzip data was cut. */
export interface KeptSource {
  text: string;
  compressed: boolean;
  cut?: TextProblem;
}

/**
 * decodeBytes, except that a cut .json.gz gives the text before the cut and a problem placed
 * at its end rather than an error: every event before the damage is still evaluated. Other
 * failures throw as decodeBytes does.
 */
export function decodeKeepingCut(bytes: Uint8Array, options: DecodeOptions = {}): KeptSource {
  try {
    const { text, compressed } = decodeBytes(bytes, options);
    return { text, compressed };
  } catch (error) {
    if (!isCutGzipError(error)) throw error;
    const text = error.partialText;
    return { text, compressed: true,
      cut: { message: error.message, offset: text.length, severity: 'error' } };
  }
}

/** Whether the bytes start with the gzip magic number 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Whether the bytes start like a ZIP archive ("PK\x03\x04"). */
function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3
    && bytes[3] === 4;
}

/**
 * Decodes text bytes, choosing the encoding from a byte-order mark, else from where the zero
 * bytes sit (UTF-8 when there is none).
 */
export function decodeText(bytes: Uint8Array): Omit<DecodedSource, 'compressed'> {
  let encoding: DecodedSource['encoding'] = 'utf-8';
  let hadBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (!hadBom && bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'utf-16le';
    hadBom = true;
  } else if (!hadBom && bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'utf-16be';
    hadBom = true;
  } else if (!hadBom) {
    encoding = utf16ByZeroBytes(bytes) ?? 'utf-8';
  }

  // TextDecoder drops a leading BOM of its own encoding (ignoreBOM is false by default).
  const text = new TextDecoder(encoding, { fatal: false }).decode(bytes);
  return { text, encoding, hadBom };
}

/**
 * UTF-16 without a byte-order mark, recognised as VS Code recognises it (so that offsets match
 * the editor's): in the first 512 bytes, zero bytes sit at every odd index and nowhere else
 * (little-endian ASCII-range text) or at every even index and nowhere else (big-endian).
 * VS Code's detectEncodingFromBuffer in src/vs/workbench/services/textfile/common/encoding.ts
 * of microsoft/vscode; it shows other text with zero bytes as binary.
 */
function utf16ByZeroBytes(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  let littleEndian = true;
  let bigEndian = true;
  let sawZero = false;

  for (let i = 0; i < bytes.length && i < ZERO_BYTE_WINDOW; i++) {
    const zero = bytes[i] === 0;
    const odd = i % 2 === 1;
    if (zero) sawZero = true;
    if (odd !== zero) littleEndian = false;
    if (odd === zero) bigEndian = false;
    if (zero && !littleEndian && !bigEndian) break;
  }

  if (!sawZero) return undefined;
  return littleEndian ? 'utf-16le' : bigEndian ? 'utf-16be' : undefined;
}

/** Expands every gzip member (concatenated .gz files are one valid gzip stream). */
function gunzipAll(bytes: Uint8Array, maxBytes: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let length = 0;
  const gunzip = new CheckedGunzip((chunk) => {
    chunks.push(chunk);
    length += chunk.length;
  }, maxBytes);

  try {
    gunzip.push(bytes, true);
  } catch (error) {
    if (!(error instanceof GzipDataError)) throw error;
    // Text before the damage still holds events (decoded as the whole text would have been);
    // an oversized text is not decoded at all.
    const partial = error.failure === 'too-large' ? '' : decodeText(concat(chunks, length)).text;
    const decodeError = new SourceDecodeError(error.message, error.consumed, partial);
    // The gzip failure says what kind of damage it was (isCutGzipError).
    decodeError.cause = error;
    throw decodeError;
  }
  return concat(chunks, length);
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const all = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.length;
  }
  return all;
}
