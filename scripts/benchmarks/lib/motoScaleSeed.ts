import {
  CloudFormationClient,
  CreateStackCommand,
} from '@aws-sdk/client-cloudformation';
import {
  DescribeImagesCommand,
  EC2Client,
  RunInstancesCommand,
  _InstanceType,
} from '@aws-sdk/client-ec2';
import { CreateClusterCommand, EKSClient } from '@aws-sdk/client-eks';
import { CreateDBInstanceCommand, RDSClient } from '@aws-sdk/client-rds';
import { CreateWebACLCommand, WAFV2Client } from '@aws-sdk/client-wafv2';

/**
 * Test/benchmark-only: a large fleet in moto through the real SDK. Clusters are spread
 * round-robin over the regions; each cluster's nodes come in four RunInstances batches
 * (Spot/On-Demand x arm64/x86_64) with the tags the collectors read.
 */
export interface ScaleSeedOptions {
  endpoint: string;
  accountId: string;
  regions: string[];
  clusters: number;
  instances: number;
  /** Share of instances launched as Spot (default 0.6). */
  spotShare?: number;
  /** Standalone RDS instances per region (default 2). */
  databasesPerRegion?: number;
  /** RunInstances MaxCount per call (default 500). */
  batch?: number;
}

/** What was seeded per region: the inputs of the page-count minimum. */
export interface SeededRegion {
  region: string;
  clusters: number;
  instances: number;
  instanceTypes: Set<string>;
  databases: number;
  webAcls: number;
  platformStacks: number;
  runInstancesCalls: number;
}

const ARM_TYPES = [
  'm7g.large',
  'm7g.xlarge',
  'c7g.large',
  'c7g.xlarge',
  'r7g.large',
];
const X86_TYPES = [
  'm6i.large',
  'm6i.xlarge',
  'c6i.large',
  'c6i.xlarge',
  'r6i.large',
];
const ENVIRONMENTS = ['production', 'staging', 'development'];

export async function seedMotoScaleFleet(
  options: ScaleSeedOptions,
): Promise<SeededRegion[]> {
  const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
  const batch = options.batch ?? 500;
  const spotShare = options.spotShare ?? 0.6;
  const seeded = new Map<string, SeededRegion>();
  const clientConfig = (region: string) => ({
    region,
    endpoint: options.endpoint,
    credentials,
    maxAttempts: 1,
  });

  const amis = new Map<string, { arm64: string; x86_64: string }>();
  for (const region of options.regions) {
    const images =
      (
        await new EC2Client(clientConfig(region)).send(
          new DescribeImagesCommand({}),
        )
      ).Images ?? [];
    const ami = (arch: string) =>
      images.find(i => i.Architecture === arch && i.Platform !== 'Windows')!
        .ImageId!;
    amis.set(region, { arm64: ami('arm64'), x86_64: ami('x86_64') });
    seeded.set(region, {
      region,
      clusters: 0,
      instances: 0,
      instanceTypes: new Set(),
      databases: 0,
      webAcls: 0,
      platformStacks: 0,
      runInstancesCalls: 0,
    });
  }

  for (let c = 0; c < options.clusters; c++) {
    const region = options.regions[c % options.regions.length];
    const stats = seeded.get(region)!;
    const name = `eks-${String(c).padStart(3, '0')}`;
    const config = clientConfig(region);
    await new EKSClient(config).send(
      new CreateClusterCommand({
        name,
        version: '1.31',
        roleArn: `arn:aws:iam::${options.accountId}:role/eks`,
        resourcesVpcConfig: { subnetIds: ['subnet-1'] },
        tags: { environment: ENVIRONMENTS[c % ENVIRONMENTS.length] },
      }),
    );
    stats.clusters += 1;

    // Even split of the instances over clusters; the first ones take the remainder.
    const nodes =
      Math.floor(options.instances / options.clusters) +
      (c < options.instances % options.clusters ? 1 : 0);
    const spot = Math.round(nodes * spotShare);
    const groups = [
      { spot: true, arch: 'arm64' as const, count: Math.ceil(spot / 2) },
      { spot: true, arch: 'x86_64' as const, count: Math.floor(spot / 2) },
      {
        spot: false,
        arch: 'arm64' as const,
        count: Math.ceil((nodes - spot) / 2),
      },
      {
        spot: false,
        arch: 'x86_64' as const,
        count: Math.floor((nodes - spot) / 2),
      },
    ];
    const ec2 = new EC2Client(config);
    for (const group of groups) {
      const types = group.arch === 'arm64' ? ARM_TYPES : X86_TYPES;
      const instanceType = types[c % types.length];
      for (let left = group.count; left > 0; left -= batch) {
        const count = Math.min(batch, left);
        await ec2.send(
          new RunInstancesCommand({
            ImageId: amis.get(region)![group.arch],
            InstanceType: instanceType as _InstanceType,
            MinCount: count,
            MaxCount: count,
            InstanceMarketOptions: group.spot
              ? { MarketType: 'spot' }
              : undefined,
            TagSpecifications: [
              {
                ResourceType: 'instance',
                Tags: [
                  { Key: `kubernetes.io/cluster/${name}`, Value: 'owned' },
                  {
                    Key: 'karpenter.sh/nodepool',
                    Value: group.spot ? 'spot' : 'general',
                  },
                ],
              },
            ],
          }),
        );
        stats.runInstancesCalls += 1;
        stats.instances += count;
        stats.instanceTypes.add(instanceType);
      }
    }
  }

  for (const region of options.regions) {
    const stats = seeded.get(region)!;
    const config = clientConfig(region);
    const rds = new RDSClient(config);
    for (let d = 0; d < (options.databasesPerRegion ?? 2); d++) {
      await rds.send(
        new CreateDBInstanceCommand({
          DBInstanceIdentifier: `db-${region}-${d}`,
          Engine: 'postgres',
          DBInstanceClass: 'db.t4g.medium',
          AllocatedStorage: 50,
          MasterUsername: 'app',
          MasterUserPassword: 'not-a-secret-1',
          Tags: [
            {
              Key: 'environment',
              Value: ENVIRONMENTS[d % ENVIRONMENTS.length],
            },
          ],
        }),
      );
      stats.databases += 1;
    }
    const visibility = (MetricName: string) => ({
      SampledRequestsEnabled: true,
      CloudWatchMetricsEnabled: true,
      MetricName,
    });
    await new WAFV2Client(config).send(
      new CreateWebACLCommand({
        Name: `edge-${region}`,
        Scope: 'REGIONAL',
        DefaultAction: { Allow: {} },
        VisibilityConfig: visibility('edge'),
        Rules: [
          {
            Name: 'rate-limit',
            Priority: 0,
            Action: { Block: {} },
            Statement: {
              RateBasedStatement: { Limit: 2000, AggregateKeyType: 'IP' },
            },
            VisibilityConfig: visibility('rate-limit'),
          },
        ],
      }),
    );
    stats.webAcls += 1;
    await new CloudFormationClient(config).send(
      new CreateStackCommand({
        StackName: 'platform-bootstrap',
        TemplateBody: JSON.stringify({
          Resources: { Topic: { Type: 'AWS::SNS::Topic' } },
        }),
      }),
    );
    stats.platformStacks += 1;
  }
  return [...seeded.values()];
}
