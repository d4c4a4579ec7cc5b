/**
 * AWS goes away under a running insights backend: the real plugin (startTestBackend) reads two
 * accounts from moto_server through STS roles (3 clusters, 45 nodes), refreshes once, then
 * moto_server stops and the next refresh fails everywhere. Every figure must stay at its last
 * good value, the body must say it is stale and how old its oldest data is, and every failed
 * source must be named. Requires `moto_server` (moto >= 5) on PATH.
 */
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  TestBackend,
} from '@backstage/backend-test-utils';
import { MotoServer, startMotoServer } from '@platform-portal/test-utils';
import { LoopbackTrap, startLoopbackTrap } from './__testUtils__/loopbackTrap';
import {
  motoInsightsConfig,
  SeededCluster,
  seedMotoCluster,
} from './__testUtils__/motoAccounts';
import { getInsights, waitForFleet } from './__testUtils__/waitForFleet';
import { awsInsightsPlugin } from './plugin';

jest.setTimeout(180_000);

const PROD = '111111111111';
const STAGING = '222222222222';
const node = (
  type: string,
  arch: 'arm64' | 'x86_64',
  spot: boolean,
  count: number,
) => ({ type, arch, spot, count });
const CLUSTERS: SeededCluster[] = [
  {
    accountId: PROD,
    region: 'eu-west-1',
    name: 'prod-eu',
    environment: 'production',
    nodes: [
      node('m7g.large', 'arm64', true, 8),
      node('m6i.large', 'x86_64', false, 7),
    ],
  },
  {
    accountId: PROD,
    region: 'us-east-1',
    name: 'prod-us',
    environment: 'production',
    nodes: [
      node('c7g.xlarge', 'arm64', false, 5),
      node('m6i.xlarge', 'x86_64', true, 10),
    ],
  },
  {
    accountId: STAGING,
    region: 'eu-west-1',
    name: 'staging-eu',
    environment: 'staging',
    nodes: [
      node('m7g.large', 'arm64', true, 12),
      node('m6i.large', 'x86_64', false, 3),
    ],
  },
];

/** Everything a body reports about the fleet, i.e. all but its freshness. */
const FIGURES = [
  'fleet',
  'clusters',
  'mix',
  'mixByCluster',
  'gravitonCandidates',
  'databases',
  'wafs',
  'stacks',
] as const;

const sourceId = (s: any) =>
  `${s.service}/${s.reads}/${s.accountId}/${s.region}`;

let moto: MotoServer | undefined;
let trap: LoopbackTrap | undefined;
let backend: TestBackend | undefined;
// Refreshes run when the test says so: the first with moto up, the second with it stopped.
const scheduler = mockServices.scheduler();
const REFRESH_TASK = 'aws-insights-refresh';
let before: any;
let after: any;
const savedEnv = { ...process.env };

beforeAll(async () => {
  moto = await startMotoServer();
  for (const [i, cluster] of CLUSTERS.entries()) {
    await seedMotoCluster(moto.endpoint, cluster, { extras: i === 0 });
  }
  // Set after moto is spawned so the child does not inherit them.
  trap = await startLoopbackTrap();
  process.env.AWS_ENDPOINT_URL = trap.url;
  process.env.AWS_ENDPOINT_URL_STS = moto.endpoint;
  process.env.AWS_EC2_METADATA_DISABLED = 'true';

  backend = await startTestBackend({
    features: [
      awsInsightsPlugin,
      mockServices.rootConfig.factory({
        data: motoInsightsConfig(moto.endpoint, [
          { accountId: PROD, regions: ['eu-west-1', 'us-east-1'] },
          { accountId: STAGING, regions: ['eu-west-1'] },
        ]),
      }),
      createServiceFactory({
        service: coreServices.scheduler,
        deps: {},
        factory: () => scheduler,
      }),
    ],
  });
  await scheduler.triggerTask(REFRESH_TASK);
  before = (await waitForFleet(backend, 10_000)).body;

  await moto.stop();
  await scheduler.triggerTask(REFRESH_TASK);
  after = (await getInsights(backend, '/fleet')).body;
});

