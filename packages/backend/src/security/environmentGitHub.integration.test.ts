import { FakeGitHub, startFakeGitHub } from '@platform-portal/test-utils';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
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
  writeAttackLocation,
} from './__testUtils__/environmentAttacks';

/*
 * The environment attacks against a GitHub infrastructure repository (the fake GitHub: real
 * REST wire format, every request recorded), as chioma, a member of team-orders. The portal's
 * GitHub credentials must not be used for a single write: no blob, tree, commit, ref or pull
 * request. (The local-repository variant, with the guest and a platform-team member, is
 * environment.integration.test.ts.)
 */

jest.setTimeout(420_000);

describe('environment publishing guardrails (GitHub infrastructure repository, app-team member)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-environment-gh-'));
  let fake: FakeGitHub;
  let backend: BackendProcess;
  let token = '';
  let mainSha = '';
  const api = backendApi(
    () => backend.baseUrl,
    () => token,
  );

  beforeAll(async () => {
    fake = await startFakeGitHub({ tokens: ['ghp_portal'] });
    await fake.createRepo('acme', 'infrastructure', {
      'README.md': '# infrastructure\n',
    });
    mainSha = (await fake.branches('acme', 'infrastructure')).main;
    backend = await startBackendProcess({
      configFiles: ['app-config.yaml'],
      env: { PORTAL_DATA_DIR: dataDir },
      overrides: {
        integrations: { github: [fake.integrationConfig('ghp_portal')] },
        platform: {
          iac: { repositoryUrl: `${fake.baseUrl}/acme/infrastructure` },
        },
        auth: {
          providers: { guest: { userEntityRef: 'user:default/chioma' } },
        },
        catalog: writeAttackLocation(join(dataDir, 'attacks')),
      },
    });
    token = await guestTokenWithGroup(
      backend.baseUrl,
      'group:default/team-orders',
    );
    await waitForEntities(api, [
      ...ATTACK_TEMPLATES,
      'template/default/aws-environment',
      'resource/default/prod',
    ]);
  });

  afterAll(async () => {
    await backend?.stop();
    await fake?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Runs a template as chioma: it must fail, GitHub must see no write; returns the refusal line. */
  async function refusalOf(
    template: string,
    values: Record<string, unknown>,
  ): Promise<string> {
    fake.clearRequests();
    const { task, log } = await runTemplateTask(
      api,
      `template:default/${template}`,
      values,
    );
    expect(task.status).toBe('failed');
    const line = refusalLine(log);
    expect(fake.writes()).toEqual([]);
    expect(await fake.branches('acme', 'infrastructure')).toEqual({
      main: mainSha,
    });
    expect(await fake.pullRequests('acme', 'infrastructure')).toEqual([]);
    return line;
  }

  it('refuses a template that skips the plan and writes a prod-tier environment', async () => {
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

  it('refuses tier dev with update on the existing prod environment', async () => {
    expect(
      await refusalOf(
        'aws-environment',
        environmentValues('prod', 'dev', 'dev-account', true),
      ),
    ).toMatch(
      /^NotAllowedError: tier: environment 'prod' is prod-tier \(catalog resource:default\/prod\); changing it requires membership/,
    );
  });

  it('refuses a dev environment in the production account', async () => {
    expect(
      await refusalOf(
        'aws-environment',
        environmentValues('sneak', 'dev', 'prod-account'),
      ),
    ).toMatch(
      /^InputError: account: prod-account \(000000000005\) is the production account prod-account/,
    );
    // Nothing fell back to a local repository either.
    expect(existsSync(join(dataDir, 'git', 'infrastructure.git'))).toBe(false);
  });
});
