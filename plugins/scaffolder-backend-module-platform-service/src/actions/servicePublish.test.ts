import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { mockServices } from '@backstage/backend-test-utils';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serviceConfig } from '../service/__testUtils__/serviceFixtures';
import { SERVICE_PUBLISHED_TOPIC } from '@platform-portal/platform-common';
import { serviceActionDeps } from '../service/serviceActionDeps';
import { createServicePublishAction } from './servicePublish';

describe('platform:service:publish (local git, real)', () => {
  let dir: string;
  let workspace: string;
  let reposDir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'portal-service-publish-'));
    workspace = join(dir, 'workspace');
    reposDir = join(dir, 'services');
    mkdirSync(join(workspace, 'backend'), { recursive: true });
    writeFileSync(join(workspace, 'catalog-info.yaml'), 'kind: Component\n');
    writeFileSync(join(workspace, 'backend/app.py'), 'print(1)\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const setup = () => {
    const events = mockServices.events.mock();
    const action = createServicePublishAction({
      ...serviceActionDeps(
        serviceConfig({
          platform: {
            services: {
              allowedGithubOrgs: ['acme'],
              localRepositoriesDir: reposDir,
            },
          },
        }),
      ),
      events,
    });
    const run = async (input: Record<string, unknown>, isDryRun = false) => {
      const ctx = {
        ...createMockActionContext({
          input: input as any,
          workspacePath: workspace,
        }),
        isDryRun,
      };
      await action.handler(ctx as any);
      return Object.fromEntries((ctx.output as jest.Mock).mock.calls);
    };
    return { run, events };
  };

  it('creates <dir>/<repo>.git with one commit on main and announces it', async () => {
    const { run, events } = setup();
    const out = await run({
      repoUrl: 'github.com?owner=acme&repo=orders',
      description: 'Orders',
    });
    const repo = join(reposDir, 'orders.git');
    expect(out).toMatchObject({ target: 'local', remoteUrl: `file://${repo}` });
    const git = (...args: string[]) =>
      execFileSync('git', ['--git-dir', repo, ...args], {
        encoding: 'utf8',
      }).trim();
    expect(git('rev-list', '--count', 'main')).toBe('1');
    expect(git('rev-parse', 'main')).toBe(out.commitSha);
    expect(git('ls-tree', '-r', '--name-only', 'main').split('\n')).toEqual([
      'backend/app.py',
      'catalog-info.yaml',
    ]);
    expect(out.catalogInfoUrl).toBeUndefined();
    expect(out.workflowRunUrl).toBeUndefined();
    expect(events.publish).toHaveBeenCalledWith(
      expect.objectContaining({ topic: SERVICE_PUBLISHED_TOPIC }),
    );
  });

  it('publishes nothing in a dry run', async () => {
    const { run, events } = setup();
    const out = await run(
      { repoUrl: 'github.com?owner=acme&repo=orders' },
      true,
    );
    expect(out).toEqual({ target: 'local (dry run)' });
    expect(() => execFileSync('ls', [join(reposDir, 'orders.git')])).toThrow();
    expect(events.publish).not.toHaveBeenCalled();
  });

  it('never overwrites an existing repository', async () => {
    const { run } = setup();
    await run({ repoUrl: 'github.com?owner=acme&repo=orders' });
    await expect(
      run({ repoUrl: 'github.com?owner=acme&repo=orders' }),
    ).rejects.toThrow(/repository orders already exists/);
  });

  it('refuses a repository outside the allowed organisation', async () => {
    const { run } = setup();
    await expect(
      run({ repoUrl: 'github.com?owner=evil&repo=orders' }),
    ).rejects.toThrow(/organisation 'acme', not 'evil'/);
  });
});
