import {
  CreateChangeSetCommand,
  CreateStackCommand,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { Config } from '@backstage/config';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { AwsStub } from 'aws-sdk-client-mock';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  accountsCatalog,
  awsAccount,
  bootstrapConfig,
  bootstrapPermissions,
  platformMember,
  TEMPLATE_DIR,
} from '../bootstrap/__testUtils__/bootstrapFixtures';
import {
  awsError,
  fakeCloudFormation,
} from '../bootstrap/__testUtils__/fakeCloudFormation';
import {
  readBootstrapConfig,
  readIacConfig,
} from '@platform-portal/platform-node';
import { createAwsBootstrapAccountAction } from './awsBootstrapAccount';

describe('platform:aws:bootstrap-account', () => {
  const workspace = createMockDirectory();
  let mock: AwsStub<any, any, any> | undefined;
  beforeEach(() => {
    workspace.clear();
    // As the template's fetch:plain step leaves it.
    cpSync(TEMPLATE_DIR, join(workspace.path, 'cloudformation'), {
      recursive: true,
    });
  });
  afterEach(() => mock?.restore());

  async function run(
    input: Record<string, unknown>,
    opts: {
      member?: boolean;
      config?: Config;
      isDryRun?: boolean;
      cfn?: Parameters<typeof fakeCloudFormation>[0];
    } = {},
  ) {
    const fake = fakeCloudFormation(opts.cfn ?? {});
    mock = fake.mock;
    const action = createAwsBootstrapAccountAction({
      catalog: accountsCatalog(),
      permissions: bootstrapPermissions(opts.member ?? true),
      platformTeam: 'group:default/platform-team',
      iac: readIacConfig(opts.config ?? bootstrapConfig()),
      bootstrap: readBootstrapConfig(opts.config ?? bootstrapConfig()),
      cloudFormation: async () => fake.client,
    });
    const ctx = {
      ...createMockActionContext({
        input: input as any,
        workspacePath: workspace.path,
      }),
      // createMockActionContext leaves these out.
      isDryRun: opts.isDryRun ?? false,
      getInitiatorCredentials: async () => platformMember(),
    };
    const outputs: Record<string, unknown> = {};
    (ctx.output as jest.Mock).mockImplementation((k: string, v: unknown) => {
      outputs[k] = v;
    });
    const logs: string[] = [];
    jest.spyOn(ctx.logger, 'info').mockImplementation((m: any) => {
      logs.push(String(m));
      return ctx.logger;
    });
    const done = action.handler(ctx as any);
    return { done, outputs, logs, cfn: fake.mock, fake };
  }
  const parametersOf = (cfn: AwsStub<any, any, any>) =>
    Object.fromEntries(
      cfn
        .commandCalls(CreateStackCommand)[0]
        .args[0].input.Parameters!.map((p: any) => [
          p.ParameterKey,
          p.ParameterValue,
        ]),
    );

  it('refuses a non-member of platform-team before any AWS call', async () => {
    const { done, cfn } = await run(
      { account: 'resource:default/dev-account' },
      { member: false },
    );
    await expect(done).rejects.toThrow(
      'platform.account.bootstrap: bootstrapping an AWS account requires membership in group:default/platform-team',
    );
    await expect(done).rejects.toMatchObject({ name: 'NotAllowedError' });
    expect(cfn.calls()).toHaveLength(0);
  });

  it('creates the stack of a workload account from the workspace template', async () => {
    const { done, outputs, logs, cfn } = await run({
      account: 'resource:default/dev-account',
    });
    await done;
    const create = cfn.commandCalls(CreateStackCommand)[0].args[0].input;
    expect(create.StackName).toBe('platform-bootstrap');
    expect(create.TemplateBody).toContain('Platform Portal account bootstrap');
    expect(parametersOf(cfn)).toMatchObject({
      AccountRole: 'workload',
      GitHubOrg: 'acme',
      GitHubRepo: 'infrastructure',
      StateAccountId: '000000000002',
      StateBucketName: '',
    });
    expect(outputs).toMatchObject({
      stackName: 'platform-bootstrap',
      status: 'CREATE_COMPLETE',
      changed: true,
      operation: 'create',
      accountId: '000000000003',
      region: 'eu-west-1',
      outputs: {
        DeployRoleArn: 'arn:aws:iam::000000000003:role/terraform-deploy',
      },
    });
    expect(logs.join('\n')).toMatch(
      /shared account shared-account \(000000000002\) may assume its deploy role/,
    );
  });

  it('gives the shared account the state bucket named like the environments expect', async () => {
    const { done, cfn } = await run({
      account: 'resource:default/shared-account',
    });
    await done;
    expect(parametersOf(cfn)).toMatchObject({
      AccountRole: 'shared',
      StateAccountId: '',
      StateBucketName: 'tfstate-000000000002-eu-west-1',
    });
  });

  it('falls back to platform.iac.stateAccount (default shared-account) when no account is annotated shared', async () => {
    const fake = fakeCloudFormation({});
    mock = fake.mock;
    const action = createAwsBootstrapAccountAction({
      catalog: catalogServiceMock({
        entities: [
          awsAccount('shared-account', '000000000002'),
          awsAccount('dev-account', '000000000003'),
        ],
      }),
      permissions: bootstrapPermissions(true),
      platformTeam: 'group:default/platform-team',
      iac: readIacConfig(bootstrapConfig()),
      bootstrap: readBootstrapConfig(bootstrapConfig()),
      cloudFormation: async () => fake.client,
    });
    const ctx = {
      ...createMockActionContext({
        input: { account: 'resource:default/shared-account' },
        workspacePath: workspace.path,
      }),
      getInitiatorCredentials: async () => platformMember(),
    };
    await action.handler(ctx as any);
    expect(parametersOf(fake.mock)).toMatchObject({
      AccountRole: 'shared',
      StateBucketName: 'tfstate-000000000002-eu-west-1',
    });
  });

  it('reports an unchanged stack as success with changed false', async () => {
    const { done, outputs } = await run(
      { account: 'resource:default/dev-account' },
      {
        cfn: { existing: { status: 'CREATE_COMPLETE' }, update: 'no-updates' },
      },
    );
    await done;
    expect(outputs).toMatchObject({
      status: 'CREATE_COMPLETE',
      changed: false,
      operation: 'none',
    });
  });

  it('names the failing resource when the stack rolls back', async () => {
    const { done } = await run(
      { account: 'resource:default/dev-account' },
      {
        cfn: {
          create: {
            events: [
              {
                resource: 'DeployRole',
                type: 'AWS::IAM::Role',
                status: 'CREATE_FAILED',
                reason: 'Role terraform-deploy already exists',
              },
            ],
            final: 'ROLLBACK_COMPLETE',
          },
        },
      },
    );
    await expect(done).rejects.toThrow(
      /ROLLBACK_COMPLETE\. Failing resource: DeployRole \(AWS::IAM::Role\) CREATE_FAILED: Role terraform-deploy already exists/,
    );
  });

  it('prints the change set on a dry run and never creates the stack', async () => {
    const { done, outputs, logs, cfn } = await run(
      { account: 'resource:default/dev-account' },
      {
        isDryRun: true,
        cfn: {
          changeSet: {
            status: 'CREATE_COMPLETE',
            changes: [
              { action: 'Add', id: 'DeployRole', type: 'AWS::IAM::Role' },
            ],
          },
        },
      },
    );
    await done;
    expect(cfn.commandCalls(CreateChangeSetCommand)).toHaveLength(1);
    expect(cfn.commandCalls(CreateStackCommand)).toHaveLength(0);
    expect(outputs).toMatchObject({
      status: 'DRY_RUN',
      changed: true,
      changes: [
        {
          action: 'Add',
          logicalResourceId: 'DeployRole',
          resourceType: 'AWS::IAM::Role',
        },
      ],
    });
    expect(logs).toContain('  Add DeployRole (AWS::IAM::Role)');
  });

  it.each([
    [
      { templatePath: '../../etc/passwd.yaml' },
      /templatePath '..\/..\/etc\/passwd.yaml' must stay inside the task workspace/,
    ],
    [
      { templatePath: 'cloudformation/missing.yaml' },
      /templatePath: 'cloudformation\/missing.yaml' is not in the workspace/,
    ],
    [
      { templatePath: 'cloudformation/platform-bootstrap.sh' },
      /templatePath must name a .yaml/,
    ],
    [{ stackName: 'platform bootstrap' }, /stackName must start with a letter/],
    [
      { account: 'resource:default/nope' },
      /account: 'resource:default\/nope' is not an aws-account resource/,
    ],
    [{ repository: 'acme' }, /repository must be <org>\/<repo>/],
    [
      {
        existingOidcProviderArn:
          'arn:aws:iam::000000000003:oidc-provider/gitlab.com',
      },
      /existingOidcProviderArn must be empty or the ARN/,
    ],
  ])(
    'refuses bad input %o naming the field, before any AWS call',
    async (change, message) => {
      const { done, cfn } = await run({
        account: 'resource:default/dev-account',
        ...change,
      });
      await expect(done).rejects.toThrow(message);
      await expect(done).rejects.toMatchObject({ name: 'InputError' });
      expect(cfn.calls()).toHaveLength(0);
    },
  );

  it('names the missing config key', async () => {
    const { done, cfn } = await run(
      { account: 'resource:default/dev-account' },
      { config: bootstrapConfig({ externalId: undefined }) },
    );
    await expect(done).rejects.toThrow(
      /platform\.bootstrap\.externalId is not configured/,
    );
    expect(cfn.calls()).toHaveLength(0);
  });

  it('says what to do when AWS throttling outlasts the retries', async () => {
    const fakeRun = await run({ account: 'resource:default/dev-account' });
    fakeRun.cfn.on(DescribeStacksCommand).rejects(
      Object.assign(awsError('Throttling', 'Rate exceeded'), {
        $metadata: { attempts: 5 },
      }),
    );
    await expect(fakeRun.done).rejects.toThrow(
      'AWS kept throttling CloudFormation calls (5 attempts): Rate exceeded. Nothing is lost; run the template again in a few minutes.',
    );
  });
});
