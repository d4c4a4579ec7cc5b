import {
  CreateChangeSetCommand,
  CreateStackCommand,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { Config } from '@backstage/config';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { AwsStub } from 'aws-sdk-client-mock';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  accountsCatalog,
  awsAccount,
  bootstrapConfig,
  bootstrapPermissions,
  platformMember,
} from '../bootstrap/__testUtils__/bootstrapFixtures';
import {
  TEMPLATE_FILE,
  templateText,
} from '../bootstrap/__testUtils__/repositoryTemplate';
import {
  BundledTemplate,
  loadBundledTemplate,
} from '../bootstrap/bundledTemplate';
import { readWorkloadAccounts } from '../bootstrap/workloadAccountsConfig';
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
  let bundled: BundledTemplate;
  beforeAll(async () => {
    bundled = await loadBundledTemplate(TEMPLATE_FILE);
  });
  beforeEach(() => {
    workspace.clear();
    // What an earlier step of a hostile template could leave in the workspace: never deployed.
    mkdirSync(join(workspace.path, 'cloudformation'));
    writeFileSync(
      join(workspace.path, 'cloudformation/platform-bootstrap.yaml'),
      'Resources:\n  Backdoor:\n    Type: AWS::IAM::User\n',
    );
  });
  afterEach(() => mock?.restore());

  async function run(
    input: Record<string, unknown>,
    opts: {
      member?: boolean;
      config?: Config;
      isDryRun?: boolean;
      cfn?: Parameters<typeof fakeCloudFormation>[0];
      catalog?: ReturnType<typeof accountsCatalog>;
      template?: BundledTemplate;
    } = {},
  ) {
    const fake = fakeCloudFormation(opts.cfn ?? {});
    mock = fake.mock;
    const config = opts.config ?? bootstrapConfig();
    const action = createAwsBootstrapAccountAction({
      catalog: opts.catalog ?? accountsCatalog(),
      permissions: bootstrapPermissions(opts.member ?? true),
      platformTeam: 'group:default/platform-team',
      iac: readIacConfig(config),
      bootstrap: readBootstrapConfig(config),
      workloadAccounts: readWorkloadAccounts(config),
      template: opts.template ?? bundled,
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

  it('creates the stack of a workload account from the bundled template, never the workspace copy', async () => {
    const { done, outputs, logs, cfn } = await run({
      account: 'resource:default/dev-account',
    });
    await done;
    const create = cfn.commandCalls(CreateStackCommand)[0].args[0].input;
    expect(create.StackName).toBe('platform-bootstrap');
    expect(create.TemplateBody).toBe(templateText);
    expect(create.Tags).toContainEqual({
      Key: 'platform-portal.io/bootstrap-template-sha256',
      Value: bundled.sha256,
    });
    expect(parametersOf(cfn)).toMatchObject({
      AccountRole: 'workload',
      GitHubOrg: 'acme',
      GitHubRepo: 'infrastructure',
      StateAccountId: '000000000002',
      StateBucketName: '',
      WorkloadAccountIds: '',
      ApplyEnvironmentSubjects:
        'repo:acme/infrastructure:environment:dev-account',
    });
    expect(outputs).toMatchObject({
      stackName: 'platform-bootstrap',
      status: 'CREATE_COMPLETE',
      changed: true,
      operation: 'create',
      accountId: '000000000003',
      region: 'eu-west-1',
      templateSha256: bundled.sha256,
      outputs: {
        ApplyRoleArn: 'arn:aws:iam::000000000003:role/terraform-apply',
      },
    });
    expect(logs.join('\n')).toMatch(
      /the state account shared-account \(000000000002, platform\.iac\.stateAccount\) may assume its terraform-plan and terraform-apply/,
    );
    expect(logs).toContain(
      `Template: the bundled platform-bootstrap.yaml, sha256 ${bundled.sha256}`,
    );
  });

  it('gives the shared account the state bucket and reach into the configured accounts only', async () => {
    const { done, cfn } = await run(
      { account: 'resource:default/shared-account' },
      { config: bootstrapConfig({ workloadAccounts: ['dev-account'] }) },
    );
    await done;
    expect(parametersOf(cfn)).toMatchObject({
      AccountRole: 'shared',
      StateAccountId: '',
      StateBucketName: 'tfstate-000000000002-eu-west-1',
      WorkloadAccountIds: '000000000003',
      ApplyEnvironmentSubjects:
        'repo:acme/infrastructure:environment:shared-account,repo:acme/infrastructure:environment:dev-account',
    });
  });

  describe('takes the state account from platform.iac.stateAccount only', () => {
    // A user-registered entity claiming to be the state account, with the user's own account id.
    const withRogue = () =>
      catalogServiceMock({
        entities: [
          awsAccount('shared-account', '000000000002'),
          awsAccount('dev-account', '000000000003'),
          awsAccount('rogue-shared', '000000000666', 'shared'),
        ],
      });

    it('ignores an entity annotated shared: the workload still trusts the configured account', async () => {
      const { done, cfn } = await run(
        { account: 'resource:default/dev-account' },
        { catalog: withRogue() },
      );
      await done;
      expect(parametersOf(cfn)).toMatchObject({
        AccountRole: 'workload',
        StateAccountId: '000000000002',
      });
    });

    it('refuses to give that entity a state bucket, naming the annotation and the config key', async () => {
      const { done, cfn } = await run(
        { account: 'resource:default/rogue-shared' },
        { catalog: withRogue() },
      );
      await expect(done).rejects.toThrow(
        "account: resource:default/rogue-shared has platform-portal.io/account-role 'shared', but only platform.iac.stateAccount ('shared-account', 000000000002) holds Terraform state",
      );
      await expect(done).rejects.toMatchObject({ name: 'InputError' });
      expect(cfn.calls()).toHaveLength(0);
    });
  });

  it('refuses a template whose digest no longer matches the one taken at start-up', async () => {
    const { done, cfn } = await run(
      { account: 'resource:default/dev-account' },
      { template: { ...bundled, body: `${bundled.body}# changed\n` } },
    );
    await expect(done).rejects.toThrow(
      /The bootstrap template to deploy has sha256 [0-9a-f]{64}, not [0-9a-f]{64} of the bundled .*platform-bootstrap\.yaml; refusing to deploy it/,
    );
    expect(cfn.calls()).toHaveLength(0);
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
                resource: 'TerraformApplyRole',
                type: 'AWS::IAM::Role',
                status: 'CREATE_FAILED',
                reason: 'Role terraform-apply already exists',
              },
            ],
            final: 'ROLLBACK_COMPLETE',
          },
        },
      },
    );
    await expect(done).rejects.toThrow(
      /ROLLBACK_COMPLETE\. Failing resource: TerraformApplyRole \(AWS::IAM::Role\) CREATE_FAILED: Role terraform-apply already exists/,
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
              {
                action: 'Add',
                id: 'TerraformApplyRole',
                type: 'AWS::IAM::Role',
              },
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
          logicalResourceId: 'TerraformApplyRole',
          resourceType: 'AWS::IAM::Role',
        },
      ],
    });
    expect(logs).toContain('  Add TerraformApplyRole (AWS::IAM::Role)');
  });

  it.each([
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

  it('names the config key of an account it cannot resolve', async () => {
    const { done, cfn } = await run(
      { account: 'resource:default/shared-account' },
      {
        config: bootstrapConfig({ workloadAccounts: ['dev-account', 'nope'] }),
      },
    );
    await expect(done).rejects.toThrow(
      "platform.bootstrap.workloadAccounts[1]: 'resource:default/nope' is not an aws-account resource in the catalog",
    );
    expect(cfn.calls()).toHaveLength(0);
  });

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
