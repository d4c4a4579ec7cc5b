import {
  DescribeStackEventsCommand,
  paginateDescribeStacks,
  Stack,
  StackEvent,
} from '@aws-sdk/client-cloudformation';
import {
  SourceStatus,
  StackRecord,
} from '@platform-portal/plugin-aws-insights-common';
import {
  CollectorContext,
  FirstError,
  isoOrEmpty,
  sourceStatus,
} from './collectorSupport';

export interface StackCollection {
  stacks: StackRecord[];
  status: SourceStatus;
}

/** The platform's own stacks: its bootstrap stacks and eksctl's. */
export const DEFAULT_STACK_PREFIXES = ['platform-', 'eksctl-'];
export const EVENTS_PER_STACK = 20;

export function toStackRecord(
  stack: Stack,
  events: readonly StackEvent[],
  accountId: string,
  region: string,
): StackRecord {
  const outputs: Record<string, string> = {};
  for (const output of stack.Outputs ?? []) {
    if (output.OutputKey) outputs[output.OutputKey] = output.OutputValue ?? '';
  }
  return {
    stackId: stack.StackId ?? '',
    name: stack.StackName ?? '',
    accountId,
    region,
    status: stack.StackStatus ?? 'UNKNOWN',
    statusReason: stack.StackStatusReason,
    lastUpdated: isoOrEmpty(stack.LastUpdatedTime ?? stack.CreationTime),
    driftStatus: stack.DriftInformation?.StackDriftStatus,
    outputs,
    events: [...events]
      .sort(
        (a, b) => (b.Timestamp?.getTime() ?? 0) - (a.Timestamp?.getTime() ?? 0),
      )
      .slice(0, EVENTS_PER_STACK)
      .map(event => ({
        at: isoOrEmpty(event.Timestamp),
        resource: event.LogicalResourceId ?? '',
        status: event.ResourceStatus ?? '',
        reason: event.ResourceStatusReason,
      })),
  };
}

/**
 * The platform's CloudFormation stacks (by name prefix) with their latest 20 events.
 * Calls: DescribeStacks pages + one DescribeStackEvents (first page only) per matching stack.
 */
export async function collectCloudFormation(
  ctx: CollectorContext,
  prefixes: readonly string[] = DEFAULT_STACK_PREFIXES,
): Promise<StackCollection> {
  const cfn = ctx.clients.cloudformation;
  const stacks: Stack[] = [];
  try {
    for await (const page of paginateDescribeStacks({ client: cfn }, {})) {
      stacks.push(
        ...(page.Stacks ?? []).filter(s =>
          prefixes.some(prefix => s.StackName?.startsWith(prefix)),
        ),
      );
    }
  } catch (error) {
    return { stacks: [], status: sourceStatus('stacks', ctx, error) };
  }

  const failure = new FirstError();
  const records: StackRecord[] = [];
  for (const stack of stacks) {
    let events: StackEvent[] = [];
    try {
      // Events come newest first; the first page (up to 100) holds the latest 20.
      const page = await cfn.send(
        new DescribeStackEventsCommand({
          StackName: stack.StackId ?? stack.StackName,
        }),
      );
      events = page.StackEvents ?? [];
    } catch (error) {
      failure.record(error);
    }
    records.push(toStackRecord(stack, events, ctx.accountId, ctx.region));
  }
  return {
    stacks: records,
    status: sourceStatus('stacks', ctx, failure.value),
  };
}
