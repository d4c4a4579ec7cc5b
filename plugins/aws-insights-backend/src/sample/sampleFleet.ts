import {
  ClusterRecord,
  ClusterUtilisation,
  FleetRecords,
  InstanceRecord,
  Lifecycle,
  SourceStatus,
} from '@platform-portal/plugin-aws-insights-common';
import {
  SAMPLE_ACCOUNTS,
  SAMPLE_INSTANCE_TYPES,
  samplePrices,
  SampleEnvironment,
} from './catalog';
import { createRandom, SampleRandom } from './random';
import { CORE_NODEGROUP, sampleCluster, sampleInstance } from './sampleCluster';
import { sampleDatabases } from './sampleDatabases';
import { sampleStacks } from './sampleStacks';
import { sampleBlockedRequests, sampleWebAcl } from './sampleWebAcl';

/** The fixed default time of the sample, so two calls without arguments are equal. */
export const SAMPLE_NOW_ISO = '2025-06-02T09:00:00.000Z';
export const SAMPLE_NOW = new Date(SAMPLE_NOW_ISO);
const SEED = 20250602;

/** Karpenter pool, instance type, lifecycle, count (+ optional state). */
type NodePlan = [string, string, Lifecycle, number, string?];

interface ClusterPlan {
  name: string;
  environment: SampleEnvironment;
  region: string;
  version: string;
  nodes: NodePlan[];
  /** Container Insights; undefined = not installed, so requests are unknown. */
  reserved?: {
    cpu: number;
    memory: number;
    cpuUsed: number;
    memoryUsed: number;
  };
}

const CLUSTERS: ClusterPlan[] = [
  {
    name: 'dev-eks',
    environment: 'dev',
    region: 'eu-west-1',
    version: '1.33',
    nodes: [
      ['general', 't4g.xlarge', 'spot', 2],
      ['general', 'm7g.large', 'spot', 3],
      ['general', 'm7i.large', 'spot', 2],
      ['general', 'c7g.large', 'spot', 1, 'shutting-down'],
      ['general', 't4g.large', 'on-demand', 1],
      ['critical', 'c7i.large', 'on-demand', 1],
    ],
  },
  {
    name: 'staging-eks',
    environment: 'staging',
    region: 'eu-west-1',
    version: '1.32',
    nodes: [
      ['general', 'm7g.large', 'spot', 3],
      ['general', 'c7i.large', 'spot', 2],
      ['general', 'm6i.large', 'on-demand', 1],
      ['critical', 'm7i.large', 'on-demand', 2],
    ],
    reserved: { cpu: 55, memory: 49, cpuUsed: 22, memoryUsed: 35 },
  },
  {
    name: 'prod-eks',
    environment: 'prod',
    region: 'eu-west-1',
    version: '1.32',
    nodes: [
      ['general', 'm7g.xlarge', 'spot', 6],
      ['general', 'c7g.xlarge', 'spot', 4],
      ['general', 'm7i.xlarge', 'spot', 3],
      ['general', 'c7i.xlarge', 'spot', 2],
      ['general', 'c7g.xlarge', 'spot', 1, 'pending'],
      ['general', 'm7g.xlarge', 'on-demand', 2],
      ['general', 'm6i.xlarge', 'on-demand', 1],
      ['critical', 'm7i.2xlarge', 'on-demand', 3],
      ['critical', 'r7g.xlarge', 'on-demand', 2],
      ['critical', 'c7i.xlarge', 'on-demand', 1],
    ],
    // 87 % reserved: 13 % headroom, under the 15 % default, so prod shows lowHeadroom.
    reserved: { cpu: 87, memory: 74, cpuUsed: 46, memoryUsed: 61 },
  },
  {
    name: 'prod-eks-euc1',
    environment: 'prod',
    region: 'eu-central-1',
    version: '1.32',
    nodes: [
      ['general', 'm7g.xlarge', 'spot', 3],
      ['general', 'c7i.xlarge', 'spot', 1],
      ['critical', 'm7i.xlarge', 'on-demand', 2],
    ],
    reserved: { cpu: 64, memory: 58, cpuUsed: 31, memoryUsed: 44 },
  },
];

