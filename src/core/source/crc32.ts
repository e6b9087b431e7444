// CRC-32 as gzip uses it (ISO 3309, the reflected polynomial 0xEDB88320, RFC 1952 section 8),
// to check each gzip member's trailer. Four bytes per step through four tables ("slicing by
// four"), which keeps the check well below the cost of inflating the same bytes.

const POLYNOMIAL = 0xedb88320;

const TABLES = buildTables();

function buildTables(): Int32Array {
  const tables = new Int32Array(4 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = (c & 1) !== 0 ? POLYNOMIAL ^ (c >>> 1) : c >>> 1;
    tables[n] = c;
  }

  // Table s advances a byte that sits s positions before the end of a four-byte group.
  for (let s = 1; s < 4; s++) {
    for (let n = 0; n < 256; n++) {
      const previous = tables[(s - 1) * 256 + n];
      tables[s * 256 + n] = (previous >>> 8) ^ tables[previous & 0xff];
    }
  }
  return tables;
}

/** Continues the CRC-32 `crc` (0 to start) over `bytes`; returns it as an unsigned value. */
export function crc32(crc: number, bytes: Uint8Array): number {
  const t = TABLES;
  const n = bytes.length;
  let c = ~crc;
  let i = 0;

  for (; i + 4 <= n; i += 4) {
    c ^= bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24);
    c = t[768 + (c & 0xff)] ^ t[512 + ((c >>> 8) & 0xff)] ^ t[256 + ((c >>> 16) & 0xff)]
      ^ t[c >>> 24];
  }
  for (; i < n; i++) c = t[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}
