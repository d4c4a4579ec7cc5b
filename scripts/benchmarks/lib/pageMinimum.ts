import { SeededRegion } from './motoScaleSeed';

/**
 * Benchmark-only: the fewest AWS calls (pages) one refresh of one account can make for what
 * was seeded, per service, from item counts and the largest page sizes the APIs allow.
 * Per region with C clusters (no managed node groups), I instances, T instance types,
 * D standalone databases, A web ACLs (one blocking rule each), S platform stacks:
 *
 *   eks            ceil(C/100) ListClusters + C DescribeCluster + C ListNodegroups (1 page each)
 *   ec2            ceil(C/200) x max(1, ceil(I/1000)) DescribeInstances (200 tag keys per
 *                  filter, 1000 instances per page) + ceil(T/100) DescribeInstanceTypes
 *                  + ceil(T/100) DescribeSpotPriceHistory (StartTime=now: one page)
 *   pricing        T GetProducts (one product filter per type) when the API works; 1 here,
 *                  as the collector stops at the first failure (moto has no Pricing API)
 *   cloudwatch     ceil(4C/500) GetMetricData (4 Container Insights queries per cluster)
 *   rds            max(1, ceil(Dc/100)) DescribeDBClusters + max(1, ceil(D/100))
 *                  DescribeDBInstances + 1 DescribeEvents page + ceil(5D/500) GetMetricData
 *                  (5 queries per standalone instance)
 *   wafv2          max(1, ceil(A/100)) ListWebACLs + 2A (GetWebACL + ListTagsForResource)
 *                  + ceil(3(R+1)A/500) GetMetricData (3 metrics x (ALL + R rules), R = 1)
 *                  + 1 GetSampledRequests (moto: fails once, then the collector stops)
 *   cloudformation 1 DescribeStacks + S DescribeStackEvents (first page only)
 */
export function pageMinimum(regions: SeededRegion[]): Record<string, number> {
  const min: Record<string, number> = {
    eks: 0,
    ec2: 0,
    pricing: 0,
    cloudwatch: 0,
    rds: 0,
    wafv2: 0,
    cloudformation: 0,
  };
  const up = (n: number, size: number) => Math.ceil(n / size);
  for (const r of regions) {
    const types = r.instanceTypes.size;
    min.eks += up(r.clusters, 100) + 2 * r.clusters;
    min.ec2 +=
      up(r.clusters, 200) * Math.max(1, up(r.instances, 1000)) +
      up(types, 100) +
      (r.instances > 0 ? up(types, 100) : 0);
    min.pricing += r.instances > 0 ? 1 : 0;
    min.cloudwatch += up(4 * r.clusters, 500);
    min.rds +=
      1 + Math.max(1, up(r.databases, 100)) + 1 + up(5 * r.databases, 500);
    min.wafv2 +=
      Math.max(1, up(r.webAcls, 100)) +
      2 * r.webAcls +
      up(3 * 2 * r.webAcls, 500) +
      (r.webAcls > 0 ? 1 : 0);
    min.cloudformation += 1 + r.platformStacks;
  }
  return min;
}
