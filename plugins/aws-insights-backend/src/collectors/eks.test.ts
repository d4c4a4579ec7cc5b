import {
  DescribeClusterCommand,
  DescribeNodegroupCommand,
  EKSClient,
  ListClustersCommand,
  ListNodegroupsCommand,
} from '@aws-sdk/client-eks';
import { mockClient } from 'aws-sdk-client-mock';
import { collectEks, toClusterRecord } from './eks';
import {
  awsError,
  testContext,
  TEST_ACCOUNT,
} from './__testUtils__/testContext';

const eks = mockClient(EKSClient);

function cluster(name: string) {
  return {
    name,
    arn: `arn:aws:eks:eu-west-1:${TEST_ACCOUNT}:cluster/${name}`,
    status: 'ACTIVE' as const,
    version: '1.31',
    endpoint: `https://${name}.eks.example`,
    tags: { environment: 'production', owner: 'group:default/platform' },
  };
}

beforeEach(() => {
  eks.reset();
  eks.on(DescribeClusterCommand).callsFake(input => ({
    cluster: cluster(input.name),
  }));
  eks.on(ListNodegroupsCommand).resolves({ nodegroups: ['system'] });
  eks.on(DescribeNodegroupCommand).callsFake(input => ({
    nodegroup: {
      nodegroupName: input.nodegroupName,
      status: 'ACTIVE',
      capacityType: 'SPOT',
      instanceTypes: ['m7g.large'],
      scalingConfig: { minSize: 1, maxSize: 5, desiredSize: 2 },
      amiType: 'AL2023_ARM_64_STANDARD',
    },
  }));
});

describe('toClusterRecord', () => {
  it('maps status, version, endpoint, tags and health issues of cluster and node groups', () => {
    const record = toClusterRecord(
      {
        ...cluster('prod'),
        health: { issues: [{ code: 'Ec2SubnetNotFound', message: 'gone' }] },
      },
      [
        {
          nodegroupName: 'system',
          capacityType: 'CAPACITY_BLOCK',
          health: { issues: [{ code: 'AccessDenied', message: 'role' }] },
        },
      ],
      TEST_ACCOUNT,
      'eu-west-1',
    );
    expect(record).toMatchObject({
      name: 'prod',
      status: 'ACTIVE',
      version: '1.31',
      endpoint: 'https://prod.eks.example',
      environment: 'production',
      owner: 'group:default/platform',
      healthIssues: [
        { code: 'Ec2SubnetNotFound', message: 'gone' },
        { code: 'AccessDenied', message: 'nodegroup system: role' },
      ],
    });
    expect(record.nodegroups[0]).toMatchObject({
      name: 'system',
      capacityType: 'ON_DEMAND',
      desiredSize: 0,
    });
  });
});

describe('collectEks', () => {
  it('follows ListClusters pages and describes each cluster and node group', async () => {
    eks
      .on(ListClustersCommand)
      .resolvesOnce({ clusters: ['a', 'b'], nextToken: 'page-2' })
      .resolvesOnce({ clusters: ['c'] });
    const result = await collectEks(testContext());
    expect(result.clusters.map(c => c.name)).toEqual(['a', 'b', 'c']);
    expect(result.clusterNames).toEqual(['a', 'b', 'c']);
    expect(result.clusters[0].nodegroups).toEqual([
      {
        name: 'system',
        status: 'ACTIVE',
        capacityType: 'SPOT',
        instanceTypes: ['m7g.large'],
        desiredSize: 2,
        minSize: 1,
        maxSize: 5,
        amiType: 'AL2023_ARM_64_STANDARD',
      },
    ]);
    expect(result.status).toMatchObject({ service: 'eks', ok: true });
    // 2 list pages + 3 x (DescribeCluster + ListNodegroups + DescribeNodegroup)
    expect(eks.commandCalls(ListClustersCommand)).toHaveLength(2);
    expect(eks.calls()).toHaveLength(11);
  });

  it('returns ok:false with the error name when listing is throttled', async () => {
    eks
      .on(ListClustersCommand)
      .rejects(awsError('ThrottlingException', 'Rate exceeded'));
    const result = await collectEks(testContext());
    expect(result.clusters).toEqual([]);
    expect(result.clusterNames).toBeUndefined();
    expect(result.status).toMatchObject({
      ok: false,
      error: {
        name: 'ThrottlingException',
        message: 'Rate exceeded (HTTP 400)',
      },
    });
  });

  it('keeps the clusters it could describe when one describe is denied', async () => {
    eks.on(ListClustersCommand).resolves({ clusters: ['a', 'b'] });
    eks
      .on(DescribeClusterCommand, { name: 'b' })
      .rejects(awsError('AccessDeniedException', 'not allowed'));
    const result = await collectEks(testContext());
    expect(result.clusters.map(c => c.name)).toEqual(['a']);
    expect(result.clusterNames).toEqual(['a', 'b']);
    expect(result.status).toMatchObject({
      ok: false,
      error: { name: 'AccessDeniedException' },
    });
  });
});
