import type { StackEvent } from '@aws-sdk/client-cloudformation';

/** One line of the task log per stack event, e.g. `12:01:02Z StateBucket AWS::S3::Bucket CREATE_COMPLETE`. */
export function formatStackEvent(event: StackEvent): string {
  const at = event.Timestamp
    ? event.Timestamp.toISOString().replace(/\.\d+Z$/, 'Z')
    : '-';
  const reason = event.ResourceStatusReason
    ? `: ${event.ResourceStatusReason}`
    : '';
  return `${at} ${event.LogicalResourceId ?? '?'} ${event.ResourceType ?? ''} ${
    event.ResourceStatus ?? ''
  }${reason}`.replace(/ {2,}/g, ' ');
}

/**
 * DescribeStackEvents returns newest first. Returns the events of `newestFirst` that come after
 * the last one already seen (`isSeen`), oldest first, and whether the page reached a seen event
 * (if not, an older page may hold more new events).
 */
export function unseenOldestFirst(
  newestFirst: readonly StackEvent[],
  isSeen: (event: StackEvent) => boolean,
): { events: StackEvent[]; reachedSeen: boolean } {
  const fresh: StackEvent[] = [];
  for (const event of newestFirst) {
    if (isSeen(event)) return { events: fresh.reverse(), reachedSeen: true };
    fresh.push(event);
  }
  return { events: fresh.reverse(), reachedSeen: false };
}

// Resources CloudFormation stopped because another one failed: symptoms, not the cause.
const CANCELLED = /cancelled|canceled/i;

/**
 * The event that explains a failed operation: the oldest `*_FAILED` event that is not a
 * cancellation caused by another failure; the stack's own failure event only as a last resort.
 */
export function rootCauseEvent(
  oldestFirst: readonly StackEvent[],
  stackName: string,
): StackEvent | undefined {
  const failed = oldestFirst.filter(e => e.ResourceStatus?.endsWith('_FAILED'));
  const isResource = (e: StackEvent) => e.LogicalResourceId !== stackName;
  return (
    failed.find(
      e => isResource(e) && !CANCELLED.test(e.ResourceStatusReason ?? ''),
    ) ??
    failed.find(isResource) ??
    failed[0]
  );
}

// What a person should do after each failure status; every one of them is recoverable by a rerun.
const NEXT_STEP: Record<string, string> = {
  ROLLBACK_COMPLETE:
    ' Fix the cause and run the template again: the rolled-back stack is deleted and created anew.',
  ROLLBACK_FAILED:
    ' Fix the cause and run the template again: the rolled-back stack is deleted and created anew.',
  UPDATE_ROLLBACK_COMPLETE:
    ' The stack is back on its previous version; fix the cause and run the template again.',
  UPDATE_ROLLBACK_FAILED:
    ' Run the template again to continue the rollback, or fix the resource by hand first.',
};

/** The error text for a failed stack operation, naming the failing resource and its reason. */
export function stackFailureMessage(options: {
  stackName: string;
  status: string;
  statusReason?: string;
  cause?: StackEvent;
}): string {
  const { stackName, status, statusReason, cause } = options;
  const where = cause
    ? `${cause.LogicalResourceId}${
        cause.ResourceType ? ` (${cause.ResourceType})` : ''
      } ${cause.ResourceStatus}: ${
        cause.ResourceStatusReason ?? 'no reason given'
      }`
    : statusReason ?? 'no failure event was found';
  const next = NEXT_STEP[status] ?? '';
  return `Stack ${stackName} ended in ${status}. Failing resource: ${where}.${next}`;
}
