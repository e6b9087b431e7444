// Bytes to text: gzip by magic bytes, byte-order marks, corrupt and cut gzip data, and the
// streaming variant the CLI uses for large .json.gz sets.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { locateEvents } from '../../../src/core/locate';
import { decodeBytes } from '../../../src/core/source/decode';
import { SourceDecodeError } from '../../../src/core/source/decode-error';
import { decodeChunks, gunzipChunks } from '../../../src/core/source/gunzip-stream';
import { fixture } from './helpers';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** A Records file of `count` events with non-ASCII text, large enough to span gzip blocks. */
function bigRecords(count: number): string {
  const events = Array.from({ length: count }, (_, i) => JSON.stringify({
    eventVersion: '1.09', eventTime: '2024-05-01T10:00:00Z', eventID: `id-${i}`,
    eventName: 'DescribeImages', note: `café ☕ 😀 ${i * 7919}`,
  }));
  return `{"Records":[${events.join(',')}]}`;
}

function* chunksOf(bytes: Uint8Array, size: number): Generator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function collect(pieces: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const piece of pieces) text += piece;
  return text;
}

void describe('decodeBytes', () => {
  void it('gunzips data that starts with the gzip magic bytes', () => {
    const text = fixture('records-pretty.json');
    const decoded = decodeBytes(gzipSync(text));

    assert.equal(decoded.compressed, true);
    assert.equal(decoded.text, text);
  });

  void it('decodes plain UTF-8 as it is', () => {
    const text = fixture('records-one-line.json');

    assert.deepEqual(decodeBytes(utf8(text)),
      { text, compressed: false, encoding: 'utf-8', hadBom: false });
  });

  void it('removes a UTF-8 byte-order mark, as VS Code does, so offsets match the editor', () => {
    const text = fixture('records-one-line.json');
    const decoded = decodeBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]));

    assert.equal(decoded.text, text);
    assert.equal(decoded.hadBom, true);
    assert.deepEqual(locateEvents(decoded.text), locateEvents(text));
  });

  void it('decodes UTF-16 little- and big-endian text marked by a byte-order mark', () => {
    const text = '{"Records":[{"eventVersion":"1.09","eventTime":"t","note":"é😀"}]}';
    const le = new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
    const be = new Uint8Array([0xfe, 0xff, ...Buffer.from(text, 'utf16le').swap16()]);

    assert.deepEqual([decodeBytes(le).text, decodeBytes(le).encoding], [text, 'utf-16le']);
    assert.deepEqual([decodeBytes(be).text, decodeBytes(be).encoding], [text, 'utf-16be']);
  });

  void it('expands every member of concatenated gzip files', () => {
    const first = fixture('records-one-line.json');
    const second = fixture('records-pretty.json');
    const decoded = decodeBytes(new Uint8Array([...gzipSync(first), ...gzipSync(second)]));

    assert.equal(decoded.text, first + second);
    assert.equal(locateEvents(decoded.text).events.length, 6);
  });

  void it('reports a cut gzip file and keeps the text before the cut for its events', () => {
    const text = bigRecords(4000);
    const gz = gzipSync(text);
    const whole = locateEvents(text);

    assert.throws(() => decodeBytes(gz.subarray(0, Math.floor(gz.length * 0.6))),
      (error: unknown) => {
        assert.ok(error instanceof SourceDecodeError);
        assert.match(error.message, /truncated/);
        assert.ok(error.partialText.length > 0 && text.startsWith(error.partialText));

        const partial = locateEvents(error.partialText);
        assert.ok(partial.events.length > 0);
        assert.deepEqual(partial.events, whole.events.slice(0, partial.events.length));
        return true;
      });
  });

  void it('reports corrupt gzip data with a clear message', () => {
    const gz = gzipSync(bigRecords(200));
    gz[30] ^= 0xff;
    gz[31] ^= 0xff;

    assert.throws(() => decodeBytes(gz), (error: unknown) =>
      error instanceof SourceDecodeError && /gzip data (is corrupt|ends too early)/.test(error.message));
  });

  void it('refuses a ZIP archive with a message that says so', () => {
    assert.throws(() => decodeBytes(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0])), /ZIP archive/);
  });

  void it('replaces invalid UTF-8 instead of failing', () => {
    assert.equal(decodeBytes(new Uint8Array([0x7b, 0xff, 0x7d])).text, '{\uFFFD}');
  });
});

void describe('gunzipChunks and decodeChunks', () => {
  void it('yield the text of small chunks that split characters', async () => {
    const text = bigRecords(500);
    const gz = gzipSync(text);

    assert.equal(await collect(gunzipChunks(chunksOf(gz, 7))), text);
    assert.equal(await collect(decodeChunks(chunksOf(gz, 1000))), text);
    assert.equal(await collect(decodeChunks(chunksOf(utf8(text), 3))), text);
  });

  void it('drop a leading byte-order mark from the stream', async () => {
    const gz = gzipSync(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('{"a":1}')]));

    assert.equal(await collect(gunzipChunks([gz])), '{"a":1}');
  });

  void it('expand concatenated members across chunk boundaries', async () => {
    const gz = new Uint8Array([...gzipSync('{"a":1}\n'), ...gzipSync('{"b":2}\n')]);

    assert.equal(await collect(gunzipChunks(chunksOf(gz, 5))), '{"a":1}\n{"b":2}\n');
  });

  void it('reject cut and non-gzip input with a SourceDecodeError', async () => {
    const gz = gzipSync(bigRecords(300));

    await assert.rejects(collect(gunzipChunks(chunksOf(gz.subarray(0, gz.length - 50), 64))),
      (error: unknown) => error instanceof SourceDecodeError && /truncated/.test(error.message));
    await assert.rejects(collect(gunzipChunks([utf8('{}')])), SourceDecodeError);
  });
});
