import { lookup as dnsLookup } from 'node:dns';
import type { LookupAddress, LookupOptions } from 'node:dns';
import ipaddr from 'ipaddr.js';

// Ranges a feed fetch must not reach when the private-network guard is on: the host itself,
// the LAN, link-local (cloud metadata at 169.254.169.254), IPv6 unique-local, and "any".
const BLOCKED_RANGES = new Set<string>([
  'loopback',
  'private',
  'linkLocal',
  'uniqueLocal',
  'unspecified',
  'carrierGradeNat',
  'broadcast',
  'multicast',
  'reserved',
]);

/** Error code attached to the socket error when the guard refuses an address. */
export const PRIVATE_ADDRESS_CODE = 'BANTIN_PRIVATE_ADDRESS';

/** An error raised inside the connector so the fetcher can tell a refusal from a network failure. */
export class PrivateAddressError extends Error {
  readonly code = PRIVATE_ADDRESS_CODE;
  readonly address: string;

  constructor(hostname: string, address: string) {
    super(`${hostname} resolves to the non-public address ${address}`);
    this.name = 'PrivateAddressError';
    this.address = address;
  }
}

/** True when the address is loopback, private, link-local, unique-local, unspecified or otherwise non-public. */
export function isNonPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return BLOCKED_RANGES.has(parsed.range());
}

/** The IP literal in a URL hostname (brackets of IPv6 removed), or null for a name. */
export function readLiteralIp(hostname: string): string | null {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return ipaddr.isValid(bare) ? bare : null;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for net.connect that refuses non-public answers. Checking at connect time
 * (not before the request) also covers redirect targets and DNS rebinding.
 */
export function guardedLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) {
      callback(error, []);
      return;
    }
    const refused = addresses.find((entry) => isNonPublicAddress(entry.address));
    if (refused) {
      callback(new PrivateAddressError(hostname, refused.address), []);
      return;
    }
    if (options.all) {
      callback(null, addresses);
      return;
    }
    const first = addresses[0];
    if (!first) {
      callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), []);
      return;
    }
    callback(null, first.address, first.family);
  });
}
