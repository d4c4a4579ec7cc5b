import {
  CreateChangeSetCommand,
  CreateStackCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  Parameter,
  UpdateStackCommand,
  ContinueUpdateRollbackCommand,
} from '@aws-sdk/client-cloudformation';
import { AwsStub } from 'aws-sdk-client-mock';
import {
  awsError,
  fakeCloudFormation,
  recordingLogger,
  STACK_ID,
  STACK_NAME,
} from './__testUtils__/fakeCloudFormation';
import { BootstrapStackDeployer } from './BootstrapStackDeployer';
import { BOOTSTRAP_FINGERPRINT_TAG } from '@platform-portal/platform-common';
import { inputsFingerprint } from './stackParameters';

const TEMPLATE = 'AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n';
const PARAMETERS: Parameter[] = [
  { ParameterKey: 'AccountRole', ParameterValue: 'workload' },
  { ParameterKey: 'PortalExternalId', ParameterValue: 'secret-external-id' },
];
const request = {
  stackName: STACK_NAME,
  templateBody: TEMPLATE,
  parameters: PARAMETERS,
};
const FINGERPRINT = inputsFingerprint(TEMPLATE, PARAMETERS);

describe('BootstrapStackDeployer', () => {
  let mock: AwsStub<any, any, any> | undefined;
  afterEach(() => mock?.restore());

  function setup(options: Parameters<typeof fakeCloudFormation>[0]) {
    const fake = fakeCloudFormation(options);
    mock = fake.mock;
    const logger = recordingLogger();
    const deployer = new BootstrapStackDeployer(fake.client, {
      logger,
      pollIntervalMs: 1,
      timeoutMs: 60_000,
      sleep: async () => {},
    });
    return { ...fake, logger, deployer };
  }

  it('creates an absent stack (CREATE_COMPLETE), logging its events oldest first', async () => {
    const {
      deployer,
      logger,
      mock: cfn,
    } = setup({
      create: {
        events: [
          {
            resource: 'PortalReadOnlyRole',
            type: 'AWS::IAM::Role',
            status: 'CREATE_IN_PROGRESS',
          },
          {
            resource: 'PortalReadOnlyRole',
            type: 'AWS::IAM::Role',
            status: 'CREATE_COMPLETE',
          },
        ],
        final: 'CREATE_COMPLETE',
      },
    });
    const result = await deployer.deploy(request);
    expect(result).toMatchObject({
      stackId: STACK_ID,
      status: 'CREATE_COMPLETE',
      changed: true,
      operation: 'create',
      outputs: {
        ApplyRoleArn: 'arn:aws:iam::000000000003:role/terraform-apply',
        PortalReadOnlyRoleArn:
          'arn:aws:iam::000000000003:role/platform-portal-read',
      },
    });
    const create = cfn.commandCalls(CreateStackCommand)[0].args[0].input;
    expect(create.Capabilities).toEqual(['CAPABILITY_NAMED_IAM']);
    expect(create.OnFailure).toBe('ROLLBACK');
    expect(create.Tags).toContainEqual({
      Key: BOOTSTRAP_FINGERPRINT_TAG,
      Value: FINGERPRINT,
    });
    const eventLines = logger.lines.filter(l => /^\d{4}-/.test(l));
    expect(eventLines.map(l => l.replace(/^\S+ /, ''))).toEqual([
      'platform-bootstrap AWS::CloudFormation::Stack CREATE_IN_PROGRESS: User Initiated',
      'PortalReadOnlyRole AWS::IAM::Role CREATE_IN_PROGRESS',
      'PortalReadOnlyRole AWS::IAM::Role CREATE_COMPLETE',
      'platform-bootstrap AWS::CloudFormation::Stack CREATE_COMPLETE',
    ]);
  });

  it('updates a CREATE_COMPLETE stack made from other inputs (UPDATE_COMPLETE)', async () => {
    const {
      deployer,
      logger,
      mock: cfn,
    } = setup({
      existing: {
        status: 'CREATE_COMPLETE',
        tags: [{ Key: BOOTSTRAP_FINGERPRINT_TAG, Value: 'older' }],
      },
      update: { final: 'UPDATE_COMPLETE' },
    });
    const result = await deployer.deploy(request);
    expect(result).toMatchObject({
      status: 'UPDATE_COMPLETE',
      changed: true,
      operation: 'update',
    });
    expect(cfn.commandCalls(UpdateStackCommand)).toHaveLength(1);
    // Only the events of this update, not the stack's history.
    const eventLines = logger.lines.filter(l => /^\d{4}-/.test(l));
    expect(eventLines).toHaveLength(2);
    expect(eventLines[1]).toMatch(/UPDATE_COMPLETE$/);
  });

  it('treats "No updates are to be performed" as success with changed false', async () => {
    const { deployer, logger } = setup({
      existing: {
        status: 'UPDATE_COMPLETE',
        outputs: {
          ApplyRoleArn: 'arn:aws:iam::000000000003:role/terraform-apply',
        },
      },
      update: 'no-updates',
    });
    const result = await deployer.deploy(request);
    expect(result).toMatchObject({
      status: 'UPDATE_COMPLETE',
      changed: false,
      operation: 'none',
      outputs: {
        ApplyRoleArn: 'arn:aws:iam::000000000003:role/terraform-apply',
      },
    });
    expect(logger.lines).toContain(
      'Stack platform-bootstrap: no updates are to be performed',
    );
  });

  it('skips UpdateStack when the stack was deployed from the same template and parameters', async () => {
    const { deployer, mock: cfn } = setup({
      existing: {
        status: 'UPDATE_COMPLETE',
        tags: [{ Key: BOOTSTRAP_FINGERPRINT_TAG, Value: FINGERPRINT }],
        parameters: [
          { ParameterKey: 'AccountRole', ParameterValue: 'workload' },
          { ParameterKey: 'PortalExternalId', ParameterValue: '****' },
        ],
        template: TEMPLATE,
      },
    });
    const result = await deployer.deploy(request);
    expect(result).toMatchObject({ changed: false, operation: 'none' });
    expect(cfn.commandCalls(UpdateStackCommand)).toHaveLength(0);
  });

  it('updates when the template was changed outside the portal even though the tag matches', async () => {
    const { deployer, mock: cfn } = setup({
      existing: {
        status: 'UPDATE_COMPLETE',
        tags: [{ Key: BOOTSTRAP_FINGERPRINT_TAG, Value: FINGERPRINT }],
        parameters: PARAMETERS,
        template: 'edited in the console',
      },
    });
    expect((await deployer.deploy(request)).changed).toBe(true);
    expect(cfn.commandCalls(UpdateStackCommand)).toHaveLength(1);
  });

  it('deletes a ROLLBACK_COMPLETE stack and creates it again, saying so', async () => {
    const {
      deployer,
      logger,
      mock: cfn,
    } = setup({
      existing: { status: 'ROLLBACK_COMPLETE' },
      create: { final: 'CREATE_COMPLETE' },
    });
    const result = await deployer.deploy(request);
    expect(result).toMatchObject({
      status: 'CREATE_COMPLETE',
      operation: 'recreate',
      changed: true,
    });
    expect(cfn.commandCalls(DeleteStackCommand)).toHaveLength(1);
    expect(logger.lines.join('\n')).toMatch(
      /is ROLLBACK_COMPLETE: its first creation failed.*Deleting it and creating it again/,
    );
  });

  it('reports the failing resource and reason of a failed create, and a rerun recovers', async () => {
    const { deployer } = setup({
      create: [
        {
          events: [
            {
              resource: 'StateBucket',
              type: 'AWS::S3::Bucket',
              status: 'CREATE_FAILED',
              reason: 'tfstate-000000000002-eu-west-1 already exists',
            },
            {
              resource: 'PortalReadOnlyRole',
              type: 'AWS::IAM::Role',
              status: 'CREATE_FAILED',
              reason: 'Resource creation cancelled',
            },
            {
              resource: 'StateBucket',
              type: 'AWS::S3::Bucket',
              status: 'DELETE_COMPLETE',
            },
          ],
          final: 'ROLLBACK_COMPLETE',
        },
        { final: 'CREATE_COMPLETE' },
      ],
    });
    const failure = deployer.deploy(request);
    await expect(failure).rejects.toThrow(
      'Stack platform-bootstrap ended in ROLLBACK_COMPLETE. Failing resource: StateBucket (AWS::S3::Bucket) CREATE_FAILED: tfstate-000000000002-eu-west-1 already exists.',
    );
    await expect(failure).rejects.toThrow(
      /run the template again: the rolled-back stack is deleted/,
    );
    await expect(deployer.deploy(request)).resolves.toMatchObject({
      status: 'CREATE_COMPLETE',
      operation: 'recreate',
    });
  });

  it('reports a failed update (UPDATE_ROLLBACK_COMPLETE) with its root cause', async () => {
    const { deployer } = setup({
      existing: { status: 'CREATE_COMPLETE' },
      update: {
        events: [
          {
            resource: 'TerraformApplyRole',
            type: 'AWS::IAM::Role',
            status: 'UPDATE_FAILED',
            reason: 'MalformedPolicyDocument',
          },
        ],
        final: 'UPDATE_ROLLBACK_COMPLETE',
      },
    });
    await expect(deployer.deploy(request)).rejects.toThrow(
      /UPDATE_ROLLBACK_COMPLETE\. Failing resource: TerraformApplyRole \(AWS::IAM::Role\) UPDATE_FAILED: MalformedPolicyDocument\. The stack is back on its previous version/,
    );
  });

  it('waits for an operation in progress, then updates', async () => {
    const {
      deployer,
      logger,
      mock: cfn,
    } = setup({
      existing: { status: 'UPDATE_IN_PROGRESS' },
      pollsInProgress: 2,
    });
    const result = await deployer.deploy(request);
    expect(logger.lines[0]).toMatch(/is UPDATE_IN_PROGRESS: waiting/);
    expect(result.operation).toBe('update');
    expect(cfn.commandCalls(UpdateStackCommand)).toHaveLength(1);
  });

  it('continues a stuck update rollback before updating', async () => {
    const { deployer, mock: cfn } = setup({
      existing: { status: 'UPDATE_ROLLBACK_FAILED' },
    });
    await deployer.deploy(request);
    expect(cfn.commandCalls(ContinueUpdateRollbackCommand)).toHaveLength(1);
    expect(cfn.commandCalls(UpdateStackCommand)).toHaveLength(1);
  });

  it('gives up waiting after the timeout, saying the operation goes on', async () => {
    const fake = fakeCloudFormation({
      existing: { status: 'UPDATE_IN_PROGRESS' },
      pollsInProgress: 1e9,
    });
    mock = fake.mock;
    let now = 0;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    const deployer = new BootstrapStackDeployer(fake.client, {
      logger: recordingLogger(),
      pollIntervalMs: 1000,
      timeoutMs: 5000,
      sleep: async ms => {
        now += ms;
      },
    });
    await expect(deployer.deploy(request)).rejects.toThrow(
      /still UPDATE_IN_PROGRESS .* run the template again to wait for it/,
    );
    jest.restoreAllMocks();
  });

  it('passes throttling that outlasted the SDK retries on to the caller', async () => {
    const { deployer, mock: cfn } = setup({});
    cfn.on(CreateStackCommand).rejects(awsError('Throttling', 'Rate exceeded'));
    await expect(deployer.deploy(request)).rejects.toThrow('Rate exceeded');
  });

  describe('preview (dry run)', () => {
    it('shows a CREATE change set, then removes it and the review stack; never creates', async () => {
      const { deployer, mock: cfn } = setup({
        changeSet: {
          status: 'CREATE_COMPLETE',
          changes: [
            { action: 'Add', id: 'TerraformApplyRole', type: 'AWS::IAM::Role' },
            { action: 'Add', id: 'PortalReadOnlyRole', type: 'AWS::IAM::Role' },
          ],
        },
      });
      const preview = await deployer.preview(request);
      expect(preview).toEqual({
        changeSetType: 'CREATE',
        plan: 'A real run would create stack platform-bootstrap',
        changes: [
          {
            action: 'Add',
            logicalResourceId: 'TerraformApplyRole',
            resourceType: 'AWS::IAM::Role',
          },
          {
            action: 'Add',
            logicalResourceId: 'PortalReadOnlyRole',
            resourceType: 'AWS::IAM::Role',
          },
        ],
      });
      expect(
        cfn.commandCalls(CreateChangeSetCommand)[0].args[0].input.ChangeSetType,
      ).toBe('CREATE');
      expect(cfn.commandCalls(DeleteChangeSetCommand)).toHaveLength(1);
      expect(cfn.commandCalls(DeleteStackCommand)).toHaveLength(1);
      expect(cfn.commandCalls(CreateStackCommand)).toHaveLength(0);
    });

    it('reports an UPDATE change set without changes as empty and keeps the stack', async () => {
      const { deployer, mock: cfn } = setup({
        existing: { status: 'CREATE_COMPLETE' },
        changeSet: {
          status: 'FAILED',
          reason:
            "The submitted information didn't contain changes. Submit different information to create a change set.",
        },
      });
      const preview = await deployer.preview(request);
      expect(preview).toMatchObject({ changeSetType: 'UPDATE', changes: [] });
      expect(cfn.commandCalls(DeleteStackCommand)).toHaveLength(0);
      expect(cfn.commandCalls(UpdateStackCommand)).toHaveLength(0);
    });

    it('fails on a change set that CloudFormation rejects, still deleting it', async () => {
      const { deployer, mock: cfn } = setup({
        existing: { status: 'CREATE_COMPLETE' },
        changeSet: {
          status: 'FAILED',
          reason: 'Parameter GitHubOrg failed to satisfy constraint',
        },
      });
      await expect(deployer.preview(request)).rejects.toThrow(
        'The change set could not be created: Parameter GitHubOrg failed to satisfy constraint',
      );
      expect(cfn.commandCalls(DeleteChangeSetCommand)).toHaveLength(1);
    });

    it('describes the plan for a ROLLBACK_COMPLETE stack without a change set', async () => {
      const { deployer, mock: cfn } = setup({
        existing: { status: 'ROLLBACK_COMPLETE' },
      });
      const preview = await deployer.preview(request);
      expect(preview.plan).toMatch(
        /delete the ROLLBACK_COMPLETE stack .* and create it again/,
      );
      expect(cfn.commandCalls(CreateChangeSetCommand)).toHaveLength(0);
      expect(cfn.commandCalls(DeleteStackCommand)).toHaveLength(0);
    });
  });
});
