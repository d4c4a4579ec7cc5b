import { contains, overlaps, parseCidr } from '../cidr';
import type { EnvironmentRequest, NetworkPlan, PolicyResult } from '../types';

/** Builds a result; `passed` decides which of the two messages is used. */
export function result(
  id: string,
  severity: PolicyResult['severity'],
  passed: boolean,
  okMessage: string,
  failMessage: string,
): PolicyResult {
  return { id, severity, passed, message: passed ? okMessage : failMessage };
}

const isProd = (r: EnvironmentRequest) => r.tier === 'prod';

/** Instance categories prod needs before Spot has enough pools to be worth it. */
const MIN_SPOT_CATEGORIES = 2;

/**
 * Checks on the request itself. `parseEnvironmentRequest` enforces the same
 * tier rules; repeating them here keeps the policy report complete for
 * requests that were built or edited outside the parser.
 */
export function requestChecks(r: EnvironmentRequest): PolicyResult[] {
  const minBackup = isProd(r) ? 14 : 7;
  const { engine, instanceClass } = r.database;
  const serverless = engine === 'aurora-serverless-v2';
  return [
    result(
      'prod-aurora',
      'error',
      !isProd(r) || engine === 'aurora-postgresql',
      isProd(r) ? 'prod uses Aurora PostgreSQL' : `${r.tier} may use ${engine}`,
      `prod requires engine aurora-postgresql, got ${engine}`,
    ),
    result(
      'prod-multi-az',
      'error',
      !isProd(r) || r.database.multiAz,
      isProd(r)
        ? 'prod database is Multi-AZ'
        : `Multi-AZ is optional in ${r.tier}`,
      'prod requires a Multi-AZ database',
    ),
    result(
      'prod-read-replica',
      'error',
      !isProd(r) || r.database.readReplicas >= 1,
      `${r.database.readReplicas} read replica(s)`,
      'prod requires at least 1 read replica',
    ),
    result(
      'backup-retention',
      'error',
      r.database.backupRetentionDays >= minBackup,
      `backups kept ${r.database.backupRetentionDays} days (minimum ${minBackup} in ${r.tier})`,
      `${r.tier} requires at least ${minBackup} days of backups, got ${r.database.backupRetentionDays}`,
    ),
    result(
      'nat-per-az',
      'error',
      !isProd(r) || !r.network.singleNatGateway,
      r.network.singleNatGateway
        ? `single NAT gateway allowed in ${r.tier}`
        : 'one NAT gateway per AZ',
      'prod requires one NAT gateway per AZ (singleNatGateway must be false)',
    ),
    result(
      'serverless-instance-class',
      'error',
      serverless === (instanceClass === 'db.serverless'),
      `${engine} runs on ${instanceClass}`,
      serverless
        ? `aurora-serverless-v2 requires instanceClass db.serverless, got ${instanceClass}`
        : `db.serverless is only valid with aurora-serverless-v2, not ${engine}`,
    ),
    // Spot first with On-Demand fallback is the design in every tier, prod included (the
    // critical pool stays On-Demand). Spot in prod is sound only with enough instance pools to
    // fall back across: one instance category leaves few Spot pools, frequent interruptions and
    // most capacity On-Demand anyway.
    result(
      'prod-on-demand-capacity',
      'warning',
      !isProd(r) ||
        !r.kubernetes.karpenter.allowSpot ||
        r.kubernetes.karpenter.instanceCategories.length >= MIN_SPOT_CATEGORIES,
      isProd(r) && r.kubernetes.karpenter.allowSpot
        ? `prod: Spot first across ${r.kubernetes.karpenter.instanceCategories.length} instance categories, On-Demand fallback; the critical pool is On-Demand`
        : `${r.tier}: ${
            r.kubernetes.karpenter.allowSpot
              ? 'Spot first, On-Demand fallback'
              : 'On-Demand only'
          }`,
      `prod allows Spot with only ${r.kubernetes.karpenter.instanceCategories.join(
        ', ',
      )}: allow at least ${MIN_SPOT_CATEGORIES} instance categories so Spot has enough pools to fall back across`,
    ),
  ];
}

/** What is wrong with the network plan, or undefined when it is sound. */
function networkProblem(network: NetworkPlan): string | undefined {
  if (network.azs.length !== 3 || new Set(network.azs).size !== 3) {
    return `expected 3 distinct AZs, got [${network.azs.join(', ')}]`;
  }
  const tiers = {
    public: network.publicSubnets,
    private: network.privateSubnets,
    database: network.databaseSubnets,
    intra: network.intraSubnets,
  };
  for (const [tier, subnets] of Object.entries(tiers)) {
    if (subnets.length !== 3)
      return `expected 3 ${tier} subnets, got ${subnets.length}`;
  }
  try {
    parseCidr(network.vpcCidr);
    const all = Object.values(tiers).flat();
    all.forEach(s => parseCidr(s));
    const outside = all.find(s => !contains(network.vpcCidr, s));
    if (outside)
      return `subnet ${outside} is outside the VPC ${network.vpcCidr}`;
    for (let i = 0; i < all.length; i++) {
      const clash = all.slice(i + 1).find(s => overlaps(all[i], s));
      if (clash) return `subnets ${all[i]} and ${clash} overlap`;
    }
  } catch (e) {
    return (e as Error).message;
  }
  return undefined;
}

/** Checks on the network plan: shape, containment, no overlaps. */
export function networkChecks(network: NetworkPlan): PolicyResult[] {
  const problem = networkProblem(network);
  return [
    result(
      'network-layout',
      'error',
      problem === undefined,
      `VPC ${network.vpcCidr}: 12 disjoint subnets across ${network.azs.join(
        ', ',
      )}`,
      `network plan is invalid: ${problem}`,
    ),
  ];
}

/** True when no database subnet is also a public subnet. */
export function databaseSubnetsArePrivate(network: NetworkPlan): boolean {
  try {
    return !network.databaseSubnets.some(d =>
      network.publicSubnets.some(p => overlaps(d, p)),
    );
  } catch {
    return false;
  }
}
