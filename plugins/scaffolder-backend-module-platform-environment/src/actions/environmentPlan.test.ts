import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { cpSync, readdirSync, symlinkSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import {
  account,
  catalogInfo,
  catalogWith,
  config,
  devInput,
  environment,
  guardFor,
  planTokens,
  repositoryWith,
  userCredentials,
} from '../__testUtils__/fixtures';
import { readFiles, readIacConfig } from '@platform-portal/platform-node';
import { renderedTreeDigest } from '@platform-portal/platform-iac';
import { createEnvironmentPlanAction } from './environmentPlan';

describe('platform:environment:plan', () => {
  const workspace = createMockDirectory();
  const library = resolvePath(
    __dirname,
    '../../../../templates/aws-environment/modules',
  );
  // As the template's first step (fetch:plain) leaves it.
  beforeEach(() => {
    workspace.clear();
    cpSync(library, resolvePath(workspace.path, 'modules'), {
      recursive: true,
    });
  });

  const run = async (
    input: Record<string, unknown>,
    opts: {
      member?: boolean;
      catalog?: ReturnType<typeof catalogWith>;
      base?: Record<string, string>;
      branches?: Record<string, Record<string, string>>;
    } = {},
  ) => {
    const catalog = opts.catalog ?? catalogWith();
    const { repository } = repositoryWith({
      base: opts.base,
      branches: opts.branches,
    });
    const action = createEnvironmentPlanAction({
      catalog,
      iac: readIacConfig(config),
      repository,
      guard: guardFor({ member: opts.member ?? false, catalog, repository }),
      planTokens,
    });
    const ctx = {
      ...createMockActionContext({
        input: input as any,
        workspacePath: workspace.path,
      }),
      getInitiatorCredentials: async () => userCredentials(),
    };
    await action.handler(ctx);
    return ctx;
  };
  const output = (ctx: { output: unknown }, key: string) =>
    (ctx.output as jest.Mock).mock.calls.find(([k]) => k === key)?.[1];
  const written = () =>
    readdirSync(workspace.path, { recursive: true })
      .map(String)
      .filter(p => !p.startsWith('modules'));

  it('renders a dev environment into the workspace and outputs the plan summary', async () => {
    const ctx = await run(devInput);
    const files = written();
    for (const f of [
      'main.tf',
      'versions.tf',
      'backend.tf',
      'variables.tf',
      'outputs.tf',
      'terraform.tfvars',
      'README.md',
      'catalog-info.yaml',
    ]) {
      expect(files).toContain(`environments/qa/${f}`);
    }
    expect(
      files.some(f => f.startsWith('environments/qa/cluster/karpenter/')),
    ).toBe(true);
    const summary = (ctx.output as jest.Mock).mock.calls.find(
      ([k]) => k === 'summary',
    )[1];
    expect(summary).toMatchObject({
      name: 'qa',
      tier: 'dev',
      vpcCidr: '10.0.0.0/16',
      account: 'dev-account (000000000003)',
    });
    expect(summary.subnets).toHaveLength(3);
    expect(summary.monthlyCostUsd).toBeGreaterThan(0);
    expect(summary.policies.every((p: { passed: boolean }) => p.passed)).toBe(
      true,
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'environmentPath',
      'environments/qa',
    );
  });

  it('allocates the next free block around existing environments', async () => {
    const ctx = await run(devInput, {
      catalog: catalogWith(environment('staging', '10.0.0.0/16')),
    });
    const summary = (ctx.output as jest.Mock).mock.calls.find(
      ([k]) => k === 'summary',
    )[1];
    expect(summary.vpcCidr).toBe('10.1.0.0/16');
  });

  it('refuses an explicit block that overlaps another environment, naming it', async () => {
    await expect(
      run(
        { ...devInput, cidr: '10.0.0.0/16' },
        { catalog: catalogWith(environment('staging', '10.0.0.0/16')) },
      ),
    ).rejects.toThrow(/network\.cidr.*staging.*10\.0\.0\.0\/16/);
    expect(written()).toEqual([]);
  });

  it('refuses a prod environment to a non-member of platform-team, writing nothing', async () => {
    await expect(
      run({
        ...devInput,
        name: 'live',
        tier: 'prod',
        account: 'resource:default/prod-account',
        singleNatGateway: false,
      }),
    ).rejects.toThrow(
      'tier: creating a prod-tier environment requires membership in group:default/platform-team',
    );
    expect(written()).toEqual([]);
  });

  it('plans a prod environment for a platform-team member with the prod rules applied', async () => {
    const ctx = await run(
      {
        ...devInput,
        name: 'live',
        tier: 'prod',
        account: 'resource:default/prod-account',
        singleNatGateway: false,
      },
      { member: true },
    );
    const summary = (ctx.output as jest.Mock).mock.calls.find(
      ([k]) => k === 'summary',
    )[1];
    expect(summary.tier).toBe('prod');
    expect(written()).toContain('environments/live/main.tf');
  });

  it('refuses a duplicate environment unless update is set', async () => {
    const catalog = catalogWith(environment('qa', '10.9.0.0/16'));
    await expect(run(devInput, { catalog })).rejects.toThrow(
      /name: environment 'qa' already exists \(catalog\)/,
    );
    await expect(
      run({ ...devInput, update: true }, { catalog }),
    ).resolves.toBeDefined();
  });

  it('sees environments that exist only in the infrastructure repository', async () => {
    await expect(
      run(devInput, {
        base: { 'environments/qa/catalog-info.yaml': catalogInfo('qa', 'dev') },
      }),
    ).rejects.toThrow(/already exists \(repository memory\)/);
  });

  it('rejects an account that is not an aws-account resource', async () => {
    await expect(
      run({ ...devInput, account: 'resource:default/nope' }),
    ).rejects.toThrow(
      "account: 'resource:default/nope' is not an aws-account resource in the catalog",
    );
  });

  it.each([
    ['name', { name: 'QA!' }],
    ['domain', { domain: 'qa.example.com"\n  evil = true' }],
    ['domain', { domain: '${file("/etc/passwd")}' }],
    ['domain', { domain: '{{ parameters.x }}' }],
    ['database.backupRetentionDays', { database: { backupRetentionDays: 3 } }],
  ])('rejects bad input in %s and writes nothing', async (field, bad) => {
    await expect(run({ ...devInput, ...bad })).rejects.toThrow(field);
    expect(written()).toEqual([]);
  });

  it('outputs a token that binds the rendered tree and the module library to this task', async () => {
    const ctx = await run(devInput);
    const digest = output(ctx, 'digest');
    expect(digest).toBe(
      renderedTreeDigest(await readFiles(workspace.path), 'qa'),
    );
    expect(planTokens.verify(output(ctx, 'planToken'))).toEqual({
      task: 'mock-task-id',
      environment: 'qa',
      tier: 'dev',
      account: { name: 'dev-account', accountId: '000000000003' },
      digest,
    });
  });

  describe('effective tier: the stricter of the request and the existing environment', () => {
    const update = { ...devInput, update: true };
    const prodCatalog = () =>
      catalogWith(environment('qa', '10.9.0.0/16', 'prod'));

    it('refuses tier dev on an existing prod environment to a non-member, naming where it is prod', async () => {
      const error = await run(update, { catalog: prodCatalog() }).catch(e => e);
      expect(error.name).toBe('NotAllowedError');
      expect(error.message).toBe(
        "tier: environment 'qa' is prod-tier (catalog resource:default/qa); changing it requires membership in group:default/platform-team",
      );
      // One line in the task log: the scaffolder prints error.stack.
      expect(error.stack).toBe(`NotAllowedError: ${error.message}`);
      expect(written()).toEqual([]);
    });

    it('refuses a platform-team member too: an update never lowers the tier', async () => {
      await expect(
        run(update, { catalog: prodCatalog(), member: true }),
      ).rejects.toThrow(
        "tier: environment 'qa' is prod-tier (catalog resource:default/qa); an update never lowers the tier, so request tier prod, not dev",
      );
      expect(written()).toEqual([]);
    });

    it.each([
      [
        'the base branch',
        {
          base: {
            'environments/qa/catalog-info.yaml': catalogInfo('qa', 'prod'),
          },
        },
        'main:environments/qa/catalog-info.yaml of memory',
      ],
      [
        'an open env/qa branch',
        {
          branches: {
            'env/qa': {
              'environments/qa/catalog-info.yaml': catalogInfo('qa', 'prod'),
            },
          },
        },
        'env/qa:environments/qa/catalog-info.yaml of memory',
      ],
      [
        'a hand-edited file without a readable tier',
        {
          base: {
            'environments/qa/catalog-info.yaml': 'kind: Resource\n',
          },
        },
        'main:environments/qa/catalog-info.yaml of memory, which has no readable tier and counts as prod',
      ],
    ])('reads the existing tier from %s', async (_, where, source) => {
      await expect(run(update, where)).rejects.toThrow(
        `tier: environment 'qa' is prod-tier (${source}); changing it requires membership`,
      );
    });

    it('re-renders an existing prod environment as prod for a member who asks for prod', async () => {
      const ctx = await run(
        {
          ...update,
          tier: 'prod',
          account: 'resource:default/prod-account',
          singleNatGateway: false,
        },
        { catalog: prodCatalog(), member: true },
      );
      expect(output(ctx, 'summary').tier).toBe('prod');
    });

    it('needs the prod permission to raise a dev environment to prod', async () => {
      await expect(
        run({
          ...update,
          tier: 'prod',
          account: 'resource:default/prod-account',
          singleNatGateway: false,
        }),
      ).rejects.toThrow(
        'tier: creating a prod-tier environment requires membership in group:default/platform-team',
      );
    });
  });

  describe('the tier must match the account (platform.iac.productionAccounts)', () => {
    it('refuses a dev environment in the production account', async () => {
      await expect(
        run({ ...devInput, account: 'resource:default/prod-account' }),
      ).rejects.toThrow(
        'account: prod-account (000000000005) is the production account prod-account (platform.iac.productionAccounts); it takes only prod-tier environments, not dev',
      );
      expect(written()).toEqual([]);
    });

    it('compares ids: a look-alike entity carrying the production id is refused as well', async () => {
      await expect(
        run(
          { ...devInput, account: 'resource:default/look-alike' },
          { catalog: catalogWith(account('look-alike', '000000000005')) },
        ),
      ).rejects.toThrow(
        /^account: look-alike \(000000000005\) is the production account prod-account/,
      );
    });

    it('refuses a prod environment outside the production accounts, even to a member', async () => {
      await expect(
        run(
          { ...devInput, name: 'live', tier: 'prod', singleNatGateway: false },
          { member: true },
        ),
      ).rejects.toThrow(
        'account: a prod-tier environment goes into a production account (platform.iac.productionAccounts: prod-account), not dev-account (000000000003)',
      );
    });

    it('fails closed when a configured production account is not in the catalog', async () => {
      const { catalogServiceMock } = jest.requireActual(
        '@backstage/plugin-catalog-node/testUtils',
      );
      await expect(
        run(devInput, {
          catalog: catalogServiceMock({
            entities: [account('dev-account', '000000000003')],
          }),
        }),
      ).rejects.toThrow(
        "platform.iac.productionAccounts: 'resource:default/prod-account' is not an aws-account resource in the catalog",
      );
    });
  });

  it('refuses a module library that links out of the workspace', async () => {
    workspace.clear();
    symlinkSync(library, resolvePath(workspace.path, 'modules'));
    await expect(run(devInput)).rejects.toThrow(
      "targetPath 'modules' must stay inside the task workspace; it is a symbolic link out of it",
    );
  });
});
