// Streaming decompression for the CLI: a huge .json.gz is expanded and decoded piece by piece,
// so memory stays bounded by the chunk sizes rather than by the file.
import { CheckedGunzip, GzipDataError } from './checked-gunzip';
import { isGzip } from './decode';
import { SourceDecodeError } from './decode-error';

type ByteChunks = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

// Expands gzip bytes (one or more members) arriving in chunks and yields the UTF-8 text in
// pieces (a leading BOM removed, characters split across chunks kept whole). On damage it
// throws a SourceDecodeError whose partialText is the text decoded since the last piece.
export async function* gunzipChunks(chunks: ByteChunks): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const ready: Uint8Array[] = [];
  const gunzip = new CheckedGunzip((data) => {
    ready.push(data);
  });

  const push = (chunk: Uint8Array, final: boolean): void => {
    try {
      gunzip.push(chunk, final);
    } catch (error) {
      if (!(error instanceof GzipDataError)) throw error;
      const partial = ready.map((data) => decoder.decode(data, { stream: true })).join('');
      throw new SourceDecodeError(error.message, error.consumed, partial);
    }
  };

  // Decodes and hands out the decompressed pieces gathered so far.
  function* drain(): Generator<string> {
    while (ready.length > 0) {
      const text = decoder.decode(ready.shift(), { stream: true });
      if (text !== '') yield text;
    }
  }

  let sawBytes = false;
  for await (const chunk of chunks) {
    if (chunk.length === 0) continue;
    if (!sawBytes && (chunk[0] !== 0x1f || (chunk.length > 1 && chunk[1] !== 0x8b))) {
      throw new SourceDecodeError('The data is not gzip (no 1f 8b magic bytes)', 0, '');
    }
    sawBytes = true;
    push(chunk, false);
    yield* drain();
  }

  if (!sawBytes) return;
  push(new Uint8Array(0), true);
  yield* drain();
  const rest = decoder.decode();
  if (rest !== '') yield rest;
}

// Yields the text of byte chunks, gunzipped first when they start with the gzip magic bytes.
export async function* decodeChunks(chunks: ByteChunks): AsyncGenerator<string> {
  const iterator = toAsyncIterator(chunks);
  const first = await iterator.next();
  if (first.done === true) return;

  const all = prepend(first.value, iterator);
  if (isGzip(first.value)) {
    yield* gunzipChunks(all);
    return;
  }
  const decoder = new TextDecoder('utf-8', { fatal: false });
  for await (const chunk of all) {
    const text = decoder.decode(chunk, { stream: true });
    if (text !== '') yield text;
  }
  const rest = decoder.decode();
  if (rest !== '') yield rest;
}

function toAsyncIterator(chunks: ByteChunks): AsyncIterator<Uint8Array> {
  if (Symbol.asyncIterator in chunks) return chunks[Symbol.asyncIterator]();
  const sync = chunks[Symbol.iterator]();
  return { next: () => Promise.resolve(sync.next()) };
}

async function* prepend(first: Uint8Array,
  rest: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield first;
  for (let next = await rest.next(); next.done !== true; next = await rest.next()) {
    yield next.value;
  }
}
