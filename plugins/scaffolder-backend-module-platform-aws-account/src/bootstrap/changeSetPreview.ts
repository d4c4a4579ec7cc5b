import {
  Capability,
  ChangeSetType,
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeChangeSetOutput,
  Parameter,
  Stack,
} from '@aws-sdk/client-cloudformation';
import { sha256Hex } from './bundledTemplate';
import { inputsFingerprint, stackTags } from './stackParameters';
import { isEmptyChangeSetReason, planForStatus } from './stackStates';
import { StackWatcher } from './stackWatcher';

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

/**
 * The dry run: a change set shows what a run would change, then it is deleted (and the empty
 * REVIEW_IN_PROGRESS stack a CREATE change set leaves behind). The stack is never touched.
 */
export async function previewChangeSet(options: {
  client: CloudFormationClient;
  watcher: StackWatcher;
  stack: Stack | undefined;
  request: { stackName: string; templateBody: string; parameters: Parameter[] };
  capabilities: Capability[];
}): Promise<DeployPreview> {
  const { client, watcher, stack, request } = options;
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
  const created = await client.send(
    new CreateChangeSetCommand({
      StackName: request.stackName,
      ChangeSetName: `platform-portal-dry-run-${Date.now()}`,
      ChangeSetType: changeSetType,
      TemplateBody: request.templateBody,
      Parameters: request.parameters,
      Capabilities: options.capabilities,
      Tags: stackTags(
        inputsFingerprint(request.templateBody, request.parameters),
        sha256Hex(request.templateBody),
      ),
    }),
  );
  try {
    const changeSet = await waitForChangeSet(client, watcher, created.Id!);
    return {
      changeSetType,
      plan: `A real run would ${
        changeSetType === 'CREATE' ? 'create' : 'update'
      } stack ${request.stackName}`,
      changes: (changeSet.Changes ?? []).map(c => ({
        action: c.ResourceChange?.Action ?? '',
        logicalResourceId: c.ResourceChange?.LogicalResourceId ?? '',
        resourceType: c.ResourceChange?.ResourceType ?? '',
        replacement: c.ResourceChange?.Replacement,
      })),
    };
  } finally {
    await client.send(
      new DeleteChangeSetCommand({ ChangeSetName: created.Id }),
    );
    if (changeSetType === 'CREATE') {
      await client.send(new DeleteStackCommand({ StackName: created.StackId }));
    }
  }
}

/** Waits for the change set; one that changes nothing counts as an empty change set. */
async function waitForChangeSet(
  client: CloudFormationClient,
  watcher: StackWatcher,
  changeSetId: string,
): Promise<DescribeChangeSetOutput> {
  const deadline = Date.now() + watcher.options.timeoutMs;
  for (;;) {
    let changeSet = await client.send(
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
        changeSet = await client.send(
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
    await watcher.sleep(watcher.options.pollIntervalMs);
  }
}
