import {
  Capability,
  ChangeSetType,
  CloudFormationClient,
  ContinueUpdateRollbackCommand,
  CreateChangeSetCommand,
  CreateStackCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeChangeSetOutput,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  GetTemplateCommand,
  Parameter,
  Stack,
  StackEvent,
  UpdateStackCommand,
} from '@aws-sdk/client-cloudformation';
import {
  formatStackEvent,
  rootCauseEvent,
  stackFailureMessage,
  unseenOldestFirst,
} from './stackEvents';
import {
  FINGERPRINT_TAG,
  inputsFingerprint,
  stackTags,
} from './stackParameters';
import {
  isEmptyChangeSetReason,
  isNoUpdatesError,
  isStackMissingError,
  isSuccessStatus,
  isTerminalStatus,
  planForStatus,
} from './stackStates';

export interface DeployRequest {
  stackName: string;
  templateBody: string;
  parameters: Parameter[];
}

export interface DeployResult {
  stackId: string;
  status: string;
  /** False when the stack already matched the request. */
  changed: boolean;
  operation: 'create' | 'update' | 'recreate' | 'none';
  outputs: Record<string, string>;
}

export interface ChangePreview {
  action: string;
  logicalResourceId: string;
  resourceType: string;
  replacement?: string;
}

export interface DeployPreview {
  changeSetType?: 'CREATE' | 'UPDATE';
  /** What a real run would do first (e.g. delete a rolled-back stack). */
  plan: string;
  changes: ChangePreview[];
}

export interface DeployerOptions {
  logger: { info(message: string): void; warn(message: string): void };
  /** Between DescribeStacks/DescribeStackEvents polls. */
  pollIntervalMs: number;
  /** Per stack operation. */
  timeoutMs: number;
  sleep?: (ms: number) => Promise<void>;
}

// The template names its roles, so CloudFormation needs the named-IAM acknowledgement.
const CAPABILITIES: Capability[] = ['CAPABILITY_NAMED_IAM'];
const MAX_EVENT_PAGES = 10;
const MAX_PLAN_ROUNDS = 5;

/**
 * Creates or updates one CloudFormation stack and waits for the outcome, streaming its events
 * into the log. A failed first creation (ROLLBACK_COMPLETE) is deleted and created again on the
 * next run, so a rerun after fixing the cause always recovers.
 */
