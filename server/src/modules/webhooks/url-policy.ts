import { BlockList, isIP } from 'node:net';

// Where a webhook may point. A webhook makes this server send requests to an address an event
// admin typed in, which is server-side request forgery waiting to happen: without these rules an
// admin could reach the cloud's metadata service, the database, or anything else on the private
// network behind Steward. The address is checked when it is saved (a clear error at once) and
// again on every connection (the name may resolve elsewhere by then: DNS rebinding).

export interface UrlPolicy {
  /**
   * Loopback (127.0.0.0/8, ::1, localhost) allowed, over plain http too: development and tests
   * only, so a receiver on one's own machine works. Private networks stay refused even then.
   */
  allowLoopback: boolean;
}

/**
 * The policy of an installation: loopback only where the operator allows it
 * (WEBHOOK_ALLOW_LOOPBACK) or under NODE_ENV=test — never merely because NODE_ENV was left unset.
 */
export function urlPolicyFor(opts: { allowLoopback: boolean }): UrlPolicy {
  return { allowLoopback: opts.allowLoopback };
}

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

// Every range that is not the public internet: private networks, link-local (the metadata
// service at 169.254.169.254), carrier-grade NAT, documentation, benchmarking, multicast and
// reserved space, and their IPv6 counterparts. IPv4-mapped IPv6 addresses (::ffff:10.0.0.1)
// are checked against the IPv4 rules by BlockList itself.
const nonPublic = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  nonPublic.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96], // NAT64: an IPv4 address in disguise; refused rather than decoded
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001:db8::', 32],
  ['2002::', 16], // 6to4, which also embeds IPv4
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  nonPublic.addSubnet(net, prefix, 'ipv6');
}

/** Whether a connection to this IP address is allowed under the policy. */
export function addressAllowed(address: string, policy: UrlPolicy): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (loopback.check(address, type)) return policy.allowLoopback;
  return !nonPublic.check(address, type);
}

const LOOPBACK_NAMES = /^(localhost|localhost\.localdomain|.+\.localhost)\.?$/i;

/**
 * Why a webhook URL is refused, or null when it may be saved: https only (http just for a
 * loopback receiver where loopback is allowed), no credentials in it, and no literal address or
 * name that is not on the public internet. Names are resolved at delivery, not here.
 */
export function urlProblem(raw: string, policy: UrlPolicy): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'Enter a full web address starting with https://';
  }
  if (url.username || url.password) return 'Leave the user name and password out of the address';
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const literal = isIP(host) !== 0;
  const isLoopback = literal
    ? loopback.check(host, isIP(host) === 4 ? 'ipv4' : 'ipv6')
    : LOOPBACK_NAMES.test(host);
  if (url.protocol === 'http:') {
    if (isLoopback && policy.allowLoopback) return null;
    return 'Use an https:// address';
  }
  if (url.protocol !== 'https:') return 'Use an https:// address';
  if (isLoopback) {
    return policy.allowLoopback ? null : 'This address points at the Steward server itself';
  }
  if (literal && !addressAllowed(host, policy)) {
    return 'This address is on a private network; use a public https:// address';
  }
  if (!literal && !host.includes('.')) return 'Use a full host name, such as hooks.slack.com';
  return null;
}

/** The scheme and host of a URL: what logs and the audit log may show of it (see below). */
export function urlOrigin(raw: string): string {
  try {
    return new URL(raw).origin;
  } catch {
    return '(invalid)';
  }
}
