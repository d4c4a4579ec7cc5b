import fc from 'fast-check';
import { contains, formatCidr, overlaps, parseCidr } from './ipv4';
import { availabilityZones, planSubnets } from './subnets';

const AZS = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];

describe('planSubnets', () => {
  it('carves a /16', () => {
    expect(planSubnets('10.1.0.0/16', AZS)).toEqual({
      vpcCidr: '10.1.0.0/16',
      azs: AZS,
      privateSubnets: ['10.1.0.0/18', '10.1.64.0/18', '10.1.128.0/18'],
      publicSubnets: ['10.1.192.0/22', '10.1.196.0/22', '10.1.200.0/22'],
      databaseSubnets: ['10.1.208.0/22', '10.1.212.0/22', '10.1.216.0/22'],
      intraSubnets: ['10.1.224.0/22', '10.1.228.0/22', '10.1.232.0/22'],
    });
  });

  it('carves a /22 into /24 private and /28 other subnets', () => {
    const plan = planSubnets('192.168.4.0/22', AZS);
    expect(plan.privateSubnets).toEqual([
      '192.168.4.0/24',
      '192.168.5.0/24',
      '192.168.6.0/24',
    ]);
    expect(plan.publicSubnets).toEqual([
      '192.168.7.0/28',
      '192.168.7.16/28',
      '192.168.7.32/28',
    ]);
    expect(plan.databaseSubnets).toEqual([
      '192.168.7.64/28',
      '192.168.7.80/28',
      '192.168.7.96/28',
    ]);
    expect(plan.intraSubnets).toEqual([
      '192.168.7.128/28',
      '192.168.7.144/28',
      '192.168.7.160/28',
    ]);
  });

  it('makes private subnets the largest', () => {
    for (let prefix = 16; prefix <= 22; prefix++) {
      const plan = planSubnets(`10.0.0.0/${prefix}`, AZS);
      const size = (c: string) => 2 ** (32 - parseCidr(c).prefix);
      const smallestPrivate = Math.min(...plan.privateSubnets.map(size));
      const others = [
        ...plan.publicSubnets,
        ...plan.databaseSubnets,
        ...plan.intraSubnets,
      ];
      expect(Math.max(...others.map(size))).toBeLessThan(smallestPrivate);
      expect(Math.min(...others.map(size))).toBeGreaterThanOrEqual(16);
    }
  });

  it('rejects VPCs outside /16../22 and bad blocks', () => {
    expect(() => planSubnets('10.0.0.0/23', AZS)).toThrow(
      /between \/16 and \/22/,
    );
    expect(() => planSubnets('10.0.0.0/15', AZS)).toThrow(
      /between \/16 and \/22/,
    );
    expect(() => planSubnets('10.0.0.1/16', AZS)).toThrow(
      /^vpcCidr: .*host bits/,
    );
  });

  it('requires three distinct AZs', () => {
    expect(() => planSubnets('10.0.0.0/16', AZS.slice(0, 2))).toThrow(
      /exactly three distinct/,
    );
    expect(() => planSubnets('10.0.0.0/16', ['a', 'a', 'b'])).toThrow(
      /exactly three distinct/,
    );
  });

  it('gives pairwise disjoint subnets inside the VPC for every prefix 16..22', () => {
    const arbVpc = fc
      .tuple(
        fc.integer({ min: 0, max: 2 ** 24 - 1 }),
        fc.integer({ min: 16, max: 22 }),
      )
      .map(([offset, prefix]) => {
        const size = 2 ** (32 - prefix);
        const network =
          parseCidr('10.0.0.0/8').network + Math.floor(offset / size) * size;
        return formatCidr({ network, prefix });
      });
    fc.assert(
      fc.property(arbVpc, vpc => {
        const plan = planSubnets(vpc, AZS);
        const all = [
          ...plan.publicSubnets,
          ...plan.privateSubnets,
          ...plan.databaseSubnets,
          ...plan.intraSubnets,
        ];
        expect(all).toHaveLength(12);
        for (const s of all) expect(contains(vpc, s)).toBe(true);
        for (let i = 0; i < all.length; i++) {
          for (let j = i + 1; j < all.length; j++) {
            expect(overlaps(all[i], all[j])).toBe(false);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic', () => {
    expect(planSubnets('10.9.0.0/20', AZS)).toEqual(
      planSubnets('10.9.0.0/20', AZS),
    );
  });
});

describe('availabilityZones', () => {
  it('returns a, b and c', () => {
    expect(availabilityZones('eu-west-1')).toEqual([
      'eu-west-1a',
      'eu-west-1b',
      'eu-west-1c',
    ]);
    expect(availabilityZones('us-gov-west-1')).toEqual([
      'us-gov-west-1a',
      'us-gov-west-1b',
      'us-gov-west-1c',
    ]);
  });

  it('knows regions where b is not offered or only two AZs exist', () => {
    expect(availabilityZones('ap-northeast-1')).toEqual([
      'ap-northeast-1a',
      'ap-northeast-1c',
      'ap-northeast-1d',
    ]);
    expect(() => availabilityZones('us-west-1')).toThrow(
      /only two availability zones/,
    );
  });

  it('rejects non-region strings', () => {
    expect(() => availabilityZones('eu-west')).toThrow(
      /not an AWS region code/,
    );
    expect(() => availabilityZones('EU-WEST-1')).toThrow(
      /not an AWS region code/,
    );
  });
});
