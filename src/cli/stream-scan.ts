// Scans one file as a stream for the CLI: the bytes are read in chunks, gunzipped by node's
// zlib (on its thread pool, so decompression overlaps scanning), decoded as UTF-8 and handed
// to the core's StreamScanner, so that memory stays bounded whatever the file's size. When
// the file is not a plain list of records (or is damaged), the answer is undefined and the
// caller scans the file whole, as before; a streamed result is identical to that scan.
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { PassThrough, Readable } from 'node:stream';
import { StreamScanner, type StreamOutcome } from '../core/fast';
import type { FileReport, PlacedFinding } from '../core/report';
import type { LoadedRule, ScanOptions } from '../core/scan';
import type { Finding, Position } from '../core/types';

/** Bytes read from disk at a time. */
const CHUNK = 1024 * 1024;
/** Decompressed bytes decoded to text at a time. */
const DECODE_BATCH = 2 * 1024 * 1024;

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

    // UTF-16 and ZIP files are left to the whole-file reader, which knows them.
    if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)
      || (head[0] === 0x50 && head[1] === 0x4b)) {
      return undefined;
    }

    // A deep buffer after gunzip lets decompression run ahead while a piece is being scanned.
    const raw = Readable.from(prepend(head, chunks));
    const bytes = head[0] === 0x1f && head[1] === 0x8b
      ? raw.pipe(createGunzip({ chunkSize: 256 * 1024 }))
        .pipe(new PassThrough({ highWaterMark: 8 * 1024 * 1024 }))
      : raw;
    // Bytes are decoded a few megabytes at a time: fewer, larger strings to collect later.
    const scanner = new StreamScanner(rules, options);
    const decoder = new TextDecoder('utf-8');
    let batch: Buffer[] = [];
    let batched = 0;
    for await (const chunk of bytes as AsyncIterable<Buffer>) {
      batch.push(chunk);
      batched += chunk.length;
      if (batched < DECODE_BATCH) continue;
      if (!scanner.push(decoder.decode(Buffer.concat(batch), { stream: true }))) return undefined;
      batch = [];
      batched = 0;
    }
    if (!scanner.push(decoder.decode(Buffer.concat(batch)))) return undefined;
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
