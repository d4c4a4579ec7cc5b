import { StackEvent } from '@aws-sdk/client-cloudformation';
import {
  formatStackEvent,
  rootCauseEvent,
  stackFailureMessage,
  unseenOldestFirst,
} from './stackEvents';

const event = (
  id: string,
  resource: string,
  status: string,
  reason?: string,
): StackEvent =>
  ({
    EventId: id,
    LogicalResourceId: resource,
    ResourceType:
      resource === 'platform-bootstrap'
        ? 'AWS::CloudFormation::Stack'
        : 'AWS::S3::Bucket',
    ResourceStatus: status,
    ResourceStatusReason: reason,
    Timestamp: new Date(`2026-11-24T12:00:0${id}.123Z`),
  } as StackEvent);

describe('stack events', () => {
  it('formats one line per event', () => {
    expect(
      formatStackEvent(
        event('1', 'StateBucket', 'CREATE_FAILED', 'Bucket exists'),
      ),
    ).toBe(
      '2026-11-24T12:00:01Z StateBucket AWS::S3::Bucket CREATE_FAILED: Bucket exists',
    );
  });

  it('returns the unseen events oldest first and says whether it reached a seen one', () => {
    const newestFirst = [
      event('3', 'a', 'X'),
      event('2', 'b', 'Y'),
      event('1', 'c', 'Z'),
    ];
    expect(unseenOldestFirst(newestFirst, e => e.EventId === '1')).toEqual({
      events: [newestFirst[1], newestFirst[0]],
      reachedSeen: true,
    });
    expect(unseenOldestFirst(newestFirst, () => false).reachedSeen).toBe(false);
  });

  it('finds the root cause: the first failure that is not a cancellation', () => {
    const events = [
      event('1', 'platform-bootstrap', 'CREATE_IN_PROGRESS', 'User Initiated'),
      event(
        '2',
        'TerraformApplyRole',
        'CREATE_FAILED',
        'Resource creation cancelled',
      ),
      event('3', 'StateBucket', 'CREATE_FAILED', 'tfstate-x already exists'),
      event(
        '4',
        'platform-bootstrap',
        'ROLLBACK_IN_PROGRESS',
        'The following resource(s) failed to create: [StateBucket]',
      ),
      event('5', 'platform-bootstrap', 'ROLLBACK_COMPLETE'),
    ];
    expect(
      rootCauseEvent(events, 'platform-bootstrap')?.LogicalResourceId,
    ).toBe('StateBucket');
    expect(
      rootCauseEvent([events[1]], 'platform-bootstrap')?.LogicalResourceId,
    ).toBe('TerraformApplyRole');
    expect(
      rootCauseEvent([events[0], events[4]], 'platform-bootstrap'),
    ).toBeUndefined();
  });

  it('writes a failure message with the resource, the reason and what to do next', () => {
    expect(
      stackFailureMessage({
        stackName: 'platform-bootstrap',
        status: 'ROLLBACK_COMPLETE',
        cause: event('3', 'StateBucket', 'CREATE_FAILED', 'already exists'),
      }),
    ).toBe(
      'Stack platform-bootstrap ended in ROLLBACK_COMPLETE. Failing resource: StateBucket (AWS::S3::Bucket) CREATE_FAILED: already exists. Fix the cause and run the template again: the rolled-back stack is deleted and created anew.',
    );
    expect(
      stackFailureMessage({
        stackName: 'platform-bootstrap',
        status: 'UPDATE_FAILED',
        statusReason: 'Stack policy denied',
      }),
    ).toBe(
      'Stack platform-bootstrap ended in UPDATE_FAILED. Failing resource: Stack policy denied.',
    );
  });
});
