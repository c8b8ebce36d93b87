// Which network addresses Jawab may reach on behalf of an admin's configuration (crawled websites,
// integrations): public unicast only. Private, loopback, link-local (cloud metadata at 169.254.169.254),
// unique-local, CGNAT, multicast, reserved and unspecified addresses are refused, unless the operator
// allow-listed the host, the address or its network (ALLOWED_PRIVATE_HOSTS), e.g. an intranet wiki.
// An allow-list entry opens ports 80 and 443 only, unless it names its port (`wiki.internal:8080`,
// `10.0.0.5:8443`, `[fd00::5]:8080`, `10.0.0.0/8:8080`, or `:*` for every port): allowing a host's web server
// must not open its database or admin ports to a redirect.
// An IPv6 address that carries an IPv4 address (IPv4-mapped ::ffff:a.b.c.d, IPv4-compatible ::a.b.c.d, SIIT
// ::ffff:0:a.b.c.d, NAT64 64:ff9b::/96 and 64:ff9b:1::/48, 6to4 2002::/16, Teredo 2001::/32) is judged as that
// IPv4 address: [::127.0.0.1] is loopback, 64:ff9b::8.8.8.8 is public.
import ipaddr from 'ipaddr.js';

export class BlockedAddressError extends Error {
  readonly code = 'blocked_address';
}

export interface AddressPolicy {
  /** Host names, IP addresses or CIDR ranges that may be private, each with an optional port. */
  allowPrivateHosts: readonly string[];
}

/** The ports an allow-list entry opens when it names none. */
const WEB_PORTS: readonly number[] = [80, 443];

interface AllowEntry {
  /** A host name, an address or a CIDR range, normalised. */
  target: string;
  /** Undefined: every port. */
  ports: readonly number[] | undefined;
}

type Address = ipaddr.IPv4 | ipaddr.IPv6;

function normalizeHost(host: string): string {
  return host.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
}

/** `host`, `host:port`, `[v6]`, `[v6]:port`, `v6`, a CIDR range with or without `:port`; `*` as the port opens all. */
export function parseAllowEntry(raw: string): AllowEntry | undefined {
  const entry = raw.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}|\*))?$/.exec(entry);
  const [target, port] = bracketed
    ? [bracketed[1]!, bracketed[2]]
    : entry.split(':').length > 2 // a bare IPv6 address or range has no port
      ? [entry, undefined]
      : [entry.split(':')[0]!, entry.split(':')[1]];
  if (!target || (port !== undefined && port !== '*' && !(/^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65_535))) return undefined;
  if (target.includes('/') && !isCidr(target)) return undefined;
  if (!target.includes('/') && !ipaddr.isValid(target) && !/^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*\.?$/.test(target)) return undefined;
  return { target: normalizeHost(target), ports: port === '*' ? undefined : port === undefined ? WEB_PORTS : [Number(port)] };
}

function isCidr(text: string): boolean {
  try {
    ipaddr.parseCIDR(text);
    return true;
  } catch {
    return false;
  }
}

/** The IPv4 address an IPv6 address carries, if it is of a form that carries one. */
function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4 | undefined {
  const bytes = address.toByteArray();
  const v4 = (at: number, flip = 0) => new ipaddr.IPv4(bytes.slice(at, at + 4).map((b) => b ^ flip));
  const zeros = (from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
  const range = address.range();
  if (range === 'ipv4Mapped' || range === 'rfc6145' || range === 'rfc6052') return v4(12);
  // IPv4-compatible ::a.b.c.d (deprecated, still routed by some stacks); :: and ::1 stay what they are.
  if (zeros(0, 12) && !zeros(12, 15)) return v4(12);
  // NAT64 for local use, 64:ff9b:1::/48 (RFC 8215): the IPv4 address in the last 32 bits.
  if (bytes[0] === 0x00 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b && bytes[4] === 0x00 && bytes[5] === 0x01) return v4(12);
  if (range === '6to4') return v4(2);
  // Teredo: the client's address, inverted, in the last 32 bits (it is where the packets go).
  if (range === 'teredo') return v4(12, 0xff);
  return undefined;
}

function parse(address: string): Address | undefined {
  if (!ipaddr.isValid(address)) return undefined;
  const parsed = ipaddr.parse(address);
  return parsed.kind() === 'ipv6' ? (embeddedIPv4(parsed as ipaddr.IPv6) ?? parsed) : parsed;
}

export function isIpAddress(host: string): boolean {
  return ipaddr.isValid(normalizeHost(host));
}

/** True for a public unicast address (an IPv6 form carrying an IPv4 address is judged as that address). */
export function isPublicAddress(address: string): boolean {
  const parsed = parse(normalizeHost(address));
  return parsed !== undefined && parsed.range() === 'unicast';
}

function matches(entry: AllowEntry, host: string, address: Address | undefined): boolean {
  if (entry.target === host) return true;
  if (address === undefined) return false;
  if (entry.target.includes('/')) {
    const [range, bits] = ipaddr.parseCIDR(entry.target);
    const inRange = (candidate: Address) => candidate.kind() === range.kind() && candidate.match([range, bits] as never);
    return inRange(address) || (range.kind() === 'ipv6' && address.kind() === 'ipv4' && inRange((address as ipaddr.IPv4).toIPv4MappedAddress()));
  }
  const listed = parse(entry.target);
  return listed !== undefined && listed.kind() === address.kind() && listed.toNormalizedString() === address.toNormalizedString();
}

function allowListed(host: string, address: string, port: number, policy: AddressPolicy): { allowed: boolean; otherPort: boolean } {
  const parsed = parse(address);
  const entries = policy.allowPrivateHosts.map(parseAllowEntry).filter((e): e is AllowEntry => e !== undefined && matches(e, host, parsed));
  return { allowed: entries.some((e) => e.ports === undefined || e.ports.includes(port)), otherPort: entries.length > 0 };
}

/** Throws BlockedAddressError unless `address` (what `host` resolved to) may be reached on `port`. */
export function checkAddress(host: string, address: string, port: number, policy: AddressPolicy): void {
  const name = normalizeHost(host);
  const plain = normalizeHost(address);
  if (isPublicAddress(plain)) return;
  const listed = allowListed(name, plain, port, policy);
  if (listed.allowed) return;
  const parsed = parse(plain);
  // An IPv6 form judged as the IPv4 address it carries names that address too.
  const judged = parsed?.kind() === 'ipv4' && plain.includes(':') ? `, judged as ${parsed.toString()}` : '';
  const shown = name === plain ? (judged ? `${address} (${judged.slice(2)})` : address) : `${host} (${address}${judged})`;
  const range = parsed?.range() ?? 'invalid';
  throw new BlockedAddressError(
    listed.otherPort
      ? `${shown} is allow-listed for other ports than ${port}; add ${name.includes(':') ? `[${name}]` : name}:${port} to ALLOWED_PRIVATE_HOSTS to allow it`
      : `${shown} is a ${range} address; add it to ALLOWED_PRIVATE_HOSTS to allow it`,
  );
}
