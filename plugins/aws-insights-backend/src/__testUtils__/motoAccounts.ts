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
 * Test-only: several AWS accounts in one moto_server, reached the way production reaches them:
 * `aws.mainAccount` keys assume `aws.accounts[].roleName` through STS (moto maps the session's
 * access key to the role's account). AWS_ENDPOINT_URL_STS must point at moto.
 */
export const READ_ROLE = 'platform-insights-read';

export interface MotoCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

const MAIN_KEYS = { accessKeyId: 'testing', secretAccessKey: 'testing' };

/** STS AssumeRole against moto over its query API: the credentials of `accountId`. */
export async function assumeMotoRole(
  endpoint: string,
  accountId: string,
  roleName = READ_ROLE,
): Promise<MotoCredentials> {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: `AWS4-HMAC-SHA256 Credential=${MAIN_KEYS.accessKeyId}/20260101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=x`,
    },
    body: new URLSearchParams({
      Action: 'AssumeRole',
      Version: '2011-06-15',
      RoleArn: `arn:aws:iam::${accountId}:role/${roleName}`,
      RoleSessionName: 'seed',
    }).toString(),
  });
  const xml = await res.text();
  const value = (tag: string) => {
    const match = xml.match(new RegExp(`<${tag}>([^<]+)</${tag}>`));
    if (!match) throw new Error(`moto AssumeRole gave no ${tag}: ${xml}`);
    return match[1];
  };
  return {
    accessKeyId: value('AccessKeyId'),
    secretAccessKey: value('SecretAccessKey'),
    sessionToken: value('SessionToken'),
  };
}

/** The `aws` and `awsInsights` config of a backend that reads `accounts` from moto. */
export function motoInsightsConfig(
  endpoint: string,
  accounts: Array<{ accountId: string; regions: string[] }>,
  options: { withRole?: string[] } = {},
) {
  const withRole =
    options.withRole ?? accounts.map(account => account.accountId);
  return {
    aws: {
      mainAccount: MAIN_KEYS,
      accounts: withRole.map(accountId => ({ accountId, roleName: READ_ROLE })),
    },
    awsInsights: {
      accounts: accounts.map(a => ({ ...a, name: `moto-${a.accountId}` })),
      endpoints: Object.fromEntries(
        [
          'eks',
          'ec2',
          'pricing',
          'cloudwatch',
          'rds',
          'wafv2',
          'cloudformation',
        ].map(service => [service, endpoint]),
      ),
      maxAttempts: 2,
      requestTimeoutMs: 5_000,
    },
  };
}

export interface SeededCluster {
  accountId: string;
  region: string;
  name: string;
  environment: string;
  /** Nodes per [type, lifecycle]. */
  nodes: Array<{
    type: string;
    arch: 'arm64' | 'x86_64';
    spot: boolean;
    count: number;
  }>;
}

/**
 * Seeds one EKS cluster and its tagged nodes in `cluster.accountId` / `cluster.region`, plus,
 * with `extras`, a database, a web ACL and a platform stack beside it.
 */
export async function seedMotoCluster(
  endpoint: string,
  cluster: SeededCluster,
  options: { extras?: boolean } = {},
): Promise<void> {
  const credentials = await assumeMotoRole(endpoint, cluster.accountId);
  const config = {
    region: cluster.region,
    endpoint,
    credentials,
    maxAttempts: 1,
  };
  await new EKSClient(config).send(
    new CreateClusterCommand({
      name: cluster.name,
      version: '1.31',
      roleArn: `arn:aws:iam::${cluster.accountId}:role/eks`,
      resourcesVpcConfig: { subnetIds: ['subnet-1'] },
      tags: { environment: cluster.environment },
    }),
  );
  const ec2 = new EC2Client(config);
  const images = (await ec2.send(new DescribeImagesCommand({}))).Images ?? [];
  const ami = (arch: string) =>
    images.find(i => i.Architecture === arch && i.Platform !== 'Windows')!
      .ImageId!;
  for (const node of cluster.nodes) {
    await ec2.send(
      new RunInstancesCommand({
        ImageId: ami(node.arch),
        InstanceType: node.type as _InstanceType,
        MinCount: node.count,
        MaxCount: node.count,
        InstanceMarketOptions: node.spot ? { MarketType: 'spot' } : undefined,
        TagSpecifications: [
          {
            ResourceType: 'instance',
            Tags: [
              { Key: `kubernetes.io/cluster/${cluster.name}`, Value: 'owned' },
              { Key: 'karpenter.sh/nodepool', Value: 'general' },
            ],
          },
        ],
      }),
    );
  }
  if (!options.extras) return;

  await new RDSClient(config).send(
    new CreateDBInstanceCommand({
      DBInstanceIdentifier: `${cluster.name}-db`,
      Engine: 'postgres',
      DBInstanceClass: 'db.t4g.medium',
      AllocatedStorage: 50,
      MasterUsername: 'app',
      MasterUserPassword: 'not-a-secret-1',
      Tags: [{ Key: 'environment', Value: cluster.environment }],
    }),
  );
  const visibility = {
    SampledRequestsEnabled: true,
    CloudWatchMetricsEnabled: true,
    MetricName: 'edge',
  };
  await new WAFV2Client(config).send(
    new CreateWebACLCommand({
      Name: `${cluster.name}-edge`,
      Scope: 'REGIONAL',
      DefaultAction: { Allow: {} },
      VisibilityConfig: visibility,
      Tags: [{ Key: 'environment', Value: cluster.environment }],
      Rules: [],
    }),
  );
  await new CloudFormationClient(config).send(
    new CreateStackCommand({
      StackName: 'platform-bootstrap',
      TemplateBody: JSON.stringify({
        Resources: { Topic: { Type: 'AWS::SNS::Topic' } },
      }),
    }),
  );
}
