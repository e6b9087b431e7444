// Equality on Elasticsearch `ip` fields (source.ip). Kibana turns `is` and `is one of` into
// match_phrase queries, which on an `ip` field become term queries; those compare addresses,
// not text, and accept CIDR blocks ("10.0.0.0/8"). Elasticsearch stores IPv4 addresses as
// IPv4-mapped IPv6 addresses, so "::ffff:10.1.2.3" and "10.1.2.3" are the same address.

const IPV4_MAPPED_PREFIX = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

/** An address or CIDR block as 16 bytes and a prefix length in bits. */
export interface IpBlock {
  bytes: number[];
  prefix: number;
}

/** Parses "a.b.c.d", an IPv6 address, or either with "/prefix"; undefined if it is neither. */
export function parseIpBlock(text: string): IpBlock | undefined {
  const slash = text.indexOf('/');
  const addressText = slash < 0 ? text : text.slice(0, slash);
  const isV4 = !addressText.includes(':');
  const bytes = isV4 ? parseIpv4(addressText) : parseIpv6(addressText);
  if (bytes === undefined) return undefined;

  const maxPrefix = isV4 ? 32 : 128;
  let prefix = maxPrefix;
  if (slash >= 0) {
    const prefixText = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > maxPrefix) return undefined;
    prefix = Number(prefixText);
  }

  return { bytes, prefix: isV4 ? prefix + 96 : prefix };
}

/** Whether an indexed address lies in the block an exception value names. */
export function ipInBlock(address: string, block: IpBlock): boolean {
  const parsed = parseIpBlock(address);
  if (parsed === undefined || parsed.prefix !== 128) return false;

  for (let bit = 0; bit < block.prefix; bit++) {
    const byte = bit >> 3;
    const mask = 0x80 >> (bit & 7);
    if ((parsed.bytes[byte] & mask) !== (block.bytes[byte] & mask)) return false;
  }
  return true;
}

function parseIpv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;

  const bytes: number[] = [];
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    bytes.push(Number(part));
  }
  return [...IPV4_MAPPED_PREFIX, ...bytes];
}

function parseIpv6(text: string): number[] | undefined {
  // an embedded IPv4 tail ("::ffff:1.2.3.4") stands for the last two groups
  let tail: number[] = [];
  let head = text;
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    const v4 = parseIpv4(text.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    tail = v4.slice(12);
    head = text[lastColon - 1] === ':' ? text.slice(0, lastColon + 1) : text.slice(0, lastColon);
  }

  const groups = expandGroups(head, 8 - tail.length / 2);
  if (groups === undefined) return undefined;

  const bytes: number[] = [];
  for (const group of groups) bytes.push(group >> 8, group & 0xff);
  return [...bytes, ...tail];
}

function expandGroups(text: string, count: number): number[] | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;

  const parse = (part: string): number[] | undefined => {
    if (part === '') return [];
    const groups: number[] = [];
    for (const g of part.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      groups.push(parseInt(g, 16));
    }
    return groups;
  };

  const left = parse(halves[0]);
  const right = halves.length === 2 ? parse(halves[1]) : [];
  if (left === undefined || right === undefined) return undefined;

  if (halves.length === 1) return left.length === count ? left : undefined;
  const missing = count - left.length - right.length;
  if (missing < 1) return undefined;
  return [...left, ...new Array<number>(missing).fill(0), ...right];
}
