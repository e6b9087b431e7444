// Whether a string is one IP address, as the pipeline's `convert` processor to type ip decides
// (Elasticsearch's InetAddresses, derived from Guava): dotted-quad IPv4 without leading zeros,
// or IPv6 with at most one "::" and an optional trailing IPv4 part. Host names, "AWS Internal"
// and comma-separated lists are not addresses.

const IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const HEX_GROUP = /^[0-9A-Fa-f]{1,4}$/;

/** True when value is a single IPv4 or IPv6 address. */
export function isIpAddress(value: string): boolean {
  if (value.includes(':')) return isIpv6(value);
  return IPV4.test(value);
}

function isIpv6(value: string): boolean {
  const halves = value.split('::');
  if (halves.length > 2) return false;
  const compressed = halves.length === 2;
  const head = halves[0] === '' ? [] : halves[0].split(':');
  const tail = compressed ? (halves[1] === '' ? [] : halves[1].split(':')) : [];
  const groups = [...head, ...tail];

  // A trailing dotted quad stands for the last two groups.
  let count = groups.length;
  const last = groups[groups.length - 1];
  if (last !== undefined && last.includes('.')) {
    if (!IPV4.test(last)) return false;
    groups.pop();
    count++;
  }
  if (!groups.every((group) => HEX_GROUP.test(group))) return false;
  return compressed ? count <= 7 : count === 8;
}
