// IP addresses and CIDR blocks for `ip` fields. Elasticsearch stores every address as 16
// bytes, an IPv4 address as the IPv4-mapped IPv6 address ::ffff:a.b.c.d, and compares the
// bytes; a query value with a `/` is a CIDR block (a prefix query). This module does the same.
// Parsing is strict like Elasticsearch's InetAddresses.forString: dotted-quad IPv4 without
// leading zeros, IPv6 with at most one `::` and an optional trailing IPv4 part, no zone id.

/** An address as 16 bytes (IPv4 mapped into ::ffff:0:0/96). */
export type IpBytes = Uint8Array;

/** A CIDR block: an address and the number of leading bits that must agree. */
export interface IpPrefix {
  address: IpBytes;
  bits: number;
}

/** Parse an IPv4 or IPv6 address; undefined when it is not one. */
export function parseIp(text: string): IpBytes | undefined {
  if (text.includes(':')) return parseIpv6(text);
  const v4 = parseIpv4(text);
  if (!v4) return undefined;
  const bytes = new Uint8Array(16);
  bytes[10] = 0xff;
  bytes[11] = 0xff;
  bytes.set(v4, 12);
  return bytes;
}

/** Parse `address/bits`; for IPv4 the prefix counts IPv4 bits, as Elasticsearch's does. */
export function parseCidr(text: string): IpPrefix | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const addressText = text.slice(0, slash);
  const bitsText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bitsText)) return undefined;

  const address = parseIp(addressText);
  if (!address) return undefined;
  const isV4 = !addressText.includes(':');
  const bits = Number(bitsText);
  if (bits > (isV4 ? 32 : 128)) return undefined;

  return { address, bits: isV4 ? bits + 96 : bits };
}

/** Compare two addresses byte by byte: negative, zero or positive. */
export function compareIp(a: IpBytes, b: IpBytes): number {
  for (let i = 0; i < 16; i++) {
    if (a[i] !== b[i]) return a[i] - b[i];
  }
  return 0;
}

/** Whether `address` lies inside the block. */
export function ipInPrefix(address: IpBytes, prefix: IpPrefix): boolean {
  let bits = prefix.bits;
  for (let i = 0; i < 16 && bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((address[i] & mask) !== (prefix.address[i] & mask)) return false;
  }
  return true;
}

function parseIpv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes: number[] = [];

  for (const part of parts) {
    // Leading zeros are refused: they are ambiguous (octal in some parsers).
    if (!/^\d{1,3}$/.test(part) || (part.length > 1 && part.startsWith('0'))) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    bytes.push(n);
  }
  return bytes;
}

function parseIpv6(text: string): IpBytes | undefined {
  // An IPv4 tail supplies the last two groups.
  let body = text;
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    const v4 = parseIpv4(text.slice(lastColon + 1));
    if (!v4) return undefined;
    tail = v4;
    // "a::1.2.3.4" keeps its "::"; "a:b:c:d:e:f:1.2.3.4" drops the separator before the tail.
    const prefix = text.slice(0, lastColon + 1);
    body = prefix.endsWith('::') ? prefix : prefix.slice(0, -1);
  }

  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (s: string): number[] | undefined => {
    if (s === '') return [];
    const groups: number[] = [];
    for (const g of s.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      groups.push(parseInt(g, 16));
    }
    return groups;
  };

  const left = groupsOf(halves[0]);
  const right = halves.length === 2 ? groupsOf(halves[1]) : [];
  if (!left || !right) return undefined;
  const wanted = tail.length > 0 ? 6 : 8;
  const present = left.length + right.length;
  if (halves.length === 1 ? present !== wanted : present >= wanted) return undefined;

  const groups = [...left, ...new Array<number>(wanted - present).fill(0), ...right];
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => {
    bytes[i * 2] = g >> 8;
    bytes[i * 2 + 1] = g & 0xff;
  });
  bytes.set(tail, 12);
  return bytes;
}
