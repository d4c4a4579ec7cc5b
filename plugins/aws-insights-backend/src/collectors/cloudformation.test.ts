import {
  CloudFormationClient,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { collectCloudFormation } from './cloudformation';
import { awsError, testContext } from './__testUtils__/testContext';

const cfn = mockClient(CloudFormationClient);

const stack = (name: string) => ({
  StackName: name,
  StackId: `arn:aws:cloudformation:eu-west-1:1:stack/${name}/id`,
  StackStatus: 'UPDATE_COMPLETE' as const,
  CreationTime: new Date('2025-01-01T00:00:00Z'),
  LastUpdatedTime: new Date('2025-06-01T00:00:00Z'),
  DriftInformation: { StackDriftStatus: 'IN_SYNC' as const },
  Outputs: [{ OutputKey: 'VpcId', OutputValue: 'vpc-1' }],
});

beforeEach(() => {
  cfn.reset();
  cfn
    .on(DescribeStacksCommand)
    .resolvesOnce({
      Stacks: [stack('platform-network'), stack('team-app')],
      NextToken: 'p2',
    })
    .resolves({ Stacks: [stack('eksctl-prod-cluster')] });
  cfn.on(DescribeStackEventsCommand).resolves({
    StackEvents: Array.from({ length: 30 }, (_, i) => ({
      StackId: 'x',
      StackName: 'x',
      EventId: `e${i}`,
      Timestamp: new Date(Date.UTC(2025, 5, 1, 0, i)),
      LogicalResourceId: `Resource${i}`,
      ResourceStatus: 'UPDATE_COMPLETE' as const,
    })),
    NextToken: 'older',
  });
});

describe('collectCloudFormation', () => {
  it("reads the platform's stacks across pages with their latest 20 events", async () => {
    const { stacks, status } = await collectCloudFormation(testContext());
    expect(stacks.map(s => s.name)).toEqual([
      'platform-network',
      'eksctl-prod-cluster',
    ]);
    expect(stacks[0]).toMatchObject({
      status: 'UPDATE_COMPLETE',
      lastUpdated: '2025-06-01T00:00:00.000Z',
      driftStatus: 'IN_SYNC',
      outputs: { VpcId: 'vpc-1' },
    });
    expect(stacks[0].events).toHaveLength(20);
    expect(stacks[0].events[0]).toEqual({
      at: '2025-06-01T00:29:00.000Z',
      resource: 'Resource29',
      status: 'UPDATE_COMPLETE',
      reason: undefined,
    });
    // First events page only, per matching stack.
    expect(cfn.commandCalls(DescribeStackEventsCommand)).toHaveLength(2);
    expect(cfn.commandCalls(DescribeStacksCommand)).toHaveLength(2);
    expect(status).toMatchObject({ service: 'cloudformation', ok: true });
  });

  it('takes custom prefixes', async () => {
    const { stacks } = await collectCloudFormation(testContext(), ['team-']);
    expect(stacks.map(s => s.name)).toEqual(['team-app']);
  });

  it('keeps the stacks when events are throttled, and fails cleanly when listing is', async () => {
    cfn
      .on(DescribeStackEventsCommand)
      .rejects(awsError('Throttling', 'Rate exceeded'));
    const partial = await collectCloudFormation(testContext());
    expect(partial.stacks).toHaveLength(2);
    expect(partial.stacks[0].events).toEqual([]);
    expect(partial.status).toMatchObject({
      ok: false,
      error: { name: 'Throttling' },
    });

    cfn
      .on(DescribeStacksCommand)
      .rejects(awsError('AccessDenied', 'denied', 403));
    const failed = await collectCloudFormation(testContext());
    expect(failed.stacks).toEqual([]);
    expect(failed.status.error?.name).toBe('AccessDenied');
  });
});
