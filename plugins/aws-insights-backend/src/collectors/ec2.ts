import {
  Instance,
  InstanceTypeInfo,
  paginateDescribeInstances,
  paginateDescribeInstanceTypes,
  _InstanceType,
} from '@aws-sdk/client-ec2';
import {
  Architecture,
  InstanceRecord,
  InstanceTypeSpec,
  SourceStatus,
} from '@platform-portal/plugin-aws-insights-common';
import {
  chunk,
  CollectorContext,
  distinct,
  isoOrEmpty,
  sourceStatus,
  tagsToRecord,
} from './collectorSupport';

export interface Ec2Collection {
  instances: InstanceRecord[];
  instanceTypes: InstanceTypeSpec[];
  status: SourceStatus;
}

export const CLUSTER_TAG_PREFIX = 'kubernetes.io/cluster/';
/** EC2 accepts at most 200 values per filter. */
const MAX_FILTER_VALUES = 200;
/** DescribeInstanceTypes accepts at most 100 instance types per call. */
const MAX_INSTANCE_TYPES_PER_CALL = 100;

export function toArchitecture(value: string | undefined): Architecture {
  return value?.startsWith('arm64') ? 'arm64' : 'x86_64';
}

/** Cluster of an instance: a known cluster's tag wins over any other cluster tag it carries. */
export function clusterOfInstance(
  tags: Record<string, string>,
  knownClusters?: ReadonlySet<string>,
): string | undefined {
  const clusters = Object.keys(tags)
    .filter(key => key.startsWith(CLUSTER_TAG_PREFIX))
    .map(key => key.slice(CLUSTER_TAG_PREFIX.length));
  return clusters.find(c => knownClusters?.has(c)) ?? clusters[0];
}

export function toInstanceRecord(
  instance: Instance,
  accountId: string,
  region: string,
  knownClusters?: ReadonlySet<string>,
): InstanceRecord | undefined {
  const tags = tagsToRecord(instance.Tags);
  const cluster = clusterOfInstance(tags, knownClusters);
  if (!cluster || !instance.InstanceId) return undefined;
  return {
    instanceId: instance.InstanceId,
    cluster,
    accountId,
    region,
    availabilityZone: instance.Placement?.AvailabilityZone ?? '',
    instanceType: instance.InstanceType ?? '',
    // Only 'spot' (and 'scheduled', gone) is ever set; absent means On-Demand.
    lifecycle: instance.InstanceLifecycle === 'spot' ? 'spot' : 'on-demand',
    architecture: toArchitecture(instance.Architecture),
    launchTime: isoOrEmpty(instance.LaunchTime),
    state: instance.State?.Name ?? 'unknown',
    nodePool: tags['karpenter.sh/nodepool'],
    nodegroup: tags['eks:nodegroup-name'],
  };
}

export function toInstanceTypeSpec(info: InstanceTypeInfo): InstanceTypeSpec {
  return {
    instanceType: info.InstanceType ?? '',
    vcpu: info.VCpuInfo?.DefaultVCpus ?? 0,
    memoryMiB: info.MemoryInfo?.SizeInMiB ?? 0,
    architectures: distinct(
      (info.ProcessorInfo?.SupportedArchitectures ?? [])
        .filter(a => a === 'arm64' || a === 'x86_64')
        .map(toArchitecture),
    ),
  };
}

/**
 * The running/pending instances of the given clusters, and the specs of their distinct types.
 * `clusterNames` undefined (EKS could not be listed) matches every `kubernetes.io/cluster/*`
 * tag so the instances are still found; an empty list means no clusters: no calls.
 * Calls: DescribeInstances pages (per 200 clusters) + DescribeInstanceTypes (per 100 types).
 */
export async function collectEc2(
  ctx: CollectorContext,
  clusterNames: string[] | undefined,
): Promise<Ec2Collection> {
  const instances: InstanceRecord[] = [];
  const instanceTypes: InstanceTypeSpec[] = [];
  const done = (error?: unknown) => ({
    instances,
    instanceTypes,
    status: sourceStatus('instances', ctx, error),
  });

  const tagKeyBatches = clusterNames
    ? chunk(
        distinct(clusterNames).map(name => `${CLUSTER_TAG_PREFIX}${name}`),
        MAX_FILTER_VALUES,
      )
    : [[`${CLUSTER_TAG_PREFIX}*`]];
  const known = clusterNames ? new Set(clusterNames) : undefined;
  const seen = new Set<string>();
  try {
    for (const tagKeys of tagKeyBatches) {
      const pages = paginateDescribeInstances(
        { client: ctx.clients.ec2 },
        {
          Filters: [
            { Name: 'tag-key', Values: tagKeys },
            { Name: 'instance-state-name', Values: ['running', 'pending'] },
          ],
          MaxResults: 1000,
        },
      );
      for await (const page of pages) {
        for (const reservation of page.Reservations ?? []) {
          for (const instance of reservation.Instances ?? []) {
            const record = toInstanceRecord(
              instance,
              ctx.accountId,
              ctx.region,
              known,
            );
            // An instance tagged for two batched clusters comes back twice.
            if (record && !seen.has(record.instanceId)) {
              seen.add(record.instanceId);
              instances.push(record);
            }
          }
        }
      }
    }
  } catch (error) {
    return done(error);
  }

  const types = distinct(instances.map(i => i.instanceType)).filter(Boolean);
  try {
    for (const batch of chunk(types, MAX_INSTANCE_TYPES_PER_CALL)) {
      const pages = paginateDescribeInstanceTypes(
        { client: ctx.clients.ec2 },
        { InstanceTypes: batch as _InstanceType[] },
      );
      for await (const page of pages) {
        instanceTypes.push(
          ...(page.InstanceTypes ?? []).map(toInstanceTypeSpec),
        );
      }
    }
  } catch (error) {
    return done(error);
  }
  return done();
}
