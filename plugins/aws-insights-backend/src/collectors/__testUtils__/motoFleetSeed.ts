import {
  CloudFormationClient,
  CreateStackCommand,
} from '@aws-sdk/client-cloudformation';
import {
  CloudWatchClient,
  PutMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import {
  DescribeImagesCommand,
  EC2Client,
  RunInstancesCommand,
  _InstanceType,
} from '@aws-sdk/client-ec2';
import {
  CreateClusterCommand,
  CreateNodegroupCommand,
  EKSClient,
} from '@aws-sdk/client-eks';
import {
  CreateDBClusterCommand,
  CreateDBInstanceCommand,
  RDSClient,
} from '@aws-sdk/client-rds';
import { CreateWebACLCommand, WAFV2Client } from '@aws-sdk/client-wafv2';

/** Test-only: the small fleet the moto integration test seeds through the real SDK. */
export const REGION = 'eu-west-1';
export const ACCOUNT = '123456789012'; // moto's default account
export const CLUSTER = 'prod-eu';
export const credentials = {
  accessKeyId: 'testing',
  secretAccessKey: 'testing',
};

export async function seedMotoFleet(
  endpoint: string,
  now: Date,
): Promise<void> {
  const config = { region: REGION, endpoint, credentials, maxAttempts: 1 };
  const eks = new EKSClient(config);
  await eks.send(
    new CreateClusterCommand({
      name: CLUSTER,
      version: '1.31',
      roleArn: `arn:aws:iam::${ACCOUNT}:role/eks`,
      resourcesVpcConfig: { subnetIds: ['subnet-1'] },
      tags: { environment: 'production', owner: 'group:default/platform' },
    }),
  );
  await eks.send(
    new CreateNodegroupCommand({
      clusterName: CLUSTER,
      nodegroupName: 'system',
      nodeRole: `arn:aws:iam::${ACCOUNT}:role/node`,
      subnets: ['subnet-1'],
      instanceTypes: ['m6i.large'],
      capacityType: 'ON_DEMAND',
      scalingConfig: { minSize: 1, maxSize: 3, desiredSize: 1 },
    }),
  );

  const ec2 = new EC2Client(config);
  const images = (await ec2.send(new DescribeImagesCommand({}))).Images ?? [];
  const ami = (arch: string) =>
    images.find(i => i.Architecture === arch && i.Platform !== 'Windows')!
      .ImageId!;
  const run = (
    imageId: string,
    type: string,
    count: number,
    spot: boolean,
    tags: Record<string, string>,
  ) =>
    ec2.send(
      new RunInstancesCommand({
        ImageId: imageId,
        InstanceType: type as _InstanceType,
        MinCount: count,
        MaxCount: count,
        InstanceMarketOptions: spot ? { MarketType: 'spot' } : undefined,
        TagSpecifications: [
          {
            ResourceType: 'instance',
            Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
          },
        ],
      }),
    );
  const clusterTag = { [`kubernetes.io/cluster/${CLUSTER}`]: 'owned' };
  await run(ami('arm64'), 'm7g.large', 2, true, {
    ...clusterTag,
    'karpenter.sh/nodepool': 'general',
  });
  await run(ami('x86_64'), 'm6i.large', 1, false, {
    ...clusterTag,
    'eks:nodegroup-name': 'system',
  });
  // Another cluster's node and an untagged instance: not part of the fleet read.
  await run(ami('x86_64'), 'c6i.large', 1, false, {
    'kubernetes.io/cluster/someone-else': 'owned',
  });
  await run(ami('x86_64'), 't3.large', 1, false, { Name: 'bastion' });

  const rds = new RDSClient(config);
  await rds.send(
    new CreateDBClusterCommand({
      DBClusterIdentifier: 'orders',
      Engine: 'aurora-postgresql',
      EngineVersion: '15.4',
      MasterUsername: 'orders',
      MasterUserPassword: 'not-a-secret-1',
      StorageEncrypted: true,
      Tags: [{ Key: 'environment', Value: 'production' }],
    }),
  );
  for (const id of ['orders-1', 'orders-2']) {
    await rds.send(
      new CreateDBInstanceCommand({
        DBInstanceIdentifier: id,
        DBClusterIdentifier: 'orders',
        Engine: 'aurora-postgresql',
        DBInstanceClass: 'db.r6g.large',
      }),
    );
  }
  await rds.send(
    new CreateDBInstanceCommand({
      DBInstanceIdentifier: 'legacy',
      Engine: 'postgres',
      DBInstanceClass: 'db.t4g.medium',
      AllocatedStorage: 50,
      MasterUsername: 'legacy',
      MasterUserPassword: 'not-a-secret-2',
      Tags: [{ Key: 'owner', Value: 'group:default/payments' }],
    }),
  );

  const visibility = (MetricName: string) => ({
    SampledRequestsEnabled: true,
    CloudWatchMetricsEnabled: true,
    MetricName,
  });
  await new WAFV2Client(config).send(
    new CreateWebACLCommand({
      Name: 'edge',
      Scope: 'REGIONAL',
      DefaultAction: { Allow: {} },
      VisibilityConfig: visibility('edge'),
      Tags: [{ Key: 'environment', Value: 'production' }],
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
        {
          Name: 'common',
          Priority: 1,
          OverrideAction: { None: {} },
          Statement: {
            ManagedRuleGroupStatement: {
              VendorName: 'AWS',
              Name: 'AWSManagedRulesCommonRuleSet',
            },
          },
          VisibilityConfig: visibility('common'),
        },
      ],
    }),
  );

  const at = new Date(now.getTime() - 2 * 60 * 1000);
  const datum = (
    MetricName: string,
    dimensions: Record<string, string>,
    Value: number,
  ) => ({
    MetricName,
    Value,
    Timestamp: at,
    Dimensions: Object.entries(dimensions).map(([Name, V]) => ({
      Name,
      Value: V,
    })),
  });
  const cloudwatch = new CloudWatchClient(config);
  await cloudwatch.send(
    new PutMetricDataCommand({
      Namespace: 'ContainerInsights',
      MetricData: [
        datum('node_cpu_reserved_capacity', { ClusterName: CLUSTER }, 62),
        datum('node_memory_reserved_capacity', { ClusterName: CLUSTER }, 48),
        datum('node_cpu_utilization', { ClusterName: CLUSTER }, 31),
        datum('node_memory_utilization', { ClusterName: CLUSTER }, 40),
      ],
    }),
  );
  const waf = { WebACL: 'edge', Region: REGION };
  await cloudwatch.send(
    new PutMetricDataCommand({
      Namespace: 'AWS/WAFV2',
      MetricData: [
        datum('BlockedRequests', { ...waf, Rule: 'ALL' }, 17),
        datum('BlockedRequests', { ...waf, Rule: 'rate-limit' }, 12),
        datum('AllowedRequests', { ...waf, Rule: 'ALL' }, 900),
      ],
    }),
  );
  await cloudwatch.send(
    new PutMetricDataCommand({
      Namespace: 'AWS/RDS',
      MetricData: [
        datum('CPUUtilization', { DBClusterIdentifier: 'orders' }, 23),
        datum('VolumeBytesUsed', { DBClusterIdentifier: 'orders' }, 5e9),
        datum('AuroraReplicaLag', { DBInstanceIdentifier: 'orders-2' }, 20),
        datum('CPUUtilization', { DBInstanceIdentifier: 'legacy' }, 7),
        datum('FreeStorageSpace', { DBInstanceIdentifier: 'legacy' }, 30e9),
      ],
    }),
  );

  const cfn = new CloudFormationClient(config);
  const template = JSON.stringify({
    Resources: { Topic: { Type: 'AWS::SNS::Topic' } },
    Outputs: { TopicArn: { Value: { Ref: 'Topic' } } },
  });
  await cfn.send(
    new CreateStackCommand({
      StackName: 'platform-bootstrap',
      TemplateBody: template,
    }),
  );
  await cfn.send(
    new CreateStackCommand({ StackName: 'team-app', TemplateBody: template }),
  );
}