function clusterInstances(
  cluster: ClusterRecord,
  plan: ClusterPlan,
  now: Date,
  random: SampleRandom,
): InstanceRecord[] {
  const instances: InstanceRecord[] = [];
  for (let i = 0; i < CORE_NODEGROUP.size; i++) {
    instances.push(
      sampleInstance(
        {
          cluster,
          instanceType: CORE_NODEGROUP.instanceType,
          lifecycle: 'on-demand',
          nodegroup: CORE_NODEGROUP.name,
          azIndex: i,
          maxAgeDays: 30,
        },
        now,
        random,
      ),
    );
  }
  let azIndex = 0;
  for (const [nodePool, instanceType, lifecycle, count, state] of plan.nodes) {
    for (let i = 0; i < count; i++) {
      instances.push(
        sampleInstance(
          {
            cluster,
            instanceType,
            lifecycle,
            nodePool,
            state,
            azIndex: azIndex++,
            maxAgeDays: 7,
          },
          now,
          random,
        ),
      );
    }
  }
  return instances;
}

export function sampleUtilisation(
  cluster: ClusterRecord,
  reserved?: ClusterPlan['reserved'],
): ClusterUtilisation {
  const base = {
    cluster: cluster.name,
    accountId: cluster.accountId,
    region: cluster.region,
  };
  if (!reserved) return { ...base, available: false };
  return {
    ...base,
    available: true,
    cpuReservedPercent: reserved.cpu,
    memoryReservedPercent: reserved.memory,
    cpuUtilisationPercent: reserved.cpuUsed,
    memoryUtilisationPercent: reserved.memoryUsed,
  };
}

export function sampleSources(
  locations: Iterable<{ accountId: string; region: string }>,
  now: Date,
): SourceStatus[] {
  const seen = new Map<string, SourceStatus>();
  for (const { accountId, region } of locations) {
    seen.set(`${accountId}|${region}`, {
      service: 'sample',
      reads: 'sample',
      accountId,
      region,
      ok: true,
      fetchedAt: now.toISOString(),
      calls: 0,
    });
  }
  return [...seen.values()];
}

/**
 * The embedded sample fleet (`sample: true`): dev, staging and prod in the catalog's fake
 * accounts in eu-west-1, plus a smaller prod cluster in eu-central-1. Deterministic: the same
 * `now` always gives deep-equal records. Tells a story the dashboards should show: all four
 * Spot/Graviton cells, x86 On-Demand nodes worth moving to Graviton, prod low on headroom,
 * dev without Container Insights, a critical dev database, a lagging prod reader and a
 * rate-limit block spike in prod two hours ago.
 */
export function sampleFleetRecords(
  // A fresh Date: a caller mutating SAMPLE_NOW cannot change the default.
  now: Date = new Date(SAMPLE_NOW_ISO),
): FleetRecords {
  const random = createRandom(SEED);
  const clusters: ClusterRecord[] = [];
  const instances: InstanceRecord[] = [];
  const utilisation: ClusterUtilisation[] = [];
  for (const plan of CLUSTERS) {
    const cluster = sampleCluster(
      plan.name,
      plan.environment,
      SAMPLE_ACCOUNTS[plan.environment],
      plan.region,
      plan.version,
    );
    clusters.push(cluster);
    instances.push(...clusterInstances(cluster, plan, now, random));
    utilisation.push(sampleUtilisation(cluster, plan.reserved));
  }

  const spikeEndsMinutesAgo = 110;
  const webAcls = [
    sampleWebAcl({
      environment: 'dev',
      accountId: SAMPLE_ACCOUNTS.dev,
      region: 'eu-west-1',
      now,
      random,
      peakAllowed: 400,
      blockScale: 0.25,
    }),
    sampleWebAcl({
      environment: 'staging',
      accountId: SAMPLE_ACCOUNTS.staging,
      region: 'eu-west-1',
      now,
      random,
      peakAllowed: 2_000,
      blockScale: 0.5,
      sampledBlocked: sampleBlockedRequests(now, 400).slice(4),
    }),
    sampleWebAcl({
      environment: 'prod',
      accountId: SAMPLE_ACCOUNTS.prod,
      region: 'eu-west-1',
      now,
      random,
      peakAllowed: 15_000,
      blockScale: 1,
      // Rate limit blocking 40x its baseline for 20 minutes, ending 1 h 50 min before now.
      spike: { factor: 40, minutes: 20, endsMinutesAgo: spikeEndsMinutesAgo },
      sampledBlocked: sampleBlockedRequests(now, spikeEndsMinutesAgo),
    }),
  ];
  const databases = sampleDatabases(now);
  const stacks = sampleStacks(now);

  return {
    collectedAt: now.toISOString(),
    sample: true,
    sources: sampleSources(
      [...clusters, ...databases, ...webAcls, ...stacks],
      now,
    ),
    clusters,
    instances,
    instanceTypes: [...SAMPLE_INSTANCE_TYPES],
    prices: samplePrices(
      ['eu-west-1', 'eu-central-1'],
      now.toISOString().slice(0, 10),
    ),
    utilisation,
    databases,
    webAcls,
    stacks,
  };
}
