/**
 * IPv4 CIDR maths on plain numbers.
 *
 * Addresses are unsigned 32-bit integers held in JS numbers (0..2^32-1).
 * We use arithmetic (`*`, `%`, `2 **`) rather than bit operators because
 * JS bit operators work on *signed* 32-bit integers and would turn
 * 128.0.0.0 and above into negative numbers.
 */

/** A parsed CIDR block: its network address and prefix length. */
export interface Cidr {
  /** Network address as an unsigned 32-bit integer (host bits are zero). */
  network: number;
  /** Prefix length, 0..32. */
  prefix: number;
}

/** First and last address of a block, both inclusive. */
export interface AddressRange {
  start: number;
  end: number;
}

const MAX_ADDRESS = 2 ** 32 - 1;

/** Thrown for any malformed address or block; the message names the value and the rule. */
export class CidrError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CidrError';
  }
}

/** Parses a dotted-quad address strictly: four decimal octets 0..255, no leading zeros. */
export function parseIpv4(text: string): number {
  const octets = text.split('.');
  if (octets.length !== 4) {
    throw new CidrError(
      `'${text}' is not an IPv4 address: expected four dot-separated octets`,
    );
  }
  let value = 0;
  for (const octet of octets) {
    // Leading zeros are rejected because some tools read them as octal.
    if (!/^(0|[1-9]\d{0,2})$/.test(octet) || Number(octet) > 255) {
      throw new CidrError(
        `'${text}' is not an IPv4 address: octet '${octet}' must be a decimal number 0..255 without leading zeros`,
      );
    }
    value = value * 256 + Number(octet);
  }
  return value;
}

/** Formats an unsigned 32-bit integer as a dotted quad. */
export function formatIpv4(address: number): string {
  if (!Number.isInteger(address) || address < 0 || address > MAX_ADDRESS) {
    throw new CidrError(`${address} is not an unsigned 32-bit IPv4 address`);
  }
  const octets: number[] = [];
  let rest = address;
  for (let i = 0; i < 4; i++) {
    octets.unshift(rest % 256);
    rest = Math.floor(rest / 256);
  }
  return octets.join('.');
}

/** Number of addresses in a block of the given prefix length. */
export function blockSize(prefix: number): number {
  return 2 ** (32 - prefix);
}

/**
 * Parses `a.b.c.d/n`. Rejects a missing or out-of-range prefix, bad octets
 * and host bits set (e.g. `10.0.0.1/16`), because a block with host bits is
 * almost always a typo and AWS would silently normalise it.
 */
export function parseCidr(text: string): Cidr {
  if (typeof text !== 'string') {
    throw new CidrError(`${String(text)} is not a CIDR string`);
  }
  const match = /^([^/]+)\/(\d{1,3})$/.exec(text);
  if (!match) {
    throw new CidrError(
      `'${text}' is not a CIDR block: expected the form a.b.c.d/prefix`,
    );
  }
  const network = parseIpv4(match[1]);
  const prefix = Number(match[2]);
  if (prefix > 32 || (match[2].length > 1 && match[2].startsWith('0'))) {
    throw new CidrError(
      `'${text}' has prefix /${match[2]}: the prefix length must be 0..32`,
    );
  }
  if (network % blockSize(prefix) !== 0) {
    const expected = formatCidr({
      network: alignDown(network, prefix),
      prefix,
    });
    throw new CidrError(
      `'${text}' has host bits set: the address must be the network address of the block (did you mean ${expected}?)`,
    );
  }
  return { network, prefix };
}

/** Formats a block as `a.b.c.d/n`. */
export function formatCidr(cidr: Cidr): string {
  return `${formatIpv4(cidr.network)}/${cidr.prefix}`;
}

/** True when `text` is a well-formed CIDR block without host bits. */
export function isValidCidr(text: string): boolean {
  try {
    parseCidr(text);
    return true;
  } catch {
    return false;
  }
}

/** Inclusive address range of a block. */
export function cidrRange(cidr: Cidr | string): AddressRange {
  const c = toCidr(cidr);
  return { start: c.network, end: c.network + blockSize(c.prefix) - 1 };
}

/** True when `inner` lies entirely inside `outer` (a block contains itself). */
export function contains(outer: Cidr | string, inner: Cidr | string): boolean {
  const o = cidrRange(outer);
  const i = cidrRange(inner);
  return i.start >= o.start && i.end <= o.end;
}

/** True when the two blocks share at least one address. */
export function overlaps(a: Cidr | string, b: Cidr | string): boolean {
  const x = cidrRange(a);
  const y = cidrRange(b);
  return x.start <= y.end && y.start <= x.end;
}

/** Splits a block into `2^(newPrefix - prefix)` equal sub-blocks, in address order. */
export function subdivide(cidr: Cidr | string, newPrefix: number): Cidr[] {
  const c = toCidr(cidr);
  if (!Number.isInteger(newPrefix) || newPrefix < c.prefix || newPrefix > 32) {
    throw new CidrError(
      `cannot split /${c.prefix} into /${newPrefix}: the new prefix must be ${c.prefix}..32`,
    );
  }
  const count = 2 ** (newPrefix - c.prefix);
  const size = blockSize(newPrefix);
  return Array.from({ length: count }, (_, i) => ({
    network: c.network + i * size,
    prefix: newPrefix,
  }));
}

/** Rounds an address down to the start of its block of the given prefix. */
export function alignDown(address: number, prefix: number): number {
  const size = blockSize(prefix);
  return Math.floor(address / size) * size;
}

/** Rounds an address up to the next block boundary of the given prefix. */
export function alignUp(address: number, prefix: number): number {
  const size = blockSize(prefix);
  return Math.ceil(address / size) * size;
}

function toCidr(cidr: Cidr | string): Cidr {
  return typeof cidr === 'string' ? parseCidr(cidr) : cidr;
}

/** RFC 1918 private blocks; VPCs must come from these. */
export const PRIVATE_BLOCKS: readonly string[] = [
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
];

/** True when the block lies entirely inside one RFC 1918 range. */
export function isPrivateCidr(cidr: Cidr | string): boolean {
  return PRIVATE_BLOCKS.some(block => contains(block, cidr));
}
