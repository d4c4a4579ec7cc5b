import {
  Capability,
  CloudFormationClient,
  ContinueUpdateRollbackCommand,
  CreateStackCommand,
  DeleteStackCommand,
  GetTemplateCommand,
  Parameter,
  Stack,
  UpdateStackCommand,
} from '@aws-sdk/client-cloudformation';
import {
  ChangePreview,
  DeployPreview,
  previewChangeSet,
} from './changeSetPreview';
import { rootCauseEvent, stackFailureMessage } from './stackEvents';
import { BOOTSTRAP_FINGERPRINT_TAG } from '@platform-portal/platform-common';
import { sha256Hex } from './bundledTemplate';
import { inputsFingerprint, stackTags } from './stackParameters';
import {
  isNoUpdatesError,
  isSuccessStatus,
  planForStatus,
} from './stackStates';
import { describeStack, StackWatcher, WatchOptions } from './stackWatcher';

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

export type { ChangePreview, DeployPreview };

export type DeployerOptions = WatchOptions;

// The template names its roles, so CloudFormation needs the named-IAM acknowledgement.
const CAPABILITIES: Capability[] = ['CAPABILITY_NAMED_IAM'];
const MAX_PLAN_ROUNDS = 5;

/**
 * Creates or updates one CloudFormation stack and waits for the outcome, streaming its events
 * into the log. A failed first creation (ROLLBACK_COMPLETE) is deleted and created again on the
 * next run, so a rerun after fixing the cause always recovers.
 */
export class BootstrapStackDeployer {
  private readonly watcher: StackWatcher;

  constructor(
    private readonly client: CloudFormationClient,
    private readonly options: DeployerOptions,
  ) {
    this.watcher = new StackWatcher(client, options);
  }

  describe(stackName: string): Promise<Stack | undefined> {
    return describeStack(this.client, stackName);
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
          await this.watcher.waitForTerminal(
            stack!.StackId!,
            await this.watcher.newestEventId(stack!.StackId!),
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

  /** The dry run: the change set a real run would execute; the stack is never touched. */
  async preview(request: DeployRequest): Promise<DeployPreview> {
    return previewChangeSet({
      client: this.client,
      watcher: this.watcher,
      stack: await this.describe(request.stackName),
      request,
      capabilities: CAPABILITIES,
    });
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
        Tags: stackTags(fingerprint, sha256Hex(request.templateBody)),
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
    const marker = await this.watcher.newestEventId(stack.StackId!);
    try {
      await this.client.send(
        new UpdateStackCommand({
          StackName: stack.StackId,
          TemplateBody: request.templateBody,
          Parameters: request.parameters,
          Capabilities: CAPABILITIES,
          Tags: stackTags(fingerprint, sha256Hex(request.templateBody)),
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
    const marker = await this.watcher.newestEventId(stack.StackId!);
    await this.client.send(
      new DeleteStackCommand({ StackName: stack.StackId }),
    );
    const { stack: after, events } = await this.watcher.waitForTerminal(
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
    const marker = await this.watcher.newestEventId(stack.StackId!);
    await this.client.send(
      new ContinueUpdateRollbackCommand({ StackName: stack.StackId }),
    );
    await this.watcher.waitForTerminal(stack.StackId!, marker);
  }

  /** Waits for the operation; a terminal status other than success throws with the root cause. */
  private async waitForSuccess(
    stackId: string,
    marker: string | undefined,
    request: DeployRequest,
  ): Promise<Stack> {
    const { stack, events } = await this.watcher.waitForTerminal(
      stackId,
      marker,
    );
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
    const tag = stack.Tags?.find(
      t => t.Key === BOOTSTRAP_FINGERPRINT_TAG,
    )?.Value;
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
