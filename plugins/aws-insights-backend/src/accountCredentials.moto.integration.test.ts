/**
 * One account's credentials cannot be had (no `aws.accounts` entry and no default role: the
 * credentials manager refuses it) while another account reads fine through its STS role in
 * moto_server. The refresh must still land: the broken account's sources failed, each naming
 * why, and the other account's data fresh. Requires `moto_server` (moto >= 5) on PATH.
 */
import {
  mockServices,
  startTestBackend,
  TestBackend,
} from '@backstage/backend-test-utils';
import { MotoServer, startMotoServer } from '@platform-portal/test-utils';
import { LoopbackTrap, startLoopbackTrap } from './__testUtils__/loopbackTrap';
import {
  motoInsightsConfig,
  seedMotoCluster,
} from './__testUtils__/motoAccounts';
import { waitForFleet } from './__testUtils__/waitForFleet';
import { awsInsightsPlugin } from './plugin';

jest.setTimeout(120_000);

const GOOD = '111111111111';
const BROKEN = '333333333333';
const REGIONS = ['eu-west-1', 'eu-central-1'];

let moto: MotoServer | undefined;
let trap: LoopbackTrap | undefined;
let backend: TestBackend | undefined;
let fleet: any;
const savedEnv = { ...process.env };

beforeAll(async () => {
  moto = await startMotoServer();
  await seedMotoCluster(moto.endpoint, {
    accountId: GOOD,
    region: 'eu-west-1',
    name: 'prod-eu',
    environment: 'production',
    nodes: [{ type: 'm7g.large', arch: 'arm64', spot: true, count: 3 }],
  });
  trap = await startLoopbackTrap();
  process.env.AWS_ENDPOINT_URL = trap.url;
  process.env.AWS_ENDPOINT_URL_STS = moto.endpoint;
  process.env.AWS_EC2_METADATA_DISABLED = 'true';

  backend = await startTestBackend({
    features: [
      awsInsightsPlugin,
      mockServices.rootConfig.factory({
        data: motoInsightsConfig(
          moto.endpoint,
          [
            { accountId: GOOD, regions: ['eu-west-1'] },
            { accountId: BROKEN, regions: REGIONS },
          ],
          // Only GOOD has a role: the credentials manager has nothing for BROKEN.
          { withRole: [GOOD] },
        ),
      }),
      mockServices.scheduler.factory({
        includeInitialDelayedTasksOnStartup: true,
      }),
    ],
  });
  fleet = (await waitForFleet(backend, 30_000)).body;
});

afterAll(async () => {
  await backend?.stop();
  await moto?.stop();
  await trap?.stop();
  process.env = savedEnv;
});

describe('an account whose credentials fail', () => {
  it("reports that account's sources as failed, each naming the account and why", () => {
    const broken = fleet.sources.filter((s: any) => s.accountId === BROKEN);
    const perRegion = [
      'eks',
      'ec2',
      'cloudwatch',
      'rds',
      'wafv2',
      'cloudformation',
    ];
    expect(broken.map((s: any) => `${s.service}/${s.region}`).sort()).toEqual(
      REGIONS.flatMap(r => perRegion.map(s => `${s}/${r}`)).sort(),
    );
    for (const source of broken) {
      expect(source.ok).toBe(false);
      expect(source.error.message).toContain(BROKEN);
      expect(source.error.message).toMatch(/credentials/i);
    }
  });

  it("still serves the other account's data, fresh", () => {
    const good = fleet.sources.filter(
      (s: any) => s.accountId === GOOD && s.service !== 'pricing',
    );
    expect(good.length).toBeGreaterThanOrEqual(6);
    expect(good.every((s: any) => s.ok)).toBe(true);
    expect(fleet.clusters.map((c: any) => c.cluster)).toEqual(['prod-eu']);
    expect(fleet.fleet.nodes).toBe(3);
    expect(fleet.fleet.vcpu).toBe(6);
  });

  it('sent no AWS call past moto', () => {
    expect(trap!.requests).toEqual([]);
  });
});
