// Turns file bytes into the text the engine scans: gzip is recognised by its magic bytes and
// expanded with fflate (pure JavaScript, so a web build works), then the bytes are decoded as
// UTF-8, or UTF-16 when a UTF-16 byte-order mark says so.
//
// A UTF-8 byte-order mark is removed, as VS Code removes it from a document's text (it shows
// the file as "UTF-8 with BOM" and decodes after the mark), so that offsets computed from these
// bytes match the editor's. The text therefore never starts with U+FEFF from here; the locator
// still skips one if a caller hands it such a text (its offsets then count it).
import { Gunzip } from 'fflate';
import { SourceDecodeError } from './decode-error';

/** The text of a file, and what it took to get it. */
export interface DecodedSource {
  text: string;
  /** True when the bytes were gzip-compressed. */
  compressed: boolean;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
  /** True when a byte-order mark was found (and removed). */
  hadBom: boolean;
}

// Decodes file bytes (gzip or plain) into text.
export function decodeBytes(bytes: Uint8Array): DecodedSource {
  if (isZip(bytes)) {
    throw new SourceDecodeError('This is a ZIP archive, not a CloudTrail file: extract it first',
      0, '');
  }

  const compressed = isGzip(bytes);
  const plain = compressed ? gunzipAll(bytes) : bytes;
  return { ...decodeText(plain), compressed };
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

/** Decodes text bytes, choosing the encoding from a byte-order mark (UTF-8 without one). */
export function decodeText(bytes: Uint8Array): Omit<DecodedSource, 'compressed'> {
  let encoding: DecodedSource['encoding'] = 'utf-8';
  let hadBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (!hadBom && bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'utf-16le';
    hadBom = true;
  } else if (!hadBom && bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'utf-16be';
    hadBom = true;
  }

  // TextDecoder drops a leading BOM of its own encoding (ignoreBOM is false by default).
  const text = new TextDecoder(encoding, { fatal: false }).decode(bytes);
  return { text, encoding, hadBom };
}

/** Expands every gzip member (concatenated .gz files are one valid gzip stream). */
function gunzipAll(bytes: Uint8Array): Uint8Array {
  const chunks: Uint8Array[] = [];
  let length = 0;
  const gunzip = new Gunzip((chunk) => {
    chunks.push(chunk);
    length += chunk.length;
  });

  try {
    gunzip.push(bytes, true);
  } catch (error) {
    const partial = new TextDecoder('utf-8', { fatal: false }).decode(concat(chunks, length));
    throw new SourceDecodeError(gzipMessage(error, length), bytes.length, partial);
  }
  return concat(chunks, length);
}

/** A readable message for an fflate failure. */
export function gzipMessage(error: unknown, decompressedBytes: number): string {
  const reason = error instanceof Error ? error.message : String(error);
  const where = `after ${decompressedBytes} decompressed bytes`;
  if (/unexpected EOF/i.test(reason)) {
    return `The gzip data ends too early (${where}): the file is truncated`;
  }
  return `The gzip data is corrupt (${reason}, ${where})`;
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