export class BootstrapStackDeployer {
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly client: CloudFormationClient,
    private readonly options: DeployerOptions,
  ) {
    this.sleep =
      options.sleep ?? (ms => new Promise(resolve => setTimeout(resolve, ms)));
  }

  async describe(stackName: string): Promise<Stack | undefined> {
    try {
      const { Stacks } = await this.client.send(
        new DescribeStacksCommand({ StackName: stackName }),
      );
      return Stacks?.[0];
    } catch (error) {
      if (isStackMissingError(error)) return undefined;
      throw error;
    }
  }

  async deploy(request: DeployRequest): Promise<DeployResult> {
    const { stackName } = request;
    const fingerprint = inputsFingerprint(
      request.templateBody,
      request.parameters,
    );
    const log = this.options.logger;
    for (let round = 0; round < MAX_PLAN_ROUNDS; round++) {
      const stack = await this.describe(stackName);
      const plan = planForStatus(stack?.StackStatus);
      switch (plan.kind) {
        case 'create':
          log.info(`Stack ${stackName} does not exist: creating it`);
          return this.create(request, fingerprint, 'create');
        case 'recreate':
          log.info(
            `Stack ${stackName} is ${stack!.StackStatus}: ${
              plan.reason
            }. Deleting it and creating it again.`,
          );
          await this.deleteAndWait(stack!);
          return this.create(request, fingerprint, 'recreate');
        case 'wait':
          log.info(
            `Stack ${stackName} is ${
              stack!.StackStatus
            }: waiting for that operation to finish`,
          );
          await this.waitForTerminal(
            stack!.StackId!,
            await this.newestEventId(stack!.StackId!),
          );
          continue;
        case 'continue-rollback':
          log.info(
            `Stack ${stackName} is UPDATE_ROLLBACK_FAILED: continuing the rollback first`,
          );
          await this.continueRollback(stack!);
          continue;
        case 'update':
        default:
          if (await this.isUpToDate(stack!, request, fingerprint)) {
            log.info(
              `Stack ${stackName} is ${
                stack!.StackStatus
              } with this template and these parameters: nothing to do`,
            );
            return this.result(stack!, false, 'none');
          }
          return this.update(stack!, request, fingerprint);
      }
    }
    throw new Error(
      `Stack ${stackName} kept changing state; run the template again when other operations on it have finished`,
    );
  }

  /** A change set shows what a run would change; it is deleted, the stack is never touched. */
  async preview(request: DeployRequest): Promise<DeployPreview> {
    const { stackName } = request;
    const stack = await this.describe(stackName);
    const plan = planForStatus(stack?.StackStatus);
    if (plan.kind !== 'create' && plan.kind !== 'update') {
      const what = {
        recreate: `delete the ${stack!.StackStatus} stack (${
          plan.kind === 'recreate' ? plan.reason : ''
        }) and create it again`,
        wait: `wait for ${stack!.StackStatus} to finish, then update`,
        'continue-rollback': 'continue the stuck rollback, then update',
      }[plan.kind];
      return { plan: `A real run would ${what}`, changes: [] };
    }
    const changeSetType: ChangeSetType =
      plan.kind === 'create' ? 'CREATE' : 'UPDATE';
    const fingerprint = inputsFingerprint(
      request.templateBody,
      request.parameters,
    );
    const created = await this.client.send(
      new CreateChangeSetCommand({
        StackName: stackName,
        ChangeSetName: `platform-portal-dry-run-${Date.now()}`,
        ChangeSetType: changeSetType,
        TemplateBody: request.templateBody,
        Parameters: request.parameters,
        Capabilities: CAPABILITIES,
        Tags: stackTags(fingerprint),
      }),
    );
    try {
      const changeSet = await this.waitForChangeSet(created.Id!);
      const changes = (changeSet.Changes ?? []).map(c => ({
        action: c.ResourceChange?.Action ?? '',
        logicalResourceId: c.ResourceChange?.LogicalResourceId ?? '',
        resourceType: c.ResourceChange?.ResourceType ?? '',
        replacement: c.ResourceChange?.Replacement,
      }));
      return {
        changeSetType,
        plan:
          changeSetType === 'CREATE'
            ? `A real run would create stack ${stackName}`
            : `A real run would update stack ${stackName}`,
        changes,
      };
    } finally {
      await this.client.send(
        new DeleteChangeSetCommand({ ChangeSetName: created.Id }),
      );
      // A CREATE change set leaves an empty REVIEW_IN_PROGRESS stack behind.
      if (changeSetType === 'CREATE') {
        await this.client.send(
          new DeleteStackCommand({ StackName: created.StackId }),
        );
      }
    }
  }

  private async create(
    request: DeployRequest,
    fingerprint: string,
    operation: 'create' | 'recreate',
  ): Promise<DeployResult> {
    const { StackId } = await this.client.send(
      new CreateStackCommand({
        StackName: request.stackName,
        TemplateBody: request.templateBody,
        Parameters: request.parameters,
        Capabilities: CAPABILITIES,
        Tags: stackTags(fingerprint),
        OnFailure: 'ROLLBACK',
      }),
    );
    const stack = await this.waitForSuccess(StackId!, undefined, request);
    return this.result(stack, true, operation);
  }

  private async update(
    stack: Stack,
    request: DeployRequest,
    fingerprint: string,
  ): Promise<DeployResult> {
    const marker = await this.newestEventId(stack.StackId!);
    try {
      await this.client.send(
        new UpdateStackCommand({
          StackName: stack.StackId,
          TemplateBody: request.templateBody,
          Parameters: request.parameters,
          Capabilities: CAPABILITIES,
          Tags: stackTags(fingerprint),
        }),
      );
    } catch (error) {
      if (!isNoUpdatesError(error)) throw error;
      this.options.logger.info(
        `Stack ${request.stackName}: no updates are to be performed`,
      );
      return this.result(stack, false, 'none');
    }
    this.options.logger.info(`Updating stack ${request.stackName}`);
    const updated = await this.waitForSuccess(stack.StackId!, marker, request);
    return this.result(updated, true, 'update');
  }

  private async deleteAndWait(stack: Stack): Promise<void> {
    const marker = await this.newestEventId(stack.StackId!);
    await this.client.send(
      new DeleteStackCommand({ StackName: stack.StackId }),
    );
    const { stack: after, events } = await this.waitForTerminal(
      stack.StackId!,
      marker,
    );
    if (after?.StackStatus && after.StackStatus !== 'DELETE_COMPLETE') {
      throw new Error(
        stackFailureMessage({
          stackName: stack.StackName ?? '',
          status: after.StackStatus,
          statusReason: after.StackStatusReason,
          cause: rootCauseEvent(events, stack.StackName ?? ''),
        }),
      );
    }
  }

  private async continueRollback(stack: Stack): Promise<void> {
    const marker = await this.newestEventId(stack.StackId!);
    await this.client.send(
      new ContinueUpdateRollbackCommand({ StackName: stack.StackId }),
    );
    await this.waitForTerminal(stack.StackId!, marker);
  }

  /** Waits for the operation; a terminal status other than success throws with the root cause. */
  private async waitForSuccess(
    stackId: string,
    marker: string | undefined,
    request: DeployRequest,
  ): Promise<Stack> {
    const { stack, events } = await this.waitForTerminal(stackId, marker);
    const status = stack?.StackStatus ?? 'UNKNOWN';
    if (!stack || !isSuccessStatus(status)) {
      throw new Error(
        stackFailureMessage({
          stackName: request.stackName,
          status,
          statusReason: stack?.StackStatusReason,
          cause: rootCauseEvent(events, request.stackName),
        }),
      );
    }
    this.options.logger.info(`Stack ${request.stackName} is ${status}`);
    return stack;
  }

  /** Polls until the stack reaches a terminal status, logging every new event oldest first. */
  private async waitForTerminal(
    stackId: string,
    marker: string | undefined,
  ): Promise<{ stack?: Stack; events: StackEvent[] }> {
    const seen = new Set<string>(marker ? [marker] : []);
    const all: StackEvent[] = [];
    const deadline = Date.now() + this.options.timeoutMs;
    for (;;) {
      const stack = await this.describe(stackId);
      // Events after the status, so the events of a finished operation are all printed.
      all.push(...(await this.logNewEvents(stackId, seen)));
      if (!stack || isTerminalStatus(stack.StackStatus ?? '')) {
        return { stack, events: all };
      }
      if (Date.now() > deadline) {
        throw new Error(
          `Stack ${stack.StackName} is still ${
            stack.StackStatus
          } after ${Math.round(
            this.options.timeoutMs / 60_000,
          )} minutes; the operation goes on in AWS, run the template again to wait for it`,
        );
      }
      await this.sleep(this.options.pollIntervalMs);
    }
  }

  private async logNewEvents(
    stackId: string,
    seen: Set<string>,
  ): Promise<StackEvent[]> {
    const fresh: StackEvent[] = [];
    let nextToken: string | undefined;
    for (let page = 0; page < MAX_EVENT_PAGES; page++) {
      const response = await this.client.send(
        new DescribeStackEventsCommand({
          StackName: stackId,
          NextToken: nextToken,
        }),
      );
      const { events, reachedSeen } = unseenOldestFirst(
        response.StackEvents ?? [],
        e => seen.has(e.EventId ?? ''),
      );
      fresh.unshift(...events); // older pages come later but happened earlier
      nextToken = response.NextToken;
      if (reachedSeen || !nextToken) break;
    }
    for (const event of fresh) {
      seen.add(event.EventId ?? '');
      this.options.logger.info(formatStackEvent(event));
    }
    return fresh;
  }

  private async newestEventId(stackId: string): Promise<string | undefined> {
    const { StackEvents } = await this.client.send(
      new DescribeStackEventsCommand({ StackName: stackId }),
    );
    return StackEvents?.[0]?.EventId;
  }

  /**
   * True when the stack was last deployed from exactly this template and these parameters.
   * The fingerprint tag covers NoEcho values; template and visible parameters are compared too,
   * in case someone changed the stack outside the portal.
   */
  private async isUpToDate(
    stack: Stack,
    request: DeployRequest,
    fingerprint: string,
  ): Promise<boolean> {
    if (!isSuccessStatus(stack.StackStatus ?? '')) return false;
    const tag = stack.Tags?.find(t => t.Key === FINGERPRINT_TAG)?.Value;
    if (tag !== fingerprint) return false;
    const current = new Map(
      (stack.Parameters ?? []).map(p => [p.ParameterKey, p.ParameterValue]),
    );
    const sameParameters = request.parameters.every(p => {
      const value = current.get(p.ParameterKey);
      return value === '****' || value === p.ParameterValue;
    });
    if (!sameParameters) return false;
    const { TemplateBody } = await this.client.send(
      new GetTemplateCommand({ StackName: stack.StackId }),
    );
    return TemplateBody === request.templateBody;
  }

  private async waitForChangeSet(
    changeSetId: string,
  ): Promise<DescribeChangeSetOutput> {
    const deadline = Date.now() + this.options.timeoutMs;
    for (;;) {
      let changeSet = await this.client.send(
        new DescribeChangeSetCommand({ ChangeSetName: changeSetId }),
      );
      if (changeSet.Status === 'FAILED') {
        if (isEmptyChangeSetReason(changeSet.StatusReason)) {
          return { ...changeSet, Changes: [] };
        }
        throw new Error(
          `The change set could not be created: ${changeSet.StatusReason}`,
        );
      }
      if (changeSet.Status === 'CREATE_COMPLETE') {
        const changes = [...(changeSet.Changes ?? [])];
        while (changeSet.NextToken) {
          changeSet = await this.client.send(
            new DescribeChangeSetCommand({
              ChangeSetName: changeSetId,
              NextToken: changeSet.NextToken,
            }),
          );
          changes.push(...(changeSet.Changes ?? []));
        }
        return { ...changeSet, Changes: changes };
      }
      if (Date.now() > deadline) {
        throw new Error(`The change set is still ${changeSet.Status}`);
      }
      await this.sleep(this.options.pollIntervalMs);
    }
  }

  private result(
    stack: Stack,
    changed: boolean,
    operation: DeployResult['operation'],
  ): DeployResult {
    const outputs: Record<string, string> = {};
    for (const o of stack.Outputs ?? []) {
      if (o.OutputKey) outputs[o.OutputKey] = o.OutputValue ?? '';
    }
    return {
      stackId: stack.StackId ?? '',
      status: stack.StackStatus ?? '',
      changed,
      operation,
      outputs,
    };
  }
}
