import type { ExistingEnvironment } from '../types';
import {
  AddressRange,
  Cidr,
  CidrError,
  alignUp,
  blockSize,
  cidrRange,
  formatCidr,
  isPrivateCidr,
  parseCidr,
} from './ipv4';

/** Smallest prefix (largest VPC): AWS allows /16 at most for a VPC block. */
export const VPC_PREFIX_MIN = 16;
/** Largest prefix (smallest VPC): a /22 still fits 3 AZs x 4 tiers of /28 subnets. */
export const VPC_PREFIX_MAX = 22;

export const DEFAULT_POOL = '10.0.0.0/8';
export const DEFAULT_VPC_PREFIX = 16;

export interface AllocateVpcCidrOptions {
  /** Organisation pool the block is carved from. Default 10.0.0.0/8. */
  pool?: string;
  /** Prefix length of an allocated block, 16..22. Default 16. */
  prefixLength?: number;
  /** Explicit block asked for by the user (`network.cidr`); validated, not allocated. */
  requested?: string;
  /** Every environment that already holds a block (catalog and repository). */
  existing: ExistingEnvironment[];
}

interface ExistingBlock extends AddressRange {
  env: ExistingEnvironment;
}

/**
 * Returns the VPC block for a new environment.
 *
 * With `requested`, checks it is a private /16../22 block that overlaps no
 * existing environment. Without it, returns the lowest free block of
 * `prefixLength` in the pool. Malformed existing entries are an error rather
 * than ignored: skipping them could hand out a block that is already in use.
 */
export function allocateVpcCidr(options: AllocateVpcCidrOptions): string {
  const existing = parseExisting(options.existing);
  if (options.requested !== undefined) {
    return checkRequested(options.requested, existing);
  }
  const pool = parsePool(options.pool ?? DEFAULT_POOL);
  const prefix = options.prefixLength ?? DEFAULT_VPC_PREFIX;
  checkPrefixLength(prefix, pool);
  return formatCidr(lowestFreeBlock(pool, prefix, existing));
}

function parseExisting(existing: ExistingEnvironment[]): ExistingBlock[] {
  return existing.map(env => {
    try {
      return { ...cidrRange(parseCidr(env.cidr)), env };
    } catch (e) {
      throw new CidrError(
        `existing environment '${env.name}' has an invalid block: ${
          (e as Error).message
        }`,
      );
    }
  });
}

function describe(env: ExistingEnvironment): string {
  const from = env.source ? `, from ${env.source}` : '';
  return `environment '${env.name}' (${env.cidr}${from})`;
}

function checkRequested(requested: string, existing: ExistingBlock[]): string {
  let cidr: Cidr;
  try {
    cidr = parseCidr(requested);
  } catch (e) {
    throw new CidrError(`network.cidr: ${(e as Error).message}`);
  }
  if (!isPrivateCidr(cidr)) {
    throw new CidrError(
      `network.cidr ${requested} must be a private RFC 1918 block (inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16)`,
    );
  }
  if (cidr.prefix < VPC_PREFIX_MIN || cidr.prefix > VPC_PREFIX_MAX) {
    throw new CidrError(
      `network.cidr ${requested} has prefix /${cidr.prefix}: the prefix must be between /${VPC_PREFIX_MIN} and /${VPC_PREFIX_MAX} inclusive (/${VPC_PREFIX_MAX} is the smallest that fits 3 AZs x 4 subnet tiers)`,
    );
  }
  const range = cidrRange(cidr);
  const clash = existing.find(
    b => b.start <= range.end && range.start <= b.end,
  );
  if (clash) {
    throw new CidrError(
      `network.cidr ${requested} overlaps ${describe(clash.env)}`,
    );
  }
  return formatCidr(cidr);
}

function parsePool(pool: string): Cidr {
  let cidr: Cidr;
  try {
    cidr = parseCidr(pool);
  } catch (e) {
    throw new CidrError(`pool: ${(e as Error).message}`);
  }
  if (!isPrivateCidr(cidr)) {
    throw new CidrError(`pool ${pool} must be a private RFC 1918 block`);
  }
  return cidr;
}

function checkPrefixLength(prefix: number, pool: Cidr): void {
  if (
    !Number.isInteger(prefix) ||
    prefix < VPC_PREFIX_MIN ||
    prefix > VPC_PREFIX_MAX
  ) {
    throw new CidrError(
      `prefixLength ${prefix} must be an integer between ${VPC_PREFIX_MIN} and ${VPC_PREFIX_MAX} inclusive`,
    );
  }
  if (prefix < pool.prefix) {
    throw new CidrError(
      `prefixLength /${prefix} is larger than the pool ${formatCidr(pool)}`,
    );
  }
}

/**
 * Sweeps the existing blocks in address order, keeping a candidate aligned
 * to the block size and pushing it past each block it hits. Sorting makes
 * this O(n log n) in the number of existing environments, independent of
 * how many blocks the pool holds.
 */
export function lowestFreeBlock(
  pool: Cidr,
  prefix: number,
  existing: AddressRange[],
): Cidr {
  const poolRange = cidrRange(pool);
  const size = blockSize(prefix);
  const inPool = existing
    .filter(b => b.end >= poolRange.start && b.start <= poolRange.end)
    .sort((a, b) => a.start - b.start);

  let candidate = poolRange.start;
  for (const block of inPool) {
    if (candidate + size - 1 < block.start) break;
    if (block.end >= candidate) candidate = alignUp(block.end + 1, prefix);
  }
  if (candidate + size - 1 > poolRange.end) {
    throw new CidrError(
      `pool ${formatCidr(
        pool,
      )} is exhausted: no free /${prefix} block left among ${
        inPool.length
      } existing environments`,
    );
  }
  const end = candidate + size - 1;
  // Defensive: the sweep above should make this impossible.
  if (inPool.some(b => b.start <= end && candidate <= b.end)) {
    throw new CidrError(`internal error: allocated block overlaps`);
  }
  return { network: candidate, prefix };
}
