// Which network addresses Jawab may reach on behalf of an admin's configuration (crawled websites,
// integrations): public unicast only. Private, loopback, link-local (cloud metadata at 169.254.169.254),
// unique-local, CGNAT, multicast, reserved and unspecified addresses are refused, unless the operator
// allow-listed the host, the address or its network (ALLOWED_PRIVATE_HOSTS), e.g. an intranet wiki.
import ipaddr from 'ipaddr.js';

export class BlockedAddressError extends Error {
  readonly code = 'blocked_address';
}

export interface AddressPolicy {
  /** Host names, IP addresses or CIDR ranges that may be private. */
  allowPrivateHosts: readonly string[];
}

function normalizeHost(host: string): string {
  return host.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
}

function parse(address: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  if (!ipaddr.isValid(address)) return undefined;
  const parsed = ipaddr.parse(address);
  // ::ffff:10.0.0.1 is 10.0.0.1.
  return parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress() ? (parsed as ipaddr.IPv6).toIPv4Address() : parsed;
}

export function isIpAddress(host: string): boolean {
  return ipaddr.isValid(normalizeHost(host));
}

/** True for a public unicast address. */
export function isPublicAddress(address: string): boolean {
  const parsed = parse(normalizeHost(address));
  return parsed !== undefined && parsed.range() === 'unicast';
}

function allowListed(host: string, address: string | undefined, policy: AddressPolicy): boolean {
  const parsed = address === undefined ? undefined : parse(address);
  return policy.allowPrivateHosts.some((entry) => {
    const item = normalizeHost(entry.trim());
    if (item === '') return false;
    if (item === host) return true;
    if (parsed === undefined) return false;
    if (item.includes('/')) {
      try {
        const [range, bits] = ipaddr.parseCIDR(item);
        return range.kind() === parsed.kind() && parsed.match([range, bits] as never);
      } catch {
        return false;
      }
    }
    const listed = parse(item);
    return listed !== undefined && listed.kind() === parsed.kind() && listed.toNormalizedString() === parsed.toNormalizedString();
  });
}

/** Throws BlockedAddressError unless `address` (what `host` resolved to) may be reached. */
export function checkAddress(host: string, address: string, policy: AddressPolicy): void {
  const name = normalizeHost(host);
  if (isPublicAddress(address) || allowListed(name, normalizeHost(address), policy)) return;
  const range = parse(normalizeHost(address))?.range() ?? 'invalid';
  const shown = name === normalizeHost(address) ? address : `${host} (${address})`;
  throw new BlockedAddressError(`${shown} is a ${range} address; add it to ALLOWED_PRIVATE_HOSTS to allow it`);
}
