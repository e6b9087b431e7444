// Bytes that are not what they claim: gzip bombs, .json.gz files cut at every offset or
// damaged, UTF-16 without a byte-order mark, binary garbage. decodeBytes must either give the
// file's text or throw a SourceDecodeError that says what is wrong, and never fill the memory.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { scanText } from '../../../src/core/scan';
import { decodeBytes, decodeKeepingCut } from '../../../src/core/source/decode';
import { SourceDecodeError } from '../../../src/core/source/decode-error';
import { gunzipChunks } from '../../../src/core/source/gunzip-stream';
import { allRules, assertScanContract, CORPUS, corpusText } from './helpers';
import { gzipBomb } from './inputs';

const GZ_NAME = 'trailscraper_111111111111_CloudTrail_eu-central-1_20171211T1505Z_A6kvhMoVeCsc7v8U'
  + '.json.gz';
const MIB = 1024 * 1024;

/** The SourceDecodeError decodeBytes throws for the bytes (fails when it throws none). */
function decodeError(bytes: Uint8Array, maxBytes?: number): SourceDecodeError {
  try {
    decodeBytes(bytes, { maxBytes });
  } catch (error) {
    assert.ok(error instanceof SourceDecodeError, String(error));
    return error;
  }
  assert.fail(`decoded ${bytes.length} bytes without an error`);
}

async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const piece of chunks) text += piece;
  return text;
}

void describe('gzip bombs', () => {
  void it('stop with a clear error soon after the cap, whatever they would expand to', () => {
    const compressed = gzipBomb(16, 256);
    const started = performance.now();
    const error = decodeError(compressed, 4 * MIB);

    assert.match(error.message, /expands to more than 4 MiB .*too large/);
    assert.equal(error.partialText, '');
    assert.ok(error.byteOffset < compressed.length / 10, `read ${error.byteOffset} bytes`);
    assert.ok(performance.now() - started < 2000);
  });

  void it('refuse a plain file above the cap before decoding it', () => {
    const error = decodeError(Buffer.alloc(2 * MIB, 0x20), MIB);

    assert.match(error.message, /holds 2097152 bytes, more than the 1 MiB/);
  });
});

void describe('cut and damaged gzip files', () => {
  const bytes = readFileSync(path.join(CORPUS, GZ_NAME));
  const whole = corpusText(GZ_NAME);

  void it('report a cut at every offset of a real .json.gz, keeping the text before it', () => {
    const rules = allRules();
    for (let cut = 2; cut < bytes.length; cut++) {
      const error = decodeError(bytes.subarray(0, cut));

      assert.match(error.message, /truncated|corrupt/, `cut at ${cut}`);
      assert.ok(whole.startsWith(error.partialText), `cut at ${cut}`);
      assertScanContract(error.partialText, scanText(error.partialText, rules));
    }
    assert.equal(decodeBytes(bytes).text, whole);
  });

  void it('report a cut anywhere in concatenated files but exactly between them', () => {
    const first = gzipSync('{"Records":[{"eventVersion":"1.08","eventName":"A"}]}\n');
    const both = Buffer.concat([first, gzipSync('{"Records":[{"eventVersion":"1.08"}]}\n')]);

    for (let cut = 2; cut < both.length; cut++) {
      if (cut === first.length) {
        assert.equal(decodeBytes(both.subarray(0, cut)).text, decodeBytes(first).text);
      } else {
        assert.match(decodeError(both.subarray(0, cut)).message, /truncated|corrupt/, `${cut}`);
      }
    }
  });

  void it('keep the text before a cut with the cut at its end, and still refuse corruption', () => {
    const middle = Math.floor(bytes.length / 2);
    const kept = decodeKeepingCut(bytes.subarray(0, middle));
    const corrupt = Buffer.from(bytes);
    corrupt[corrupt.length - 6] ^= 0x01;

    assert.ok(kept.text.length > 0 && whole.startsWith(kept.text));
    assert.equal(kept.cut?.offset, kept.text.length);
    assert.equal(kept.cut?.severity, 'error');
    assert.match(kept.cut?.message ?? '', /truncated/);
    assert.deepEqual(decodeKeepingCut(bytes), { text: whole, compressed: true });
    assert.throws(() => decodeKeepingCut(corrupt), /CRC-32/);
  });

  void it('check the CRC-32 and the length of each member', () => {
    const crc = Buffer.from(bytes);
    crc[crc.length - 6] ^= 0x01;
    const size = Buffer.from(bytes);
    size[size.length - 3] ^= 0x01;

    assert.match(decodeError(crc).message, /member 1 fails its CRC-32 check/);
    assert.match(decodeError(size).message, /member 1 fails its length check/);
  });

  void it('accept zero padding after the last member, as gzip does', () => {
    assert.equal(decodeBytes(Buffer.concat([bytes, Buffer.alloc(3)])).text, whole);
  });

  void it('report a cut stream in the streaming reader too', async () => {
    const cut = bytes.subarray(0, bytes.length - 4);

    await assert.rejects(collect(gunzipChunks([cut])),
      (error: unknown) => error instanceof SourceDecodeError && /truncated/.test(error.message));
    assert.equal(await collect(gunzipChunks([bytes.subarray(0, 100), bytes.subarray(100)])),
      whole);
  });
});

void describe('text encodings and garbage', () => {
  const text = corpusText('trailscraper_events-for-smoke-test.json');

  void it('read UTF-16 without a byte-order mark as VS Code does', () => {
    const le = Buffer.from(text, 'utf16le');
    const be = Buffer.from(text, 'utf16le').swap16();

    assert.deepEqual([decodeBytes(le).text, decodeBytes(le).encoding], [text, 'utf-16le']);
    assert.deepEqual([decodeBytes(be).text, decodeBytes(be).encoding], [text, 'utf-16be']);
    assert.equal(scanText(decodeBytes(le).text, allRules()).events, 3);
  });

  void it('read binary garbage as text with replacement characters, never throwing', () => {
    let seed = 7;
    const random = Buffer.alloc(100_000).map(() => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed >>> 16;
    });

    for (const bytes of [random, Buffer.alloc(1000), Buffer.from([0x1f]), Buffer.alloc(0)]) {
      const decoded = decodeBytes(bytes);
      assert.equal(decoded.encoding, 'utf-8');
      assertScanContract(decoded.text, scanText(decoded.text, allRules()));
    }
  });
});
