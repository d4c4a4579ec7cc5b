/**
 * The real plugin (startTestBackend: SQLite, memory cache, router, auth) reading moto_server
 * through its own config: accounts, per-service endpoints, static credentials from the `aws`
 * integration config. Asserts the API's figures against what moto holds after seeding, read
 * independently (src/__testUtils__/motoTruth.ts). Requires `moto_server` (moto >= 5) on PATH.
 */
import {
  mockServices,
  startTestBackend,
  TestBackend,
} from '@backstage/backend-test-utils';
import { bundledOnDemandPrice, DEFAULT_STACK_PREFIXES } from './collectors';
import {
  ACCOUNT,
  CLUSTER,
  credentials,
  REGION,
  seedMotoFleet,
} from './collectors/__testUtils__/motoFleetSeed';
import { MotoServer, startMotoServer } from '@platform-portal/test-utils';
import { LoopbackTrap, startLoopbackTrap } from './__testUtils__/loopbackTrap';
import { MotoTruth, readMotoTruth } from './__testUtils__/motoTruth';
import { getInsights, waitForFleet } from './__testUtils__/waitForFleet';
import { awsInsightsPlugin } from './plugin';

jest.setTimeout(120_000);

const SERVICES = [
  'eks',
  'ec2',
  'pricing',
  'cloudwatch',
  'rds',
  'wafv2',
  'cloudformation',
];

let moto: MotoServer | undefined;
let trap: LoopbackTrap | undefined;
let backend: TestBackend;
let truth: MotoTruth;
let fleet: any;
const savedEnv = { ...process.env };

beforeAll(async () => {
  moto = await startMotoServer();
  // Set after moto is spawned so the child does not inherit it.
  trap = await startLoopbackTrap();
  process.env.AWS_ENDPOINT_URL = trap.url;
  process.env.AWS_EC2_METADATA_DISABLED = 'true';

  await seedMotoFleet(moto.endpoint, new Date());
  truth = await readMotoTruth({
    endpoint: moto.endpoint,
    region: REGION,
    credentials,
    stackPrefixes: DEFAULT_STACK_PREFIXES,
  });

  backend = await startTestBackend({
    features: [
      awsInsightsPlugin,
      mockServices.rootConfig.factory({
        data: {
          // Static keys per account: `aws.mainAccount` alone would make the credentials
          // manager call STS GetCallerIdentity on real AWS to learn the main account's id.
          aws: { accounts: [{ accountId: ACCOUNT, ...credentials }] },
          awsInsights: {
            accounts: [{ accountId: ACCOUNT, name: 'moto', regions: [REGION] }],
            endpoints: Object.fromEntries(
              SERVICES.map(s => [s, moto!.endpoint]),
            ),
            maxAttempts: 2,
            requestTimeoutMs: 5_000,
          },
        },
      }),
      mockServices.scheduler.factory({
        includeInitialDelayedTasksOnStartup: true,
      }),
    ],
  });
  fleet = (await waitForFleet(backend, 60_000)).body;
});

afterAll(async () => {
  await backend?.stop();
  await moto?.stop();
  await trap?.stop();
  process.env = savedEnv;
});

const cell = (body: any, lifecycle: string, architecture: string) =>
  body.mix.cells.find(
    (c: any) => c.lifecycle === lifecycle && c.architecture === architecture,
  );

