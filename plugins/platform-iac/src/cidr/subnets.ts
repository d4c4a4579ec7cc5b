import type { NetworkPlan } from '../types';
import { VPC_PREFIX_MIN, VPC_PREFIX_MAX } from './allocate';
import { Cidr, CidrError, formatCidr, parseCidr, subdivide } from './ipv4';

/**
 * Subnet layout, relative to a VPC of prefix /p (p = 16..22):
 *
 *   VPC /p split into quarters (/p+2):
 *     Q0  private  AZ a   /p+2
 *     Q1  private  AZ b   /p+2
 *     Q2  private  AZ c   /p+2
 *     Q3  split into quarters (/p+4):
 *       Q3.0  public    -> AZ a, b, c as /p+6 (4th /p+6 spare)
 *       Q3.1  database  -> AZ a, b, c as /p+6 (4th spare)
 *       Q3.2  intra     -> AZ a, b, c as /p+6 (4th spare)
 *       Q3.3  spare /p+4, reserved for future tiers
 *
 * Private subnets get 75% of the VPC because they hold the pods: the EKS VPC
 * CNI gives every pod a VPC address. The other tiers only hold load
 * balancers, database ENIs and control-plane ENIs.
 *
 *   /16: private /18 (16384 addresses) x3, public/database/intra /22 (1024) x3
 *   /20: private /22 (1024) x3,            public/database/intra /26 (64) x3
 *   /22: private /24 (256) x3,             public/database/intra /28 (16) x3
 *
 * /28 is the smallest subnet AWS allows, which is why /22 is the smallest
 * VPC. A /28 keeps 11 usable addresses: enough for an ALB (needs 8 free) and
 * for EKS control-plane ENIs (needs 6).
 */
export function planSubnets(vpcCidr: string, azs: string[]): NetworkPlan {
  const vpc = parseVpc(vpcCidr);
  checkAzs(azs);
  const quarters = subdivide(vpc, vpc.prefix + 2);
  const [publicBlock, databaseBlock, intraBlock] = subdivide(
    quarters[3],
    vpc.prefix + 4,
  );
  const perAz = (block: Cidr) =>
    subdivide(block, vpc.prefix + 6)
      .slice(0, 3)
      .map(formatCidr);

  return {
    vpcCidr: formatCidr(vpc),
    azs: [...azs],
    privateSubnets: quarters.slice(0, 3).map(formatCidr),
    publicSubnets: perAz(publicBlock),
    databaseSubnets: perAz(databaseBlock),
    intraSubnets: perAz(intraBlock),
  };
}

function parseVpc(vpcCidr: string): Cidr {
  let vpc: Cidr;
  try {
    vpc = parseCidr(vpcCidr);
  } catch (e) {
    throw new CidrError(`vpcCidr: ${(e as Error).message}`);
  }
  if (vpc.prefix < VPC_PREFIX_MIN || vpc.prefix > VPC_PREFIX_MAX) {
    throw new CidrError(
      `vpcCidr ${vpcCidr}: the prefix must be between /${VPC_PREFIX_MIN} and /${VPC_PREFIX_MAX} inclusive to carve 3 AZs x 4 tiers`,
    );
  }
  return vpc;
}

function checkAzs(azs: string[]): void {
  if (azs.length !== 3 || new Set(azs).size !== 3) {
    throw new CidrError(
      `azs: exactly three distinct availability zones are required, got [${azs.join(
        ', ',
      )}]`,
    );
  }
}

/**
 * Regions whose AZ letters are not a/b/c for every account. ap-northeast-1b
 * is not offered to new accounts; us-west-1 only offers two AZs, so a
 * three-AZ layout is impossible there.
 */
const AZ_SUFFIX_OVERRIDES: Record<string, string[] | undefined> = {
  'ap-northeast-1': ['a', 'c', 'd'],
};
const TWO_AZ_REGIONS = new Set(['us-west-1']);

/** The three AZs used for a region: `${region}a`, `b`, `c` unless overridden above. */
export function availabilityZones(region: string): string[] {
  if (!/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(region)) {
    throw new CidrError(`region '${region}' is not an AWS region code`);
  }
  if (TWO_AZ_REGIONS.has(region)) {
    throw new CidrError(
      `region ${region} offers only two availability zones; three are required`,
    );
  }
  const suffixes = AZ_SUFFIX_OVERRIDES[region] ?? ['a', 'b', 'c'];
  return suffixes.map(s => `${region}${s}`);
}
