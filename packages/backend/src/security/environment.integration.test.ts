import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BackendProcess,
  startBackendProcess,
} from '../__testUtils__/backendProcess';
import {
  backendApi,
  guestTokenWithGroup,
  runTemplateTask,
  waitForEntities,
} from '../__testUtils__/scaffolderClient';
import {
  ATTACK_TEMPLATES,
  environmentValues,
  refusalLine,
  forgedPlanToken,
  writeAttackLocation,
} from './__testUtils__/environmentAttacks';

/*
 * Attacks on platform:environment:plan and platform:iac:publish through the real backend with
 * the local infrastructure repository: templates that skip the plan, change its output or widen
 * what is published, and requests that would lower an environment's tier or put a dev
 * environment into the production account. Each must fail with one clear line in the task log
 * and leave every ref of the repository as it was. First as the guest (an app-team member),
 * then as alice (platform-team), for whom the permission is no obstacle and the action's own
 * checks must hold.
 */

jest.setTimeout(420_000);

const TEAM_ORDERS = 'group:default/team-orders';
const PLATFORM_TEAM = 'group:default/platform-team';

describe('environment publishing guardrails (local infrastructure repository)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-environment-attacks-'));
  const repo = join(dataDir, 'git', 'infrastructure.git');
  const catalog = writeAttackLocation(join(dataDir, 'attacks'));
  let backend: BackendProcess | undefined;
  let token = '';
  const api = backendApi(
    () => backend!.baseUrl,
    () => token,
  );
  const git = (...args: string[]) =>
    execFileSync('git', ['--git-dir', repo, ...args], {
      encoding: 'utf8',
    }).trim();
  const refs = () =>
    existsSync(repo)
      ? git('for-each-ref', '--format=%(refname) %(objectname)')
      : '';

  /** `edge` is prod-tier on a branch that waits for review (not merged, not in catalog files). */
  function seedRepositoryWithOpenProdBranch() {
    const work = mkdtempSync(join(tmpdir(), 'portal-seed-'));
    const run = (...args: string[]) =>
      execFileSync(
        'git',
        ['-c', 'user.name=Seed', '-c', 'user.email=seed@example.com', ...args],
        { cwd: work, encoding: 'utf8' },
      );
    execFileSync('git', [
      'init',
      '--bare',
      '--quiet',
      '--initial-branch=main',
      repo,
    ]);
    run('init', '--quiet', '--initial-branch=main');
    writeFileSync(join(work, 'README.md'), '# Infrastructure\n');
    run('add', '.');
    run('commit', '--quiet', '-m', 'Initial commit');
    run('checkout', '--quiet', '-b', 'env/edge');
    mkdirSync(join(work, 'environments/edge'), { recursive: true });
    writeFileSync(
      join(work, 'environments/edge/catalog-info.yaml'),
      'apiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata:\n  name: edge\n  annotations:\n    platform-portal.io/tier: prod\nspec:\n  type: environment\n  owner: group:default/platform-team\n',
    );
    run('add', '.');
    run('commit', '--quiet', '-m', 'Add environment edge');
    run('push', '--quiet', repo, 'main', 'env/edge');
    rmSync(work, { recursive: true, force: true });
  }

  async function startAs(userEntityRef: string, group: string) {
    await backend?.stop();
    backend = await startBackendProcess({
      configFiles: ['app-config.yaml'],
      env: { PORTAL_DATA_DIR: dataDir },
      overrides: {
        auth: { providers: { guest: { userEntityRef } } },
        catalog,
      },
    });
    token = await guestTokenWithGroup(backend.baseUrl, group);
    await waitForEntities(api, [
      ...ATTACK_TEMPLATES,
      'template/default/aws-environment',
      'resource/default/prod',
      'resource/default/prod-account',
    ]);
  }

  /** Runs a template as the signed-in user: it must fail and no ref may move; returns the refusal line. */
  async function refusalOf(
    template: string,
    values: Record<string, unknown>,
  ): Promise<string> {
    const before = refs();
    const { task, log } = await runTemplateTask(
      api,
      `template:default/${template}`,
      values,
    );
    expect(task.status).toBe('failed');
    const line = refusalLine(log);
    expect(refs()).toBe(before);
    return line;
  }

  beforeAll(seedRepositoryWithOpenProdBranch);
  afterAll(async () => {
    await backend?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('as the guest (team-orders, an app team)', () => {
    beforeAll(() => startAs('user:default/guest', TEAM_ORDERS));

    it('refuses a template that skips the plan and writes a prod-tier environment', async () => {
      expect(await refusalOf('attack-skip-plan', { name: 'live' })).toMatch(
        /^InputError: planToken: missing; platform:iac:publish commits only what platform:environment:plan rendered in the same task/,
      );
      expect(existsSync(join(repo, 'refs/heads/env/live'))).toBe(false);
    });

    it('refuses a forged plan token', async () => {
      expect(
        await refusalOf('attack-skip-plan', {
          name: 'live',
          planToken: forgedPlanToken(),
        }),
      ).toMatch(
        /^InputError: planToken: not issued by platform:environment:plan on this backend \(signature mismatch\)/,
      );
    });

    it('refuses Terraform added after the plan', async () => {
      expect(await refusalOf('attack-after-plan', { name: 'sneaky' })).toMatch(
        /^InputError: planToken: environments\/sneaky\/ or modules\/ in the workspace differ from what platform:environment:plan rendered in this task/,
      );
    });

    it("refuses ifMissing: ['.github'] (a workflow folder next to the environment)", async () => {
      expect(await refusalOf('attack-if-missing', { name: 'flows' })).toMatch(
        /^InputError: ifMissing: '\.github' is outside the module library; only 'modules\/' or 'modules\/<module>\/' may be added/,
      );
    });

    it('refuses tier dev with update on the existing prod environment (catalog)', async () => {
      expect(
        await refusalOf(
          'aws-environment',
          environmentValues('prod', 'dev', 'dev-account', true),
        ),
      ).toMatch(
        /^NotAllowedError: tier: environment 'prod' is prod-tier \(catalog resource:default\/prod\); changing it requires membership in group:default\/platform-team$/,
      );
    });

    it('refuses tier dev with update on an environment that is prod on its open branch', async () => {
      expect(
        await refusalOf(
          'aws-environment',
          environmentValues('edge', 'dev', 'dev-account', true),
        ),
      ).toMatch(
        /^NotAllowedError: tier: environment 'edge' is prod-tier \(.*\); changing it requires membership in group:default\/platform-team$/,
      );
      expect(
        git('show', 'env/edge:environments/edge/catalog-info.yaml'),
      ).toMatch(/tier: prod/);
    });

    it.each([
      [
        'prod-account',
        /^InputError: account: prod-account \(000000000005\) is the production account prod-account \(platform\.iac\.productionAccounts\); it takes only prod-tier environments, not dev$/,
      ],
      [
        'look-alike-account',
        /^InputError: account: look-alike-account \(000000000005\) is the production account prod-account/,
      ],
    ])(
      'refuses a dev environment in %s (the production account id)',
      async (account, refusal) => {
        expect(
          await refusalOf(
            'aws-environment',
            environmentValues('sneak', 'dev', account),
          ),
        ).toMatch(refusal);
      },
    );
  });

  describe('as alice (platform-team): the actions hold where the permission does not', () => {
    beforeAll(() => startAs('user:default/alice', PLATFORM_TEAM));

    it('refuses a template that skips the plan, even to someone who may create prod', async () => {
      expect(await refusalOf('attack-skip-plan', { name: 'live' })).toMatch(
        /^InputError: planToken: missing;/,
      );
    });

    it('refuses Terraform added after the plan', async () => {
      expect(await refusalOf('attack-after-plan', { name: 'sneaky' })).toMatch(
        /^InputError: planToken: environments\/sneaky\/ or modules\/ in the workspace differ/,
      );
    });

    it("refuses ifMissing: ['.github']", async () => {
      expect(await refusalOf('attack-if-missing', { name: 'flows' })).toMatch(
        /^InputError: ifMissing: '\.github' is outside the module library/,
      );
    });

    it('does not re-render the prod environment as dev: an update never lowers the tier', async () => {
      expect(
        await refusalOf(
          'aws-environment',
          environmentValues('prod', 'dev', 'dev-account', true),
        ),
      ).toMatch(
        /^InputError: tier: environment 'prod' is prod-tier \(catalog resource:default\/prod\); an update never lowers the tier, so request tier prod, not dev$/,
      );
    });
  });
});
