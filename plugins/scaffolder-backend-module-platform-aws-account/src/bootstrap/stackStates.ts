/**
 * What to do with a CloudFormation stack in a given state. Pure: the deployer asks, then acts.
 */
export type StackPlan =
  /** No stack (or only a deleted one): CreateStack. */
  | { kind: 'create' }
  /** A usable stack: UpdateStack ("No updates are to be performed" is success). */
  | { kind: 'update' }
  /** A stack that can never be updated (failed create, aborted dry run): delete it, then create. */
  | { kind: 'recreate'; reason: string }
  /** Another operation is running: wait for it to end, then plan again. */
  | { kind: 'wait' }
  /** An update rollback got stuck: ContinueUpdateRollback, wait, then plan again. */
  | { kind: 'continue-rollback' };

const RECREATE_REASONS: Record<string, string> = {
  ROLLBACK_COMPLETE:
    'its first creation failed and was rolled back; CloudFormation cannot update such a stack',
  ROLLBACK_FAILED:
    'its first creation failed and the rollback failed too; CloudFormation cannot update such a stack',
  CREATE_FAILED: 'its first creation failed',
  DELETE_FAILED: 'an earlier deletion failed',
  REVIEW_IN_PROGRESS:
    'it only holds an unexecuted change set (for example from an interrupted dry run)',
};

export function planForStatus(status: string | undefined): StackPlan {
  if (!status || status === 'DELETE_COMPLETE') return { kind: 'create' };
  if (RECREATE_REASONS[status])
    return { kind: 'recreate', reason: RECREATE_REASONS[status] };
  if (status === 'UPDATE_ROLLBACK_FAILED') return { kind: 'continue-rollback' };
  if (status.endsWith('_IN_PROGRESS')) return { kind: 'wait' };
  return { kind: 'update' };
}

/** Statuses after which nothing more happens until someone acts. */
export function isTerminalStatus(status: string): boolean {
  return !status.endsWith('_IN_PROGRESS') || status === 'REVIEW_IN_PROGRESS';
}

/** Terminal statuses that mean the last operation did what was asked. */
const SUCCESS_STATUSES = new Set([
  'CREATE_COMPLETE',
  'UPDATE_COMPLETE',
  'DELETE_COMPLETE',
  'IMPORT_COMPLETE',
]);

export function isSuccessStatus(status: string): boolean {
  return SUCCESS_STATUSES.has(status);
}

/** CloudFormation's answer to an UpdateStack that changes nothing. */
export function isNoUpdatesError(error: unknown): boolean {
  const message = (error as Error | undefined)?.message ?? '';
  return /No updates are to be performed/i.test(message);
}

/** DescribeStacks on a name that does not exist fails with this ValidationError. */
export function isStackMissingError(error: unknown): boolean {
  const e = error as { name?: string; message?: string } | undefined;
  return (
    (e?.name === 'ValidationError' || e?.name === 'ValidationException') &&
    /does not exist/i.test(e?.message ?? '')
  );
}

/** A change set that changes nothing ends FAILED with this reason. */
export function isEmptyChangeSetReason(reason: string | undefined): boolean {
  return /didn't contain changes|No updates are to be performed/i.test(
    reason ?? '',
  );
}
