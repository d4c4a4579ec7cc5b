import {
  CloudFormationClient,
  CloudFormationServiceException,
  CreateChangeSetCommand,
  CreateStackCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  GetTemplateCommand,
  Parameter,
  Stack,
  StackEvent,
  Tag,
  UpdateStackCommand,
  ContinueUpdateRollbackCommand,
} from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';

export const STACK_NAME = 'platform-bootstrap';
export const STACK_ID =
  'arn:aws:cloudformation:eu-west-1:000000000003:stack/platform-bootstrap/11111111-2222-4333-8444-555555555555';

/** A resource event the fake emits while an operation runs. */
export type ScriptedEvent = {
  resource: string;
  type?: string;
  status: string;
  reason?: string;
};

/** What one operation does: the events it emits, then the status it ends in. */
export type Operation = { events?: ScriptedEvent[]; final: string };

export function awsError(name: string, message: string) {
  return new CloudFormationServiceException({
    name,
    message,
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
  });
}

/**
 * An in-memory CloudFormation behind aws-sdk-client-mock: operations move the stack through
 * `<VERB>_IN_PROGRESS` (one poll) to the scripted final status, emitting their events.
 */
export function fakeCloudFormation(options: {
  existing?: {
    status: string;
    tags?: Tag[];
    parameters?: Parameter[];
    template?: string;
    outputs?: Record<string, string>;
  };
  create?: Operation | Operation[];
  update?: Operation | 'no-updates';
  delete?: Operation;
  continueRollback?: Operation;
  /** Polls an in-progress status lasts. */
  pollsInProgress?: number;
  changeSet?: {
    status: 'CREATE_COMPLETE' | 'FAILED';
    reason?: string;
    changes?: Array<{ action: string; id: string; type: string }>;
  };
}) {
  const mock = mockClient(CloudFormationClient);
  let clock = Date.parse('2026-11-24T12:00:00Z');
  let eventCount = 0;
  const events: StackEvent[] = []; // newest first, as AWS returns them
  // Statuses are plain strings here, so scripts can name any of them.
  let stack:
    | (Omit<Stack, 'StackStatus'> & { StackStatus?: string; template?: string })
    | undefined;
  let pending:
    | { final: string; events: ScriptedEvent[]; polls: number }
    | undefined;
  const creates: Operation[] = [options.create ?? []].flat();

  const emit = (
    resource: string,
    status: string,
    reason?: string,
    type?: string,
  ) => {
    clock += 1000;
    eventCount += 1;
    events.unshift({
      EventId: `event-${eventCount}`,
      StackId: STACK_ID,
      StackName: STACK_NAME,
      LogicalResourceId: resource,
      ResourceType:
        type ??
        (resource === STACK_NAME ? 'AWS::CloudFormation::Stack' : undefined),
      ResourceStatus: status,
      ResourceStatusReason: reason,
      Timestamp: new Date(clock),
    } as StackEvent);
  };
  const start = (verb: string, op: Operation) => {
    stack!.StackStatus = `${verb}_IN_PROGRESS`;
    emit(STACK_NAME, `${verb}_IN_PROGRESS`, 'User Initiated');
    pending = {
      final: op.final,
      events: op.events ?? [],
      polls: options.pollsInProgress ?? 1,
    };
  };
  const advance = () => {
    if (!pending || !stack) return;
    if (pending.polls-- > 0) return;
    for (const e of pending.events)
      emit(e.resource, e.status, e.reason, e.type);
    emit(STACK_NAME, pending.final);
    stack.StackStatus = pending.final;
    pending = undefined;
  };

  if (options.existing) {
    stack = {
      StackId: STACK_ID,
      StackName: STACK_NAME,
      StackStatus: options.existing.status,
      CreationTime: new Date(clock),
      Tags: options.existing.tags ?? [],
      Parameters: options.existing.parameters ?? [],
      template: options.existing.template ?? 'old template',
      Outputs: Object.entries(options.existing.outputs ?? {}).map(([k, v]) => ({
        OutputKey: k,
        OutputValue: v,
      })),
    };
    emit(STACK_NAME, options.existing.status);
    if (options.existing.status.endsWith('_IN_PROGRESS')) {
      pending = {
        final: options.existing.status.replace('_IN_PROGRESS', '_COMPLETE'),
        events: [],
        polls: options.pollsInProgress ?? 1,
      };
    }
  }
  const missing = (name: string) =>
    awsError('ValidationError', `Stack with id ${name} does not exist`);

  mock.on(DescribeStacksCommand).callsFake(input => {
    advance();
    if (
      !stack ||
      (stack.StackStatus === 'DELETE_COMPLETE' &&
        input.StackName === STACK_NAME)
    ) {
      throw missing(input.StackName);
    }
    const { template: _t, ...visible } = stack;
    return { Stacks: [{ ...visible }] };
  });
  mock
    .on(DescribeStackEventsCommand)
    .callsFake(() => ({ StackEvents: [...events] }));
  mock
    .on(GetTemplateCommand)
    .callsFake(() => ({ TemplateBody: stack?.template }));
  mock.on(CreateStackCommand).callsFake(input => {
    if (stack && stack.StackStatus !== 'DELETE_COMPLETE') {
      throw awsError(
        'AlreadyExistsException',
        `Stack [${input.StackName}] already exists`,
      );
    }
    const op = creates.shift() ?? { final: 'CREATE_COMPLETE' };
    stack = {
      StackId: STACK_ID,
      StackName: input.StackName,
      CreationTime: new Date(clock),
      Tags: input.Tags,
      Parameters: input.Parameters,
      template: input.TemplateBody,
      Outputs: [
        {
          OutputKey: 'ApplyRoleArn',
          OutputValue: 'arn:aws:iam::000000000003:role/terraform-apply',
        },
        {
          OutputKey: 'PortalReadOnlyRoleArn',
          OutputValue: 'arn:aws:iam::000000000003:role/platform-portal-read',
        },
      ],
    };
    start('CREATE', op);
    return { StackId: STACK_ID };
  });
  mock.on(UpdateStackCommand).callsFake(input => {
    if (options.update === 'no-updates') {
      throw awsError('ValidationError', 'No updates are to be performed.');
    }
    stack!.Tags = input.Tags;
    stack!.Parameters = input.Parameters;
    stack!.template = input.TemplateBody;
    start('UPDATE', options.update ?? { final: 'UPDATE_COMPLETE' });
    return { StackId: STACK_ID };
  });
  mock.on(DeleteStackCommand).callsFake(() => {
    start('DELETE', options.delete ?? { final: 'DELETE_COMPLETE' });
    return {};
  });
  mock.on(ContinueUpdateRollbackCommand).callsFake(() => {
    stack!.StackStatus = 'UPDATE_ROLLBACK_IN_PROGRESS';
    pending = {
      ...(options.continueRollback ?? { final: 'UPDATE_ROLLBACK_COMPLETE' }),
      events: options.continueRollback?.events ?? [],
      polls: 0,
    };
    return {};
  });
  mock.on(CreateChangeSetCommand).callsFake(input => {
    if (input.ChangeSetType === 'CREATE') {
      stack = {
        StackId: STACK_ID,
        StackName: input.StackName,
        StackStatus: 'REVIEW_IN_PROGRESS',
        CreationTime: new Date(clock),
      };
    }
    return {
      Id: 'arn:aws:cloudformation:eu-west-1:000000000003:changeSet/dry/1',
      StackId: STACK_ID,
    };
  });
  let describedChangeSet = 0;
  mock.on(DescribeChangeSetCommand).callsFake(() => {
    describedChangeSet += 1;
    if (describedChangeSet === 1) return { Status: 'CREATE_IN_PROGRESS' };
    const cs = options.changeSet ?? { status: 'CREATE_COMPLETE' as const };
    return {
      Status: cs.status,
      StatusReason: cs.reason,
      Changes: (cs.changes ?? []).map(c => ({
        Type: 'Resource',
        ResourceChange: {
          Action: c.action,
          LogicalResourceId: c.id,
          ResourceType: c.type,
        },
      })),
    };
  });
  mock.on(DeleteChangeSetCommand).resolves({});

  return {
    mock,
    client: new CloudFormationClient({ region: 'eu-west-1' }),
    stack: () => stack,
  };
}

/** A logger that remembers every line. */
export function recordingLogger() {
  const lines: string[] = [];
  return {
    lines,
    info: (m: string) => {
      lines.push(m);
    },
    warn: (m: string) => {
      lines.push(`WARN ${m}`);
    },
  };
}