afterAll(async () => {
  await backend?.stop();
  await moto?.stop();
  await trap?.stop();
  process.env = savedEnv;
});

describe('moto_server stops under a running insights backend', () => {
  it('first read the whole fleet: 2 accounts, 3 clusters, 45 nodes, priced', () => {
    expect(before.clusters.map((c: any) => c.cluster).sort()).toEqual([
      'prod-eu',
      'prod-us',
      'staging-eu',
    ]);
    expect(before.fleet.nodes).toBe(45);
    expect(before.fleet.vcpu).toBeGreaterThan(90);
    expect(before.fleet.memoryGiB).toBeGreaterThan(0);
    expect(before.mix.usdPerHour).toBeGreaterThan(0);
    expect(before.mix.spotShareByVcpu).toBeGreaterThan(0);
    expect(before.mix.unpricedInstanceTypes).toEqual([]);
    expect(before.databases).toHaveLength(1);
    expect(before.wafs).toHaveLength(1);
    expect(before.stacks).toHaveLength(1);
    // moto has no Pricing API: only those sources fail (On-Demand from the bundled table).
    expect(
      before.sources.filter((s: any) => !s.ok).map((s: any) => s.service),
    ).toEqual(['pricing', 'pricing']);
    expect(before.stale).toBe(false);
    expect(before.dataAsOf).toBe(before.generatedAt);
  });

  it('then refreshed again, and every source of that refresh failed', () => {
    expect(Date.parse(after.generatedAt)).toBeGreaterThan(
      Date.parse(before.generatedAt),
    );
    // 6 per account and region (3), and Spot and On-Demand prices per region (2).
    expect(after.sources).toHaveLength(22);
    for (const source of after.sources) {
      expect({ source: sourceId(source), ok: source.ok }).toEqual({
        source: sourceId(source),
        ok: false,
      });
      expect(source.error?.message).toEqual(expect.any(String));
    }
  });

  it('names each failed source: the same sources as before, each with the time of its data', () => {
    expect(after.sources.map(sourceId).sort()).toEqual(
      before.sources.map(sourceId).sort(),
    );
    for (const source of after.sources) {
      const previous = before.sources.find(
        (s: any) => sourceId(s) === sourceId(source),
      );
      expect({
        source: sourceId(source),
        staleSince: source.staleSince,
      }).toEqual({
        source: sourceId(source),
        staleSince: previous.fetchedAt,
      });
    }
  });

  it('keeps every figure at its last good value: vCPU, GiB, $/h and Spot share included', () => {
    for (const figure of FIGURES) {
      expect({ figure, value: after[figure] }).toEqual({
        figure,
        value: before[figure],
      });
    }
  });

  it('says the body is stale and dates it by its oldest data, not by the refresh', () => {
    expect(after.stale).toBe(true);
    expect(Date.parse(after.dataAsOf)).toBeLessThan(
      Date.parse(after.generatedAt),
    );
    const oldest = Math.min(
      ...after.sources.map((s: any) => Date.parse(s.staleSince)),
    );
    expect(Date.parse(after.dataAsOf)).toBe(oldest);
    expect(Date.parse(after.dataAsOf)).toBeLessThanOrEqual(
      Math.max(...before.sources.map((s: any) => Date.parse(s.fetchedAt))),
    );
  });

  it('serves the same figures in the filtered views', async () => {
    const cluster = await getInsights(backend!, '/clusters/prod-us');
    expect(cluster.status).toBe(200);
    expect(cluster.body.cluster).toEqual(
      before.clusters.find((c: any) => c.cluster === 'prod-us'),
    );
    expect(cluster.body.stale).toBe(true);
    const staging = await getInsights(backend!, '/environments/staging');
    expect(staging.status).toBe(200);
    expect(staging.body.fleet.nodes).toBe(15);
    expect(staging.body.fleet.vcpu).toBeGreaterThan(0);
    expect(staging.body.mix.usdPerHour).toBeGreaterThan(0);
    expect(
      staging.body.sources.every((s: any) => s.accountId === STAGING),
    ).toBe(true);
  });

  it('sent no AWS call past moto', () => {
    expect(trap!.requests).toEqual([]);
  });
});
