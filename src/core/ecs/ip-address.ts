// Whether a string is one IP address, as the pipeline's `convert` processor to type ip decides
// (Elasticsearch's InetAddresses): the same strict parser the query side uses. Host names,
// "AWS Internal" and comma-separated lists are not addresses.
import { parseIp } from '../ip-address';

/** True when value is a single IPv4 or IPv6 address. */
export function isIpAddress(value: string): boolean {
  return parseIp(value) !== undefined;
}