describe('aws-insights API over moto_server', () => {
  it('seeded what the assertions below expect', () => {
    // Guards against the seed drifting: 2 Spot arm64 + 1 On-Demand x86_64 nodes of prod-eu.
    expect(truth.clusters).toEqual([CLUSTER]);
    expect(truth.cells).toEqual({
      'spot/arm64': { count: 2, vcpu: 4 },
      'on-demand/x86_64': { count: 1, vcpu: 2 },
    });
  });

  it('serves real data: clusters, node counts and vCPUs as seeded', () => {
    expect(fleet.sample).toBe(false);
    expect(Date.parse(fleet.staleAfter)).toBeGreaterThan(Date.now());
    expect(fleet.clusters.map((c: any) => c.cluster)).toEqual(truth.clusters);
    for (const c of fleet.clusters) {
      expect(c.nodes).toBe(truth.nodesByCluster[c.cluster]);
      expect(c.accountId).toBe(ACCOUNT);
      expect(c.region).toBe(REGION);
    }
    expect(fleet.fleet.nodes).toBe(truth.nodes);
    expect(fleet.fleet.vcpu).toBe(truth.vcpu);
    expect(fleet.mix.count).toBe(truth.nodes);
    expect(fleet.mix.vcpu).toBe(truth.vcpu);
  });

  it('splits the mix into Spot / On-Demand x arm64 / x86_64 cells as seeded', () => {
    expect(fleet.mix.cells).toHaveLength(4);
    for (const lifecycle of ['spot', 'on-demand']) {
      for (const arch of ['arm64', 'x86_64']) {
        const expected = truth.cells[`${lifecycle}/${arch}`] ?? {
          count: 0,
          vcpu: 0,
        };
        expect(cell(fleet, lifecycle, arch)).toMatchObject(expected);
      }
    }
    const clusterArn = fleet.clusters[0].arn;
    expect(fleet.mixByCluster[clusterArn].count).toBe(truth.nodes);
  });

  it('reports the Pricing API failure and prices On-Demand from the bundled table', () => {
    const pricing = fleet.sources.filter((s: any) => s.service === 'pricing');
    expect(pricing).toHaveLength(1);
    expect(pricing[0]).toMatchObject({ ok: false, accountId: ACCOUNT });
    expect(pricing[0].error.name).toEqual(expect.any(String));
    expect(pricing[0].error.message).toMatch(/HTTP 500/);
    const others = fleet.sources.filter((s: any) => s.service !== 'pricing');
    expect(others.every((s: any) => s.ok)).toBe(true);
    expect(fleet.mix.unpricedInstanceTypes).toEqual([]);
    // One m6i.large On-Demand node: exactly the bundled eu-west-1 list price.
    expect(cell(fleet, 'on-demand', 'x86_64').usdPerHour).toBeCloseTo(
      bundledOnDemandPrice('m6i.large', REGION)!,
      6,
    );
  });

  it('serves the databases, web ACLs and stacks that moto holds', async () => {
    const kinds = (list: Array<{ identifier: string; kind: string }>) =>
      list.map(d => `${d.identifier}:${d.kind}`).sort();
    expect(kinds(fleet.databases.map((d: any) => d.record))).toEqual(
      kinds(truth.databases),
    );
    expect(fleet.wafs.map((w: any) => w.name)).toEqual(truth.webAcls);
    expect(
      fleet.stacks.map((s: any) => ({ name: s.name, status: s.status })),
    ).toEqual(truth.stacks);

    const db = await getInsights(backend, '/databases/orders');
    expect(db.status).toBe(200);
    expect(db.body.database.record.kind).toBe('aurora-cluster');
  });

  it('serves one web ACL with sampled requests unavailable in moto', async () => {
    const waf = await getInsights(backend, `/web-acls/${truth.webAcls[0]}`);
    expect(waf.status).toBe(200);
    expect(waf.body.summary.name).toBe(truth.webAcls[0]);
    expect(waf.body.sampledAvailable).toBe(false);
    expect(waf.body.sample).toBe(false);
  });

  it('filters one environment by its tag', async () => {
    const env = await getInsights(backend, '/environments/production');
    expect(env.status).toBe(200);
    expect(env.body.clusters.map((c: any) => c.cluster)).toEqual([CLUSTER]);
    expect(env.body.fleet.nodes).toBe(truth.nodesByCluster[CLUSTER]);
    expect(env.body.databases.map((d: any) => d.record.identifier)).toEqual(
      truth.databases
        .filter(d => d.environment === 'production')
        .map(d => d.identifier),
    );
    expect(env.body.wafs.map((w: any) => w.name)).toEqual(truth.webAcls);
    const cluster = await getInsights(backend, `/clusters/${CLUSTER}`);
    expect(cluster.status).toBe(200);
    expect(cluster.body.mix.vcpu).toBe(truth.vcpu);
  });

  it('records the refresh in the history', async () => {
    const res = await getInsights(backend, '/history?scope=fleet&days=1');
    expect(res.status).toBe(200);
    expect(res.body.points).toHaveLength(1);
    expect(res.body.points[0]).toMatchObject({
      sample: false,
      nodes: truth.nodes,
      vcpu: truth.vcpu,
    });
  });

  it('sent no AWS call past the configured endpoints', () => {
    expect(trap!.requests).toEqual([]);
  });
});
