import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { cpSync, readdirSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import {
  catalogWith,
  config,
  devInput,
  environment,
  permissionsFor,
  userCredentials,
} from '../__testUtils__/fixtures';
import { readIacConfig } from '@platform-portal/platform-node';
import { mockInfrastructureRepository } from '@platform-portal/platform-node/testUtils';
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
    } = {},
  ) => {
    const action = createEnvironmentPlanAction({
      catalog: opts.catalog ?? catalogWith(),
      permissions: permissionsFor(opts.member ?? false),
      iac: readIacConfig(config),
      repository: mockInfrastructureRepository({ base: opts.base }).repository,
      platformTeam: 'group:default/platform-team',
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
    expect(files.some(f => f.startsWith('environments/qa/k8s/'))).toBe(true);
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
        base: { 'environments/qa/catalog-info.yaml': 'kind: Resource\n' },
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
});
