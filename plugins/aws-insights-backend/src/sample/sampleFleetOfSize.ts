import {
  ClusterRecord,
  FleetRecords,
  InstanceRecord,
  Lifecycle,
} from '@platform-portal/plugin-aws-insights-common';
import {
  SAMPLE_ACCOUNTS,
  SAMPLE_INSTANCE_TYPES,
  SAMPLE_REGIONS,
  samplePrices,
  SampleEnvironment,
} from './catalog';
import { createRandom } from './random';
import { CORE_NODEGROUP, sampleCluster, sampleInstance } from './sampleCluster';
import {
  SAMPLE_NOW_ISO,
  sampleSources,
  sampleUtilisation,
} from './sampleFleet';
import { sampleWebAcl } from './sampleWebAcl';

export interface SampleFleetSize {
  clusters: number;
  instances: number;
  /** How many of SAMPLE_REGIONS to spread the clusters over (1..5). */
  regions: number;
  seed?: number;
  now?: Date;
}

const ENVIRONMENTS: SampleEnvironment[] = ['dev', 'staging', 'prod'];
const GENERAL_TYPES = [
  'm7g.xlarge',
  'c7g.xlarge',
  'm7i.xlarge',
  'c7i.xlarge',
  'm6i.xlarge',
  'r7g.large',
  't4g.xlarge',
];
const CRITICAL_TYPES = [
  'm7i.2xlarge',
  'm7g.2xlarge',
  'r7g.xlarge',
  'c7i.2xlarge',
];

/**
 * A synthetic fleet of any size for benchmarks (e.g. 40 clusters / 10,000 instances /
 * 3 regions): clusters round-robin over dev/staging/prod and the regions, instances
 * round-robin over the clusters (core node group first, then ~75 % 'general' with 60 %
 * Spot, the rest 'critical' On-Demand), ~2 % not running, one web ACL per environment and
 * region. Deterministic for a given size and seed; no databases or stacks.
 */
export function sampleFleetOfSize(size: SampleFleetSize): FleetRecords {
  const now = size.now ?? new Date(SAMPLE_NOW_ISO);
  const random = createRandom(size.seed ?? 42);
  const regions = SAMPLE_REGIONS.slice(
    0,
    Math.max(1, Math.min(size.regions, SAMPLE_REGIONS.length)),
  );

  const clusters: ClusterRecord[] = [];
  for (let i = 0; i < size.clusters; i++) {
    const environment = ENVIRONMENTS[i % ENVIRONMENTS.length];
    const region =
      regions[Math.floor(i / ENVIRONMENTS.length) % regions.length];
    const name = `${environment}-eks-${String(i + 1).padStart(3, '0')}`;
    clusters.push(
      sampleCluster(
        name,
        environment,
        SAMPLE_ACCOUNTS[environment],
        region,
        '1.32',
      ),
    );
  }

  const instances: InstanceRecord[] = [];
  const coreCount = new Array<number>(clusters.length).fill(0);
  for (let i = 0; i < size.instances && clusters.length > 0; i++) {
    const clusterIndex = i % clusters.length;
    const cluster = clusters[clusterIndex];
    const state = random.next() < 0.02 ? 'pending' : 'running';
    const azIndex = random.int(0, 2);
    if (coreCount[clusterIndex] < CORE_NODEGROUP.size) {
      coreCount[clusterIndex] += 1;
      instances.push(
        sampleInstance(
          {
            cluster,
            instanceType: CORE_NODEGROUP.instanceType,
            lifecycle: 'on-demand',
            nodegroup: CORE_NODEGROUP.name,
            state,
            azIndex,
            maxAgeDays: 30,
          },
          now,
          random,
        ),
      );
      continue;
    }
    const general = random.next() < 0.75;
    const lifecycle: Lifecycle =
      general && random.next() < 0.6 ? 'spot' : 'on-demand';
    const instanceType = random.pick(general ? GENERAL_TYPES : CRITICAL_TYPES);
    instances.push(
      sampleInstance(
        {
          cluster,
          instanceType,
          lifecycle,
          nodePool: general ? 'general' : 'critical',
          state,
          azIndex,
          maxAgeDays: 7,
        },
        now,
        random,
      ),
    );
  }

  const utilisation = clusters.map(cluster =>
    sampleUtilisation(
      cluster,
      cluster.environment === 'dev'
        ? undefined
        : {
            cpu: random.int(40, 92),
            memory: random.int(35, 85),
            cpuUsed: random.int(15, 50),
            memoryUsed: random.int(25, 70),
          },
    ),
  );

  const webAcls = ENVIRONMENTS.flatMap(environment =>
    regions.map(region =>
      sampleWebAcl({
        environment,
        accountId: SAMPLE_ACCOUNTS[environment],
        region,
        now,
        random,
        peakAllowed: 5_000,
        blockScale: 1,
      }),
    ),
  );

  return {
    collectedAt: now.toISOString(),
    sample: true,
    sources: sampleSources([...clusters, ...webAcls], now),
    clusters,
    instances,
    instanceTypes: [...SAMPLE_INSTANCE_TYPES],
    prices: samplePrices(regions, now.toISOString().slice(0, 10)),
    utilisation,
    databases: [],
    webAcls,
    stacks: [],
  };
}
