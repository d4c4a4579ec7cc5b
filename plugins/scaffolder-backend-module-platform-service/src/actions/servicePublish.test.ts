import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { mockServices } from '@backstage/backend-test-utils';
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderService } from '../service/__testUtils__/renderService';
import {
  serviceConfig,
  validForm,
} from '../service/__testUtils__/serviceFixtures';
import { SERVICE_PUBLISHED_TOPIC } from '@platform-portal/platform-common';
import { serviceActionDeps } from '../service/serviceActionDeps';
import { createServicePublishAction } from './servicePublish';

jest.setTimeout(60_000);

describe('platform:service:publish (local git, real)', () => {
  let rendered: string;
  let dir: string;
  let workspace: string;
  let reposDir: string;
  beforeAll(async () => {
    rendered = mkdtempSync(join(tmpdir(), 'portal-service-rendered-'));
    await renderService(validForm, rendered);
  });
  afterAll(() => rmSync(rendered, { recursive: true, force: true }));
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'portal-service-publish-'));
    workspace = join(dir, 'workspace');
    reposDir = join(dir, 'services');
    cpSync(rendered, workspace, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const input = {
    repoUrl: 'github.com?owner=acme&repo=orders',
    name: 'orders',
    owner: 'group:default/team-orders',
    description: 'Orders',
  };

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
    const run = async (values: Record<string, unknown>, isDryRun = false) => {
      const ctx = {
        ...createMockActionContext({
          input: values as any,
          workspacePath: workspace,
        }),
        isDryRun,
      };
      await action.handler(ctx as any);
      return Object.fromEntries((ctx.output as jest.Mock).mock.calls);
    };
    return { run, events };
  };
  const repo = () => join(reposDir, 'orders.git');

  it('creates <dir>/<repo>.git with one commit on main and announces it', async () => {
    const { run, events } = setup();
    const out = await run(input);
    expect(out).toMatchObject({
      target: 'local',
      remoteUrl: `file://${repo()}`,
    });
    const git = (...args: string[]) =>
      execFileSync('git', ['--git-dir', repo(), ...args], {
        encoding: 'utf8',
      }).trim();
    expect(git('rev-list', '--count', 'main')).toBe('1');
    expect(git('rev-parse', 'main')).toBe(out.commitSha);
    expect(git('ls-tree', '-r', '--name-only', 'main').split('\n')).toEqual(
      expect.arrayContaining(['catalog-info.yaml', 'backend/app/__init__.py']),
    );
    expect(out.catalogInfoUrl).toBeUndefined();
    expect(out.workflowRunUrl).toBeUndefined();
    expect(events.publish).toHaveBeenCalledWith(
      expect.objectContaining({ topic: SERVICE_PUBLISHED_TOPIC }),
    );
  });

  it('publishes nothing in a dry run', async () => {
    const { run, events } = setup();
    const out = await run(input, true);
    expect(out).toEqual({ target: 'local (dry run)' });
    expect(existsSync(repo())).toBe(false);
    expect(events.publish).not.toHaveBeenCalled();
  });

  it('never overwrites an existing repository', async () => {
    const { run } = setup();
    await run(input);
    await expect(run(input)).rejects.toThrow(
      /repository orders already exists/,
    );
  });

  /** A refusal: one line for the task log, and no repository. */
  const refusalOf = async (
    values: Record<string, unknown>,
  ): Promise<string> => {
    const { run, events } = setup();
    const error = await run(values).then(
      () => undefined,
      e => e,
    );
    expect(error?.stack).toBe(`${error?.name}: ${error?.message}`);
    expect(existsSync(repo())).toBe(false);
    expect(events.publish).not.toHaveBeenCalled();
    return error.message;
  };

  it('refuses a repository outside the allowed organisation', async () => {
    expect(
      await refusalOf({
        ...input,
        repoUrl: 'github.com?owner=evil&repo=orders',
      }),
    ).toMatch(
      /^repoUrl: repositories must be created in the organisation 'acme', not 'evil'$/,
    );
  });

  it('re-runs the validation of platform:service:validate: a template that skipped it is refused', async () => {
    const file = join(workspace, '.github/workflows/delivery.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        'run: .github/scripts/set-image-tag.sh',
        'run: echo ${{ github.event.head_commit.message }}',
      ),
    );
    expect(await refusalOf(input)).toMatch(
      /^The rendered repository has 2 problem\(s\):\n\.github\/workflows\/delivery\.yaml: jobs\.deploy-dev\.steps\[1\] interpolates user-controlled/,
    );
  });

  it('refuses a catalog entity that claims another owner than the request', async () => {
    expect(
      await refusalOf({ ...input, owner: 'group:default/platform-team' }),
    ).toMatch(
      /catalog-info\.yaml: Component: spec\.owner must be group:default\/platform-team/,
    );
  });

  it('refuses a catalog entity that points at another repository', async () => {
    expect(
      await refusalOf({
        ...input,
        repoUrl: 'github.com?owner=acme&repo=payments',
      }),
    ).toMatch(
      /catalog-info\.yaml: Component: github\.com\/project-slug must be acme\/payments, the repository being created/,
    );
  });

  it.each([
    [
      { name: undefined },
      /^name: required; platform:service:publish validates the repository against the service name and owner$/,
    ],
    [{ owner: undefined }, /^owner: an owner group is required$/],
    [
      { description: 'x $(id)' },
      /^description: must not contain template or shell metacharacters/,
    ],
  ])('refuses %j', async (change, message) => {
    expect(await refusalOf({ ...input, ...change })).toMatch(message);
  });
});
