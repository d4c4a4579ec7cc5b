import {
  Cluster,
  DescribeClusterCommand,
  DescribeNodegroupCommand,
  Nodegroup,
  paginateListClusters,
  paginateListNodegroups,
} from '@aws-sdk/client-eks';
import {
  ClusterRecord,
  NodegroupRecord,
  SourceStatus,
} from '@platform-portal/plugin-aws-insights-common';
import {
  CollectorContext,
  FirstError,
  mapWithConcurrency,
  sourceStatus,
} from './collectorSupport';

export interface EksCollection {
  clusters: ClusterRecord[];
  /** Every cluster ListClusters returned (even those whose describe failed); undefined if listing failed. */
  clusterNames?: string[];
  status: SourceStatus;
}

/** Describe calls in flight per region: enough to be quick, few enough to stay under EKS rate limits. */
const DESCRIBE_CONCURRENCY = 4;

export function toNodegroupRecord(nodegroup: Nodegroup): NodegroupRecord {
  return {
    name: nodegroup.nodegroupName ?? '',
    status: nodegroup.status ?? 'UNKNOWN',
    // CAPACITY_BLOCK is reserved capacity, billed like On-Demand for our purposes.
    capacityType: nodegroup.capacityType === 'SPOT' ? 'SPOT' : 'ON_DEMAND',
    instanceTypes: nodegroup.instanceTypes ?? [],
    desiredSize: nodegroup.scalingConfig?.desiredSize ?? 0,
    minSize: nodegroup.scalingConfig?.minSize ?? 0,
    maxSize: nodegroup.scalingConfig?.maxSize ?? 0,
    amiType: nodegroup.amiType,
  };
}

export function toClusterRecord(
  cluster: Cluster,
  nodegroups: Nodegroup[],
  accountId: string,
  region: string,
): ClusterRecord {
  const tags = cluster.tags ?? {};
  const nodegroupIssues = nodegroups.flatMap(ng =>
    (ng.health?.issues ?? []).map(issue => ({
      code: issue.code ?? 'Unknown',
      message: `nodegroup ${ng.nodegroupName}: ${issue.message ?? ''}`,
    })),
  );
  return {
    arn: cluster.arn ?? '',
    name: cluster.name ?? '',
    accountId,
    region,
    status: cluster.status ?? 'UNKNOWN',
    version: cluster.version ?? '',
    endpoint: cluster.endpoint,
    environment: tags.environment,
    owner: tags.owner,
    tags,
    healthIssues: [
      ...(cluster.health?.issues ?? []).map(issue => ({
        code: issue.code ?? 'Unknown',
        message: issue.message ?? '',
      })),
      ...nodegroupIssues,
    ],
    nodegroups: nodegroups.map(toNodegroupRecord),
  };
}

/**
 * EKS clusters of one account and region with their managed node groups.
 * Calls: ListClusters pages + per cluster (DescribeCluster + ListNodegroups pages + DescribeNodegroup each).
 */
export async function collectEks(
  ctx: CollectorContext,
): Promise<EksCollection> {
  const eks = ctx.clients.eks;
  const failure = new FirstError();
  const names: string[] = [];
  try {
    for await (const page of paginateListClusters({ client: eks }, {})) {
      names.push(...(page.clusters ?? []));
    }
  } catch (error) {
    return { clusters: [], status: sourceStatus('clusters', ctx, error) };
  }

  // One cluster failing to describe must not hide the others.
  const described = await mapWithConcurrency(
    names,
    DESCRIBE_CONCURRENCY,
    async name => {
      try {
        const { cluster } = await eks.send(
          new DescribeClusterCommand({ name }),
        );
        if (!cluster) return undefined;
        const nodegroups = await describeNodegroups(ctx, name, failure);
        return toClusterRecord(cluster, nodegroups, ctx.accountId, ctx.region);
      } catch (error) {
        failure.record(error);
        return undefined;
      }
    },
  );
  const clusters = described.filter((c): c is ClusterRecord => !!c);
  return {
    clusters,
    clusterNames: names,
    status: sourceStatus('clusters', ctx, failure.value),
  };
}

async function describeNodegroups(
  ctx: CollectorContext,
  clusterName: string,
  failure: FirstError,
): Promise<Nodegroup[]> {
  const eks = ctx.clients.eks;
  const names: string[] = [];
  for await (const page of paginateListNodegroups(
    { client: eks },
    { clusterName },
  )) {
    names.push(...(page.nodegroups ?? []));
  }
  const nodegroups: Nodegroup[] = [];
  for (const nodegroupName of names) {
    try {
      const { nodegroup } = await eks.send(
        new DescribeNodegroupCommand({ clusterName, nodegroupName }),
      );
      if (nodegroup) nodegroups.push(nodegroup);
    } catch (error) {
      failure.record(error);
    }
  }
  return nodegroups;
}
