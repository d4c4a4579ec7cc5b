import {
  isEmptyChangeSetReason,
  isNoUpdatesError,
  isStackMissingError,
  isSuccessStatus,
  isTerminalStatus,
  planForStatus,
} from './stackStates';

describe('planForStatus', () => {
  it.each([
    [undefined, 'create'],
    ['DELETE_COMPLETE', 'create'],
    ['CREATE_COMPLETE', 'update'],
    ['UPDATE_COMPLETE', 'update'],
    ['UPDATE_ROLLBACK_COMPLETE', 'update'],
    ['IMPORT_COMPLETE', 'update'],
    ['ROLLBACK_COMPLETE', 'recreate'],
    ['ROLLBACK_FAILED', 'recreate'],
    ['CREATE_FAILED', 'recreate'],
    ['DELETE_FAILED', 'recreate'],
    ['REVIEW_IN_PROGRESS', 'recreate'],
    ['CREATE_IN_PROGRESS', 'wait'],
    ['UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', 'wait'],
    ['ROLLBACK_IN_PROGRESS', 'wait'],
    ['DELETE_IN_PROGRESS', 'wait'],
    ['UPDATE_ROLLBACK_FAILED', 'continue-rollback'],
  ])('%s -> %s', (status, kind) => {
    expect(planForStatus(status).kind).toBe(kind);
  });

  it('explains why a stack is recreated', () => {
    expect(planForStatus('ROLLBACK_COMPLETE')).toEqual({
      kind: 'recreate',
      reason: expect.stringMatching(/first creation failed/),
    });
  });
});

describe('status classes', () => {
  it('knows terminal and successful statuses', () => {
    expect(isTerminalStatus('UPDATE_IN_PROGRESS')).toBe(false);
    expect(isTerminalStatus('REVIEW_IN_PROGRESS')).toBe(true);
    expect(isTerminalStatus('ROLLBACK_COMPLETE')).toBe(true);
    expect(isSuccessStatus('UPDATE_COMPLETE')).toBe(true);
    expect(isSuccessStatus('UPDATE_ROLLBACK_COMPLETE')).toBe(false);
    expect(isSuccessStatus('ROLLBACK_COMPLETE')).toBe(false);
  });

  it('recognises the errors and reasons CloudFormation uses for "nothing to do"', () => {
    expect(isNoUpdatesError(new Error('No updates are to be performed.'))).toBe(
      true,
    );
    expect(isNoUpdatesError(new Error('Template format error'))).toBe(false);
    expect(
      isStackMissingError({
        name: 'ValidationError',
        message: 'Stack with id platform-bootstrap does not exist',
      }),
    ).toBe(true);
    expect(
      isStackMissingError({
        name: 'ValidationError',
        message: 'Template format error',
      }),
    ).toBe(false);
    expect(
      isEmptyChangeSetReason(
        "The submitted information didn't contain changes. Submit different information to create a change set.",
      ),
    ).toBe(true);
    expect(isEmptyChangeSetReason('Parameter X failed')).toBe(false);
  });
});
