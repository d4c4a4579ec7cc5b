import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  InfrastructureRepository,
  LocalInfrastructureRepository,
} from '@platform-portal/platform-node';
import { mockInfrastructureRepository } from '@platform-portal/platform-node/testUtils';
import {
  accountsCatalog,
  bootstrapPermissions,
  platformMember,
} from '../bootstrap/__testUtils__/bootstrapFixtures';
import { createAwsRecordBootstrapAction } from './awsRecordBootstrap';

const STACK_ID =
  'arn:aws:cloudformation:eu-west-1:000000000003:stack/platform-bootstrap/5a3f0c1e-0000-4000-8000-000000000001';
const input = {
  account: 'resource:default/dev-account',
  stackId: STACK_ID,
  region: 'eu-west-1',
  outputs: {
    PortalReadOnlyRoleArn:
      'arn:aws:iam::000000000003:role/platform-portal-read',
    PlanRoleArn: 'arn:aws:iam::000000000003:role/terraform-plan',
    ApplyRoleArn: 'arn:aws:iam::000000000003:role/terraform-apply',
    OidcProviderArn:
      'arn:aws:iam::000000000003:oidc-provider/token.actions.githubusercontent.com',
  },
};

async function run(
  repository: InfrastructureRepository,
  overrides: Record<string, unknown> = {},
  opts: { member?: boolean; isDryRun?: boolean } = {},
) {
  const catalog = accountsCatalog();
  const refresh = jest.spyOn(catalog, 'refreshEntity');
  const action = createAwsRecordBootstrapAction({
    catalog,
    permissions: bootstrapPermissions(opts.member ?? true),
    platformTeam: 'group:default/platform-team',
    repository,
  });
  const ctx = {
    ...createMockActionContext({ input: { ...input, ...overrides } as any }),
    isDryRun: opts.isDryRun ?? false,
    getInitiatorCredentials: async () => platformMember(),
  };
  const outputs: Record<string, unknown> = {};
  (ctx.output as jest.Mock).mockImplementation((k: string, v: unknown) => {
    outputs[k] = v;
  });
  await action.handler(ctx as any);
  return { outputs, refresh };
}

describe('platform:aws:record-bootstrap', () => {
  it('opens a pull request from bootstrap/<account> on a GitHub-like target', async () => {
    const { repository, proposed: published } = mockInfrastructureRepository({
      kind: 'github',
    });
    const { outputs, refresh } = await run(repository);
    expect(published).toHaveLength(1);
    expect(published[0].branch).toBe('bootstrap/dev-account');
    expect(JSON.parse(published[0].files['accounts/dev-account.json'])).toEqual(
      {
        account: 'dev-account',
        accountId: '000000000003',
        region: 'eu-west-1',
        stackName: 'platform-bootstrap',
        stackId: STACK_ID,
        outputs: input.outputs,
      },
    );
    expect(outputs).toMatchObject({
      changed: true,
      path: 'accounts/dev-account.json',
    });
    expect(refresh).toHaveBeenCalledWith(
      'resource:default/dev-account',
      expect.anything(),
    );
  });

  describe('on the local repository', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'record-bootstrap-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('commits to the base branch, and a second run with the same outputs commits nothing', async () => {
      const repo = join(dir, 'infrastructure.git');
      const repository = new LocalInfrastructureRepository(repo, 'main');
      const first = await run(repository);
      expect(first.outputs.changed).toBe(true);
      const git = (...args: string[]) =>
        execFileSync('git', ['--git-dir', repo, ...args], {
          encoding: 'utf8',
        }).trim();
      const head = git('rev-parse', 'main');
      expect(
        JSON.parse(git('show', 'main:accounts/dev-account.json')).outputs
          .ApplyRoleArn,
      ).toBe('arn:aws:iam::000000000003:role/terraform-apply');
      const second = await run(repository);
      expect(second.outputs.changed).toBe(false);
      expect(git('rev-parse', 'main')).toBe(head);
    });
  });

  it('refuses a non-member of platform-team without publishing', async () => {
    const { repository, proposed: published } = mockInfrastructureRepository();
    await expect(run(repository, {}, { member: false })).rejects.toThrow(
      /platform\.account\.bootstrap: bootstrapping an AWS account requires membership/,
    );
    expect(published).toHaveLength(0);
  });

  it.each([
    [
      { stackId: 'platform-bootstrap' },
      /stackId must be a CloudFormation stack ARN/,
    ],
    [
      { stackId: STACK_ID.replace('000000000003', '000000000005') },
      /stackId belongs to account 000000000005, not to dev-account \(000000000003\)/,
    ],
    [
      { outputs: { DeployRoleArn: 'x', PortalReadOnlyRoleArn: 'y' } },
      /outputs must hold PlanRoleArn, ApplyRoleArn, PortalReadOnlyRoleArn .*; missing PlanRoleArn, ApplyRoleArn/,
    ],
  ])(
    'refuses %o naming the field, publishing nothing',
    async (change, message) => {
      const { repository, proposed: published } =
        mockInfrastructureRepository();
      await expect(run(repository, change)).rejects.toThrow(message);
      expect(published).toHaveLength(0);
    },
  );

  it('only says what it would commit on a dry run', async () => {
    const { repository, proposed: published } = mockInfrastructureRepository();
    const { outputs } = await run(repository, {}, { isDryRun: true });
    expect(published).toHaveLength(0);
    expect(outputs).toMatchObject({ changed: true, branch: 'main' });
  });
});
