import {
  ClusterRecord,
  InstanceRecord,
  Lifecycle,
} from '@platform-portal/plugin-aws-insights-common';
import { sampleArchitecture } from './catalog';
import { SampleRandom } from './random';

/** The managed node group every sample cluster has: system pods on two Graviton nodes. */
export const CORE_NODEGROUP = {
  name: 'core',
  instanceType: 'm7g.large',
  size: 2,
};

export function sampleCluster(
  name: string,
  environment: string,
  accountId: string,
  region: string,
  version: string,
): ClusterRecord {
  return {
    arn: `arn:aws:eks:${region}:${accountId}:cluster/${name}`,
    name,
    accountId,
    region,
    status: 'ACTIVE',
    version,
    endpoint: `https://${name
      .toUpperCase()
      .replace(/-/g, '')}0000000000000000.gr7.${region}.eks.amazonaws.com`,
    environment,
    owner: 'group:default/platform-team',
    tags: {
      environment,
      owner: 'group:default/platform-team',
      'karpenter.sh/discovery': name,
    },
    healthIssues: [],
    nodegroups: [
      {
        name: CORE_NODEGROUP.name,
        status: 'ACTIVE',
        capacityType: 'ON_DEMAND',
        instanceTypes: [CORE_NODEGROUP.instanceType],
        desiredSize: CORE_NODEGROUP.size,
        minSize: CORE_NODEGROUP.size,
        maxSize: CORE_NODEGROUP.size + 1,
        amiType: 'AL2023_ARM_64_STANDARD',
      },
    ],
  };
}

export interface SampleInstanceSpec {
  cluster: ClusterRecord;
  instanceType: string;
  lifecycle: Lifecycle;
  nodePool?: string;
  nodegroup?: string;
  state?: string;
  /** 0, 1, 2 -> AZ a, b, c. */
  azIndex: number;
  /** Oldest possible age in days; Karpenter nodes are young, node group nodes older. */
  maxAgeDays: number;
}

export function sampleInstance(
  spec: SampleInstanceSpec,
  now: Date,
  random: SampleRandom,
): InstanceRecord {
  const { cluster } = spec;
  const ageMs = random.between(0.05, spec.maxAgeDays) * 86_400_000;
  const instance: InstanceRecord = {
    instanceId: `i-0${random.hex(16)}`,
    cluster: cluster.name,
    accountId: cluster.accountId,
    region: cluster.region,
    availabilityZone: `${cluster.region}${'abc'[spec.azIndex % 3]}`,
    instanceType: spec.instanceType,
    lifecycle: spec.lifecycle,
    architecture: sampleArchitecture(spec.instanceType),
    launchTime: new Date(
      Math.round((now.getTime() - ageMs) / 1000) * 1000,
    ).toISOString(),
    state: spec.state ?? 'running',
  };
  if (spec.nodePool) instance.nodePool = spec.nodePool;
  if (spec.nodegroup) instance.nodegroup = spec.nodegroup;
  return instance;
}
