import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve as resolvePath } from 'node:path';
import {
  InfrastructureRepository,
  LocalInfrastructureRepository,
} from '@platform-portal/platform-node';
import { mockInfrastructureRepository } from '@platform-portal/platform-node/testUtils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  awsAccount,
  bootstrapPermissions,
  platformMember,
} from '../bootstrap/__testUtils__/bootstrapFixtures';
import { OrganizationSettings } from './organizationFiles';
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

/** What the template's fetch step puts into the workspace. */
const ACCOUNT_LIBRARY = resolvePath(
  __dirname,
  '../../../../templates/aws-account-bootstrap/terraform/modules',
);
const workspaces: string[] = [];
afterAll(() =>
  workspaces.forEach(w => rmSync(w, { recursive: true, force: true })),
);

function workspace(withLibrary: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'record-bootstrap-ws-'));
  workspaces.push(dir);
  if (withLibrary)
    cpSync(ACCOUNT_LIBRARY, join(dir, 'modules'), { recursive: true });
  return dir;
}

const ROOT_FILES = [
  'backend.tf',
  'main.tf',
  'terraform.tfvars',
  'variables.tf',
  'versions.tf',
];

async function run(
  repository: InfrastructureRepository,
  overrides: Record<string, unknown> = {},
  opts: {
    member?: boolean;
    isDryRun?: boolean;
    library?: boolean;
    baselineRegions?: string[];
    organization?: OrganizationSettings;
    ownerEmail?: string;
  } = {},
) {
  const catalog = catalogServiceMock({
    entities: [
      awsAccount('org-root-account', '000000000001', 'management'),
      awsAccount('shared-account', '000000000002', 'shared'),
      awsAccount('dev-account', '000000000003'),
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: 'platform-team' },
        spec: {
          type: 'team',
          children: [],
          ...(opts.ownerEmail ? { profile: { email: opts.ownerEmail } } : {}),
        },
      },
    ],
  });
  const refresh = jest.spyOn(catalog, 'refreshEntity');
  const action = createAwsRecordBootstrapAction({
    catalog,
    permissions: bootstrapPermissions(opts.member ?? true),
    platformTeam: 'group:default/platform-team',
    repository,
    iac: {
      stateAccount: 'shared-account',
      stateBucketPattern: 'tfstate-{accountId}-{region}',
    },
    baselineRegions: opts.baselineRegions,
    organization: opts.organization,
  });
  const ctx = {
    ...createMockActionContext({
      input: { ...input, ...overrides } as any,
      workspacePath: workspace(opts.library ?? true),
    }),
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
      baselineRoots: ['accounts/dev-account/eu-west-1'],
    });
    expect(refresh).toHaveBeenCalledWith(
      'resource:default/dev-account',
      expect.anything(),
    );
  });

  it('commits the account baseline root and the account module library in the same change', async () => {
    const { repository, proposed } = mockInfrastructureRepository({
      kind: 'github',
    });
    await run(repository);
    const files = proposed[0].files;
    const paths = Object.keys(files);
    expect(
      paths.filter(p => p.startsWith('accounts/dev-account/')).sort(),
    ).toEqual(ROOT_FILES.map(f => `accounts/dev-account/eu-west-1/${f}`));
    expect(paths).toEqual(
      expect.arrayContaining([
        'modules/account-baseline/main.tf',
        'modules/account-baseline/services.tf',
        'modules/organization-guardrails/main.tf',
      ]),
    );
    expect(proposed[0].replaceFolders).toEqual([
      'accounts/dev-account/eu-west-1',
    ]);
    // State in the shared account's bucket; the pipeline assumes the role in dev-account.
    const root = 'accounts/dev-account/eu-west-1';
    expect(files[`${root}/backend.tf`]).toContain(
      'bucket       = "tfstate-000000000002-eu-west-1"',
    );
    expect(files[`${root}/backend.tf`]).toContain(
      `key          = "${root}/terraform.tfstate"`,
    );
    expect(files[`${root}/versions.tf`]).toContain(
      'role_arn     = "arn:aws:iam::000000000003:role/${var.pipeline_role_name}"',
    );
    expect(files[`${root}/main.tf`]).toMatch(
      /create_service_linked_roles = true/,
    );
    expect(proposed[0].pullRequest.body).toContain(`\`${root}/\``);
  });

  it('renders one root per region, the home region first, the service-linked role only there', async () => {
    const { repository, proposed } = mockInfrastructureRepository();
    const { outputs } = await run(
      repository,
      { regions: ['eu-central-1', 'eu-west-1'] },
      { baselineRegions: ['us-east-1'] },
    );
    expect(outputs.baselineRoots).toEqual([
      'accounts/dev-account/eu-west-1',
      'accounts/dev-account/eu-central-1',
    ]);
    const main = proposed[0].files['accounts/dev-account/eu-central-1/main.tf'];
    expect(main).toMatch(/create_service_linked_roles = false/);
    expect(
      proposed[0].files['accounts/dev-account/eu-central-1/terraform.tfvars'],
    ).toContain('home_region = "eu-west-1"');
    // Without the input, platform.bootstrap.baselineRegions decides.
    const second = mockInfrastructureRepository();
    const again = await run(
      second.repository,
      {},
      { baselineRegions: ['us-east-1'] },
    );
    expect(again.outputs.baselineRoots).toEqual([
      'accounts/dev-account/eu-west-1',
      'accounts/dev-account/us-east-1',
    ]);
  });

  describe('with platform.bootstrap.organization', () => {
    const organization: OrganizationSettings = {
      policyTargetIds: ['r-ab12'],
      allowedRegions: ['eu-west-1', 'eu-central-1'],
      budgets: {
        'dev-account': { monthlyUsd: 1500, emails: ['orders@example.com'] },
        'shared-account': { monthlyUsd: 800 },
      },
      deployerRoleNames: ['OrganizationAccountAccessRole'],
    };
    const management = {
      account: 'resource:default/org-root-account',
      stackId: STACK_ID.replace('000000000003', '000000000001'),
    };

    it("writes organization/ with the management account's record, alerts to the owning team", async () => {
      const { repository, proposed } = mockInfrastructureRepository();
      await run(repository, management, {
        organization,
        ownerEmail: 'platform@example.com',
      });
      const files = proposed[0].files;
      expect(
        Object.keys(files)
          .filter(p => p.startsWith('organization/'))
          .sort(),
      ).toEqual(ROOT_FILES.map(f => `organization/${f}`));
      const tfvars = files['organization/terraform.tfvars'];
      expect(tfvars).toContain('policy_target_ids = ["r-ab12"]');
      expect(tfvars).toMatch(
        /dev-account = \{\s+account_id\s+= "000000000003"\s+monthly_budget_usd = 1500\s+alert_emails\s+= \["orders@example.com"\]/,
      );
      expect(tfvars).toMatch(
        /shared-account = \{\s+account_id\s+= "000000000002"\s+monthly_budget_usd = 800\s+alert_emails\s+= \["platform@example.com"\]/,
      );
      expect(files['organization/versions.tf']).toContain(
        'allowed_account_ids = ["000000000001"]',
      );
      expect(proposed[0].replaceFolders).toContain('organization');
    });

    it('writes no organization/ for any other account', async () => {
      const { repository, proposed } = mockInfrastructureRepository();
      await run(
        repository,
        {},
        { organization, ownerEmail: 'platform@example.com' },
      );
      expect(
        Object.keys(proposed[0].files).filter(p =>
          p.startsWith('organization/'),
        ),
      ).toEqual([]);
    });

    it('refuses a budget nobody would be alerted about, publishing nothing', async () => {
      const { repository, proposed } = mockInfrastructureRepository();
      await expect(
        run(repository, management, { organization }),
      ).rejects.toThrow(
        /platform\.bootstrap\.organization\.budgets\.shared-account: no emails, and the owner of shared-account has no spec\.profile\.email/,
      );
      expect(proposed).toHaveLength(0);
    });
  });

  it('adds no library folder the base branch has already', async () => {
    const { repository, proposed } = mockInfrastructureRepository({
      base: {
        'modules/account-baseline/main.tf': 'kept as reviewed',
        'modules/organization-guardrails/main.tf': 'kept as reviewed',
      },
    });
    await run(repository, {}, { library: false });
    expect(
      Object.keys(proposed[0].files).filter(p => p.startsWith('modules/')),
    ).toEqual([]);
  });

  it('refuses, publishing nothing, when a root would call a library folder that exists nowhere', async () => {
    const { repository, proposed } = mockInfrastructureRepository();
    await expect(run(repository, {}, { library: false })).rejects.toThrow(
      /modules\/account-baseline is neither on the base branch of memory nor in the task workspace/,
    );
    expect(proposed).toHaveLength(0);
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
      expect(
        git('show', 'main:accounts/dev-account/eu-west-1/main.tf'),
      ).toContain('source = "../../../modules/account-baseline"');
      expect(
        git('cat-file', '-e', 'main:modules/account-baseline/services.tf'),
      ).toBe('');
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
    [
      { regions: ['eu-west-1/../x'] },
      /account baseline: region: 'eu-west-1\/\.\.\/x' does not match/,
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
