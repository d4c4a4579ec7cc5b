import { INFRASTRUCTURE_BRANCH_ANNOTATION } from '@platform-portal/platform-common';
import { FakeGitHub, startFakeGitHub } from '@platform-portal/test-utils';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  BackendProcess,
  eventually,
  startBackendProcess,
} from './__testUtils__/backendProcess';
import {
  backendApi,
  guestToken,
  runTemplateTask,
  waitForEntities,
} from './__testUtils__/scaffolderClient';
import { environmentValues } from './__testUtils__/templateValues';

/*
 * The one decision between GitHub and the local infrastructure repository, through the real
 * backend: the aws-environment template publishes where the catalog reads, in both modes, and a
 * repository URL without credentials stops the backend at start-up instead of publishing locally
 * while the catalog waits on GitHub.
 */

jest.setTimeout(420_000);

const values = environmentValues('qa', 'dev', 'dev-account');

/** Starts a backend, runs the environment template once, and waits for `qa` in the catalog. */
async function publishQa(backend: BackendProcess) {
  const token = await guestToken(backend.baseUrl);
  const api = backendApi(
    () => backend.baseUrl,
    () => token,
  );
  await waitForEntities(api, ['template/default/aws-environment']);
  const { task, log, output } = await runTemplateTask(
    api,
    'template:default/aws-environment',
    values,
  );
  expect({
    status: task.status,
    log: task.status === 'completed' ? '' : log,
  }).toEqual({ status: 'completed', log: '' });
  const entity = await eventually(
    () =>
      api('/api/catalog/entities/by-name/resource/default/qa').catch(
        () => undefined,
      ),
    e => !!e,
    90_000,
  );
  return { output, entity };
}

describe('infrastructure repository: one decision, one test per mode', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-infra-repo-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  describe('local (no platform.iac.repositoryUrl)', () => {
    let backend: BackendProcess;
    const localData = join(dataDir, 'local');
    const repo = join(localData, 'git', 'infrastructure.git');
    afterAll(() => backend?.stop());

    it('commits qa on env/qa of the local repository, and the catalog shows it from there', async () => {
      backend = await startBackendProcess({
        configFiles: ['app-config.yaml'],
        env: { PORTAL_DATA_DIR: localData },
      });
      const { output, entity } = await publishQa(backend);
      const git = (...args: string[]) =>
        execFileSync('git', ['--git-dir', repo, ...args], {
          encoding: 'utf8',
        }).trim();
      expect(git('rev-list', '--count', 'main..env/qa')).toBe('1');
      // No pull request locally: the link's `if` hides it on the task page.
      expect(
        output.links.find((l: { title: string }) => l.title === 'Pull request')
          ?.url,
      ).toBeUndefined();
      expect(entity.metadata.annotations).toMatchObject({
        [INFRASTRUCTURE_BRANCH_ANNOTATION]: 'env/qa',
        'backstage.io/managed-by-location': `url:file://${repo}#env/qa:environments/qa/catalog-info.yaml`,
      });
    });
  });

  describe('GitHub (repositoryUrl + integrations.github with a token)', () => {
    let fake: FakeGitHub;
    let backend: BackendProcess;
    afterAll(async () => {
      await backend?.stop();
      await fake?.stop();
    });

    it('makes one commit on env/qa and a pull request on GitHub, and the catalog reads qa from GitHub', async () => {
      fake = await startFakeGitHub({ tokens: ['ghp_portal'] });
      await fake.createRepo('acme', 'infrastructure', {
        'README.md': '# infrastructure\n',
      });
      const repositoryUrl = `${fake.baseUrl}/acme/infrastructure`;
      backend = await startBackendProcess({
        configFiles: ['app-config.yaml'],
        overrides: {
          integrations: { github: [fake.integrationConfig('ghp_portal')] },
          platform: { iac: { repositoryUrl } },
        },
        // Nothing may land here: the local repository is not the target.
        env: { PORTAL_DATA_DIR: join(dataDir, 'github') },
      });
      const { output, entity } = await publishQa(backend);

      const main = (await fake.commits('acme', 'infrastructure', 'main'))[0];
      const branch = await fake.commits('acme', 'infrastructure', 'env/qa');
      expect(branch[0].parents).toEqual([main.sha]);
      expect(branch[0].message).toMatch(/^Add environment qa\n/);
      const catalogInfo = parseYaml(
        (await fake.readFile(
          'acme',
          'infrastructure',
          'env/qa',
          'environments/qa/catalog-info.yaml',
        ))!,
      );
      expect(catalogInfo.spec).toMatchObject({ type: 'environment' });

      const pulls = await fake.pullRequests('acme', 'infrastructure');
      expect(pulls).toHaveLength(1);
      expect(pulls[0]).toMatchObject({
        headRef: 'env/qa',
        baseRef: 'main',
        headSha: branch[0].sha,
        state: 'open',
        title: 'Add environment qa',
      });
      expect(output.links).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            title: 'Pull request',
            url: expect.stringMatching(/\/acme\/infrastructure\/pull\/1$/),
          }),
        ]),
      );

      expect(entity.metadata.annotations).toMatchObject({
        [INFRASTRUCTURE_BRANCH_ANNOTATION]: 'env/qa',
        'backstage.io/managed-by-location': `url:${repositoryUrl}/blob/env/qa/environments/qa/catalog-info.yaml`,
      });
      expect(fake.unhandled()).toEqual([]);
      expect(
        existsSync(join(dataDir, 'github', 'git', 'infrastructure.git')),
      ).toBe(false);
    });
  });

  it('refuses to start with platform.iac.repositoryUrl but no GitHub credentials, naming both keys', async () => {
    const failure = startBackendProcess({
      configFiles: ['app-config.yaml'],
      overrides: {
        platform: {
          iac: { repositoryUrl: 'https://github.com/acme/infrastructure' },
        },
      },
      env: { PORTAL_DATA_DIR: join(dataDir, 'misconfigured') },
    });
    await expect(failure).rejects.toThrow(
      /backend did not start[\s\S]*platform\.iac\.repositoryUrl is https:\/\/github\.com\/acme\/infrastructure, but integrations\.github has no entry with a token or a GitHub App for github\.com/,
    );
  });
});
