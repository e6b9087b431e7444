// Scans one file as a stream for the CLI: the bytes are read in chunks, gunzipped by node's
// zlib (on its thread pool, so decompression overlaps scanning), decoded as UTF-8 and handed
// to the core's StreamScanner, so that memory stays bounded whatever the file's size. When
// the file is not a plain list of records (or is damaged), the answer is undefined and the
// caller scans the file whole, as before; a streamed result is identical to that scan. Gzip
// data that no reading could turn into text (corrupt, or a bomb past the size cap) is a
// verdict instead: the synchronous reader throws it as a SourceDecodeError rather than have
// the caller expand it all again to find the same fault. A cut stream is left to the caller,
// which scans the text before the cut.
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { PassThrough, pipeline, Readable } from 'node:stream';
import { StreamScanner, type StreamOutcome } from '../core/fast';
import { CheckedGunzip, GzipDataError } from '../core/source/checked-gunzip';
import { MAX_TEXT_BYTES } from '../core/source/decode';
import { SourceDecodeError } from '../core/source/decode-error';
import type { FileReport, PlacedFinding } from '../core/report';
import type { LoadedRule, ScanOptions } from '../core/scan';
import type { Finding, Position } from '../core/types';

/** Bytes read from disk, and decompressed, at a time (fewer, larger zlib callbacks). */
const CHUNK = 256 * 1024;
/** Bytes read at a time by the synchronous reader: fflate inflates each into young objects. */
const SYNC_CHUNK = 32 * 1024;
/**
 * Bytes decoded into one piece of text. Pieces this small are short-lived young objects for
 * V8 (see StreamScanner's step), which keeps memory low.
 */
const PIECE = 32 * 1024;

/**
 * Streams the file at `path` through the scanner. `onBytes` is told how many bytes of the file
 * (compressed, as on disk) have been read so far, for progress.
 */
export async function scanFileStreaming(path: string, rules: readonly LoadedRule[],
  options: ScanOptions, onBytes?: (bytesRead: number) => void): Promise<StreamOutcome | undefined> {
  const chunks = countedChunks(path, onBytes);
  try {
    const first = await chunks.next();
    if (first.done === true) return undefined;
    const head = first.value;

    // UTF-16, ZIP, and a .gz name on bytes that are not gzip are left to the whole-file
    // reader, which knows them and says so.
    const gzip = head[0] === 0x1f && head[1] === 0x8b;
    if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)
      || (head[0] === 0x50 && head[1] === 0x4b) || (!gzip && /\.gz$/i.test(path))) {
      return undefined;
    }

    // A deep buffer after gunzip lets decompression run ahead while a piece is being scanned;
    // pipeline() carries a gunzip error to the loop below.
    const raw = Readable.from(prepend(head, chunks));
    let bytes: Readable = raw;
    if (gzip) {
      const ahead = new PassThrough({ highWaterMark: 8 * 1024 * 1024 });
      pipeline(raw, createGunzip({ chunkSize: CHUNK }), ahead, (error) => {
        if (error) ahead.destroy(error);
      });
      bytes = ahead;
    }
    const scanner = new StreamScanner(rules, options);
    const decoder = new TextDecoder('utf-8');
    for await (const chunk of bytes as AsyncIterable<Buffer>) {
      for (let at = 0; at < chunk.length; at += PIECE) {
        const piece = decoder.decode(chunk.subarray(at, at + PIECE), { stream: true });
        if (!scanner.push(piece)) return undefined;
      }
    }
    if (!scanner.push(decoder.decode())) return undefined;
    return scanner.end();
  } catch {
    // Damaged gzip or an unreadable file: the whole-file reader reports it properly.
    return undefined;
  } finally {
    await chunks.return(undefined);
  }
}

/** Places a streamed outcome for the report, as placeScanResult places a whole-text scan. */
export function placeStreamOutcome(path: string, outcome: StreamOutcome):
  { file: FileReport; findings: PlacedFinding[]; suppressed: PlacedFinding[] } {
  const { result } = outcome;
  const positionAt = (offset: number): Position => outcome.positionAt(offset);
  const errors = result.problems.map((p) => {
    const at = positionAt(p.offset);
    return { message: p.message, line: at.line, character: at.character, severity: p.severity };
  });

  const place = (f: Finding): PlacedFinding => ({ ...f, path,
    range: { start: positionAt(f.span.start), end: positionAt(f.span.end) } });
  const file = { path, layout: result.layout, events: result.events, errors };
  return { file, findings: result.findings.map(place), suppressed: result.suppressed.map(place) };
}

/** The file's chunks, reporting the bytes read so far after each. */
async function* countedChunks(path: string,
  onBytes?: (bytesRead: number) => void): AsyncGenerator<Buffer, void, undefined> {
  let read = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK })) {
    const bytes = chunk as Buffer;
    read += bytes.length;
    onBytes?.(read);
    yield bytes;
  }
}

async function* prepend(first: Buffer, rest: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  yield first;
  for (let next = await rest.next(); next.done !== true; next = await rest.next()) {
    yield next.value;
  }
}

/**
 * The same stream, read synchronously (fs.readSync, fflate's streaming Gunzip): the CLI's scan
 * loop stays synchronous while memory stays bounded. Undefined when the file cannot be
 * streamed; the caller then reads it whole. Throws a SourceDecodeError for gzip data that is
 * corrupt or expands beyond MAX_TEXT_BYTES, which reading it whole would only find again.
 */
export function scanFileStreamingSync(path: string, rules: readonly LoadedRule[],
  options: ScanOptions, onBytes?: (bytesRead: number) => void): StreamOutcome | undefined {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(SYNC_CHUNK);
    let read = readSync(fd, buffer, 0, SYNC_CHUNK, 0);
    const head = buffer.subarray(0, read);
    const gzip = head[0] === 0x1f && head[1] === 0x8b;
    if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)
      || (head[0] === 0x50 && head[1] === 0x4b) || (!gzip && /\.gz$/i.test(path))) {
      return undefined;
    }

    const scanner = new StreamScanner(rules, options);
    const decoder = new TextDecoder('utf-8');
    let ok = true;
    const feed = (bytes: Uint8Array): void => {
      for (let at = 0; ok && at < bytes.length; at += PIECE) {
        ok = scanner.push(decoder.decode(bytes.subarray(at, at + PIECE), { stream: true }));
      }
    };
    // The checked reader verifies each member's CRC-32 and length and stops a gzip bomb.
    const gunzip = gzip ? new CheckedGunzip((chunk) => feed(chunk), MAX_TEXT_BYTES) : undefined;

    // Each chunk handed to fflate is a copy, so the read buffer can be reused at once.
    let position = 0;
    while (read > 0 && ok) {
      position += read;
      onBytes?.(position);
      const bytes = buffer.subarray(0, read);
      if (gunzip) gunzip.push(bytes.slice(), false);
      else feed(bytes);
      read = readSync(fd, buffer, 0, SYNC_CHUNK, position);
    }
    // Ending a stream read only in part could take its last bytes for a bad trailer.
    if (!ok) return undefined;
    gunzip?.push(new Uint8Array(0), true);

    if (!scanner.push(decoder.decode())) return undefined;
    return scanner.end();
  } catch (error) {
    if (error instanceof GzipDataError && error.failure !== 'truncated') {
      throw new SourceDecodeError(error.message, error.consumed, '');
    }
    // A cut stream or an unreadable file: the whole-file reader reports it properly.
    return undefined;
  } finally {
    closeSync(fd);
  }
}
