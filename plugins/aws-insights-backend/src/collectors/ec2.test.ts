import {
  DescribeInstancesCommand,
  DescribeInstanceTypesCommand,
  EC2Client,
  Instance,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { collectEc2, toInstanceRecord, toInstanceTypeSpec } from './ec2';
import {
  awsError,
  testContext,
  TEST_ACCOUNT,
} from './__testUtils__/testContext';

const ec2 = mockClient(EC2Client);

function instance(
  id: string,
  type: string,
  cluster: string,
  extra: Partial<Instance> = {},
  tags: Record<string, string> = {},
): Instance {
  return {
    InstanceId: id,
    InstanceType: type as Instance['InstanceType'],
    Architecture: 'x86_64',
    LaunchTime: new Date('2025-06-01T00:00:00Z'),
    State: { Name: 'running' },
    Placement: { AvailabilityZone: 'eu-west-1a' },
    Tags: Object.entries({
      [`kubernetes.io/cluster/${cluster}`]: 'owned',
      ...tags,
    }).map(([Key, Value]) => ({ Key, Value })),
    ...extra,
  };
}

beforeEach(() => {
  ec2.reset();
  ec2.on(DescribeInstanceTypesCommand).callsFake(input => ({
    InstanceTypes: (input.InstanceTypes as string[]).map(t => ({
      InstanceType: t,
      VCpuInfo: { DefaultVCpus: 2 },
      MemoryInfo: { SizeInMiB: 8192 },
      ProcessorInfo: { SupportedArchitectures: ['x86_64', 'i386'] },
    })),
  }));
});

describe('mapping', () => {
  it('maps spot, arm64, Karpenter node pool and node group', () => {
    const record = toInstanceRecord(
      instance(
        'i-1',
        'm7g.large',
        'prod',
        { InstanceLifecycle: 'spot', Architecture: 'arm64' },
        { 'karpenter.sh/nodepool': 'general', 'eks:nodegroup-name': 'ng' },
      ),
      TEST_ACCOUNT,
      'eu-west-1',
    );
    expect(record).toEqual({
      instanceId: 'i-1',
      cluster: 'prod',
      accountId: TEST_ACCOUNT,
      region: 'eu-west-1',
      availabilityZone: 'eu-west-1a',
      instanceType: 'm7g.large',
      lifecycle: 'spot',
      architecture: 'arm64',
      launchTime: '2025-06-01T00:00:00.000Z',
      state: 'running',
      nodePool: 'general',
      nodegroup: 'ng',
    });
  });

  it('treats a missing InstanceLifecycle as On-Demand', () => {
    expect(
      toInstanceRecord(instance('i-2', 'm6i.large', 'prod'), TEST_ACCOUNT, 'r')
        ?.lifecycle,
    ).toBe('on-demand');
  });

  it('keeps only arm64/x86_64 in type specs', () => {
    expect(
      toInstanceTypeSpec({
        InstanceType: 'm6i.large',
        VCpuInfo: { DefaultVCpus: 2 },
        MemoryInfo: { SizeInMiB: 8192 },
        ProcessorInfo: { SupportedArchitectures: ['i386', 'x86_64'] },
      }),
    ).toEqual({
      instanceType: 'm6i.large',
      vcpu: 2,
      memoryMiB: 8192,
      architectures: ['x86_64'],
    });
  });
});

describe('collectEc2', () => {
  it('reads all clusters with one filtered, paginated DescribeInstances', async () => {
    ec2
      .on(DescribeInstancesCommand)
      .resolvesOnce({
        Reservations: [{ Instances: [instance('i-1', 'm6i.large', 'a')] }],
        NextToken: 'p2',
      })
      .resolvesOnce({
        Reservations: [{ Instances: [instance('i-2', 'm6i.large', 'b')] }],
      });
    const result = await collectEc2(testContext(), ['a', 'b']);
    expect(result.instances.map(i => [i.instanceId, i.cluster])).toEqual([
      ['i-1', 'a'],
      ['i-2', 'b'],
    ]);
    const calls = ec2.commandCalls(DescribeInstancesCommand);
    expect(calls).toHaveLength(2);
    expect(calls[0].args[0].input.Filters).toEqual([
      {
        Name: 'tag-key',
        Values: ['kubernetes.io/cluster/a', 'kubernetes.io/cluster/b'],
      },
      { Name: 'instance-state-name', Values: ['running', 'pending'] },
    ]);
    // One distinct type: one DescribeInstanceTypes call.
    expect(ec2.commandCalls(DescribeInstanceTypesCommand)).toHaveLength(1);
    expect(result.instanceTypes).toHaveLength(1);
    expect(result.status).toMatchObject({ service: 'ec2', ok: true });
  });

  it('batches 250 clusters into 2 filters and 250 types into 3 DescribeInstanceTypes calls', async () => {
    const clusters = Array.from({ length: 250 }, (_, i) => `c${i}`);
    ec2.on(DescribeInstancesCommand).resolves({
      Reservations: [
        {
          Instances: clusters.map((c, i) =>
            instance(`i-${i}`, `type${i}.large`, c),
          ),
        },
      ],
    });
    const result = await collectEc2(testContext(), clusters);
    const describeCalls = ec2.commandCalls(DescribeInstancesCommand);
    expect(
      describeCalls.map(c => c.args[0].input.Filters![0].Values!.length),
    ).toEqual([200, 50]);
    // Same instances returned for both batches: counted once.
    expect(result.instances).toHaveLength(250);
    const typeCalls = ec2.commandCalls(DescribeInstanceTypesCommand);
    expect(typeCalls.map(c => c.args[0].input.InstanceTypes!.length)).toEqual([
      100, 100, 50,
    ]);
    expect(result.instanceTypes).toHaveLength(250);
  });

  it('makes no call for no clusters and matches every cluster tag when EKS failed', async () => {
    const none = await collectEc2(testContext(), []);
    expect(none.status).toMatchObject({ ok: true });
    expect(ec2.calls()).toHaveLength(0);

    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [] });
    await collectEc2(testContext(), undefined);
    expect(
      ec2.commandCalls(DescribeInstancesCommand)[0].args[0].input.Filters![0],
    ).toEqual({ Name: 'tag-key', Values: ['kubernetes.io/cluster/*'] });
  });

  it('keeps the instances when DescribeInstanceTypes is throttled', async () => {
    ec2.on(DescribeInstancesCommand).resolves({
      Reservations: [{ Instances: [instance('i-1', 'm6i.large', 'a')] }],
    });
    ec2
      .on(DescribeInstanceTypesCommand)
      .rejects(awsError('ThrottlingException', 'Request limit exceeded'));
    const result = await collectEc2(testContext(), ['a']);
    expect(result.instances).toHaveLength(1);
    expect(result.instanceTypes).toEqual([]);
    expect(result.status).toMatchObject({
      ok: false,
      error: { name: 'ThrottlingException' },
    });
  });

  it('reports an unauthorized account as ok:false', async () => {
    ec2
      .on(DescribeInstancesCommand)
      .rejects(awsError('UnauthorizedOperation', 'You are not authorized'));
    const result = await collectEc2(testContext(), ['a']);
    expect(result).toMatchObject({
      instances: [],
      status: { ok: false, error: { name: 'UnauthorizedOperation' } },
    });
  });
});
