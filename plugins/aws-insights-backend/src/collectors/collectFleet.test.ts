import {
  CloudFormationClient,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import {
  CloudWatchClient,
  GetMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import {
  DescribeInstancesCommand,
  DescribeInstanceTypesCommand,
  DescribeSpotPriceHistoryCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  DescribeClusterCommand,
  EKSClient,
  ListClustersCommand,
  ListNodegroupsCommand,
} from '@aws-sdk/client-eks';
import { GetProductsCommand, PricingClient } from '@aws-sdk/client-pricing';
import {
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  DescribeEventsCommand,
  RDSClient,
} from '@aws-sdk/client-rds';
import { ListWebACLsCommand, WAFV2Client } from '@aws-sdk/client-wafv2';
import { AwsStub, mockClient } from 'aws-sdk-client-mock';
import { collectFleet } from './collectFleet';
import { awsError, TEST_NOW } from './__testUtils__/testContext';

const GOOD = '111111111111';
const DENIED = '222222222222';
const credentialsOf = (accountId: string) => ({
  accessKeyId: accountId,
  secretAccessKey: 'x',
});

const mocks = {
  eks: mockClient(EKSClient),
  ec2: mockClient(EC2Client),
  pricing: mockClient(PricingClient),
  cloudwatch: mockClient(CloudWatchClient),
  rds: mockClient(RDSClient),
  wafv2: mockClient(WAFV2Client),
  cloudformation: mockClient(CloudFormationClient),
};

type Caller = { accountId: string; region: string };
/** Answers by calling account (the access key id) and region; the denied account gets AccessDenied. */
function answer(
  stub: AwsStub<any, any, any>,
  command: any,
  respond: (input: any, caller: Caller) => unknown,
) {
  stub.on(command).callsFake(async (input, getClient) => {
    const client = getClient();
    const credentials = await (client.config as any).credentials();
    const caller = {
      accountId: credentials.accessKeyId,
      region: await (client.config as any).region(),
    };
    if (caller.accountId === DENIED) {
      throw awsError(
        'AccessDeniedException',
        `${caller.accountId} denied`,
        403,
      );
    }
    return respond(input, caller);
  });
}

beforeEach(() => {
  Object.values(mocks).forEach(m => m.reset());
  answer(mocks.eks, ListClustersCommand, (_, { region }) => {
    // us-east-1's EKS API is throttled: its instances must still be found via EC2.
    if (region === 'us-east-1')
      throw awsError('ThrottlingException', 'Rate exceeded');
    return { clusters: ['prod'] };
  });
  answer(mocks.eks, DescribeClusterCommand, input => ({
    cluster: {
      name: input.name,
      arn: `arn:${input.name}`,
      status: 'ACTIVE',
      version: '1.31',
    },
  }));
  answer(mocks.eks, ListNodegroupsCommand, () => ({ nodegroups: [] }));
  answer(mocks.ec2, DescribeInstancesCommand, (_, { region }) => ({
    Reservations: [
      {
        Instances: [
          {
            InstanceId: `i-${region}`,
            InstanceType: 'm7g.large',
            InstanceLifecycle: 'spot',
            Architecture: 'arm64',
            Placement: { AvailabilityZone: `${region}a` },
            State: { Name: 'running' },
            Tags: [
              {
                Key: `kubernetes.io/cluster/${
                  region === 'us-east-1' ? 'edge' : 'prod'
                }`,
                Value: 'owned',
              },
            ],
          },
        ],
      },
    ],
  }));
  answer(mocks.ec2, DescribeInstanceTypesCommand, () => ({
    InstanceTypes: [
      {
        InstanceType: 'm7g.large',
        VCpuInfo: { DefaultVCpus: 2 },
        MemoryInfo: { SizeInMiB: 8192 },
        ProcessorInfo: { SupportedArchitectures: ['arm64'] },
      },
    ],
  }));
  answer(mocks.ec2, DescribeSpotPriceHistoryCommand, (_, { region }) => ({
    SpotPriceHistory: [
      {
        InstanceType: 'm7g.large',
        AvailabilityZone: `${region}a`,
        SpotPrice: '0.03',
        Timestamp: TEST_NOW,
      },
    ],
  }));
  answer(mocks.pricing, GetProductsCommand, () => {
    throw awsError('ThrottlingException', 'Rate exceeded');
  });
  answer(mocks.cloudwatch, GetMetricDataCommand, input => ({
    MetricDataResults: input.MetricDataQueries.map((q: any) => ({
      Id: q.Id,
      Values: [50],
      Timestamps: [TEST_NOW],
    })),
  }));
  answer(mocks.rds, DescribeDBClustersCommand, () => ({ DBClusters: [] }));
  answer(mocks.rds, DescribeDBInstancesCommand, (_, { region }) => ({
    DBInstances: [{ DBInstanceIdentifier: `db-${region}`, Engine: 'postgres' }],
  }));
  answer(mocks.rds, DescribeEventsCommand, () => ({ Events: [] }));
  answer(mocks.wafv2, ListWebACLsCommand, () => ({ WebACLs: [] }));
  answer(mocks.cloudformation, DescribeStacksCommand, () => ({ Stacks: [] }));
});

describe('collectFleet', () => {
  it('returns partial results with per-source errors', async () => {
    const fleet = await collectFleet({
      accounts: [
        {
          accountId: GOOD,
          regions: ['eu-west-1', 'us-east-1'],
          credentials: credentialsOf(GOOD),
        },
        {
          accountId: DENIED,
          regions: ['eu-west-1'],
          credentials: credentialsOf(DENIED),
        },
      ],
      now: TEST_NOW,
      clock: () => TEST_NOW,
      concurrency: 2,
    });
    expect(fleet).toMatchObject({
      collectedAt: TEST_NOW.toISOString(),
      sample: false,
    });

    // The good account in both regions, despite EKS being throttled in us-east-1.
    expect(fleet.clusters.map(c => [c.name, c.region])).toEqual([
      ['prod', 'eu-west-1'],
    ]);
    expect(fleet.instances.map(i => [i.cluster, i.region])).toEqual([
      ['prod', 'eu-west-1'],
      ['edge', 'us-east-1'],
    ]);
    expect(fleet.instanceTypes).toHaveLength(1);
    expect(fleet.utilisation.map(u => [u.cluster, u.available])).toEqual([
      ['prod', true],
      ['edge', true],
    ]);
    expect(fleet.databases.map(d => d.identifier)).toEqual([
      'db-eu-west-1',
      'db-us-east-1',
    ]);

    const statusOf = (accountId: string, region: string, service: string) =>
      fleet.sources.filter(
        s =>
          s.accountId === accountId &&
          s.region === region &&
          s.service === service,
      );
    expect(statusOf(GOOD, 'us-east-1', 'eks')[0]).toMatchObject({
      ok: false,
      error: { name: 'ThrottlingException' },
    });
    expect(statusOf(GOOD, 'us-east-1', 'cloudwatch')[0].ok).toBe(true);
    expect(statusOf(GOOD, 'eu-west-1', 'eks')[0].ok).toBe(true);

    // The denied account: every source failed, nothing of it in the records.
    const denied = fleet.sources.filter(s => s.accountId === DENIED);
    expect(denied).toHaveLength(6);
    expect(denied.every(s => !s.ok)).toBe(true);
    expect(
      denied
        .filter(s => s.service !== 'cloudwatch')
        .every(s => s.error?.name === 'AccessDeniedException'),
    ).toBe(true);
    expect(fleet.instances.some(i => i.accountId === DENIED)).toBe(false);

    // Prices once per region: spot from the history, On-Demand from the table (Pricing throttled).
    expect(
      mocks.ec2.commandCalls(DescribeSpotPriceHistoryCommand),
    ).toHaveLength(2);
    expect(mocks.pricing.commandCalls(GetProductsCommand)).toHaveLength(2);
    expect(fleet.prices.map(p => [p.region, p.lifecycle, p.source])).toEqual([
      ['eu-west-1', 'spot', 'spot-price-history'],
      ['eu-west-1', 'on-demand', 'bundled-table'],
      ['us-east-1', 'spot', 'spot-price-history'],
      ['us-east-1', 'on-demand', 'bundled-table'],
    ]);
    const pricing = fleet.sources.filter(s => s.service === 'pricing');
    expect(pricing).toHaveLength(2);
    expect(pricing.every(s => s.error?.name === 'ThrottlingException')).toBe(
      true,
    );
    expect(fleet.sources).toHaveLength(3 * 6 + 2 * 2);
  });

  it('keeps an unexpected failure (a malformed answer) inside its own source', async () => {
    mocks.eks.on(ListClustersCommand).resolves(undefined as any);
    const fleet = await collectFleet({
      accounts: [
        {
          accountId: GOOD,
          regions: ['eu-west-1'],
          credentials: credentialsOf(GOOD),
        },
      ],
      now: TEST_NOW,
    });
    expect(fleet.sources.find(s => s.service === 'eks')).toMatchObject({
      ok: false,
      error: { name: 'TypeError' },
    });
    // EC2 fell back to every cluster tag; the rest is untouched.
    expect(fleet.instances).toHaveLength(1);
    expect(
      fleet.sources
        .filter(s => s.service !== 'eks' && s.service !== 'pricing')
        .every(s => s.ok),
    ).toBe(true);
  });
});
