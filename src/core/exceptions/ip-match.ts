// Equality on Elasticsearch `ip` fields (source.ip). Kibana turns `is` and `is one of` into
// match_phrase queries, which on an `ip` field become term queries; those compare addresses,
// not text, and accept CIDR blocks ("10.0.0.0/8"). Elasticsearch stores IPv4 addresses as
// IPv4-mapped IPv6 addresses, so "::ffff:10.1.2.3" and "10.1.2.3" are the same address.

import { ipInPrefix, parseCidr, parseIp, type IpPrefix } from '../ip-address';

/** An address or CIDR block (an address is a block of all 128 bits). */
export type IpBlock = IpPrefix;

/** Parses "a.b.c.d", an IPv6 address, or either with "/prefix"; undefined if it is neither. */
export function parseIpBlock(text: string): IpBlock | undefined {
  if (text.includes('/')) return parseCidr(text);

  const address = parseIp(text);
  return address === undefined ? undefined : { address, bits: 128 };
}

/** Whether an indexed address lies in the block an exception value names. */
export function ipInBlock(address: string, block: IpBlock): boolean {
  const parsed = parseIp(address);
  return parsed !== undefined && ipInPrefix(parsed, block);
}
