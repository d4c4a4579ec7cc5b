import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalInfrastructureRepository } from '@platform-portal/platform-node';
import { mockInfrastructureRepository } from '@platform-portal/platform-node/testUtils';
import { createIacPublishAction } from './iacPublish';

const git = (repo: string, ...args: string[]) =>
  execFileSync('git', ['--git-dir', repo, ...args], {
    encoding: 'utf8',
  }).trim();

describe('platform:iac:publish (local git repository)', () => {
  const workspace = createMockDirectory();
  let dir: string;
  let repo: string;
  let events: { publish: jest.Mock };

  beforeEach(() => {
    workspace.setContent({
      'environments/qa/main.tf': 'module "vpc" {}\n',
      'environments/qa/catalog-info.yaml': 'kind: Resource\n',
      'modules/vpc/main.tf': '# vpc\n',
      'modules/eks/main.tf': '# eks\n',
      'stray.txt': 'not published',
    });
    dir = mkdtempSync(join(tmpdir(), 'portal-publish-'));
    repo = join(dir, 'infrastructure.git');
    events = { publish: jest.fn() };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const run = async (input: Record<string, unknown>, isDryRun = false) => {
    const action = createIacPublishAction({
      repository: new LocalInfrastructureRepository(repo),
      events: events as any,
    });
    // The mock context drops isDryRun, so set it on the result.
    const ctx = {
      ...createMockActionContext({
        input: input as any,
        workspacePath: workspace.path,
      }),
      isDryRun,
    };
    await action.handler(ctx);
    return ctx;
  };

  it('commits the environment and the module library as one commit on env/<name>', async () => {
    const ctx = await run({ environment: 'qa', description: 'Plan summary' });
    expect(git(repo, 'rev-list', '--count', 'main..env/qa')).toBe('1');
    expect(
      git(repo, 'ls-tree', '-r', '--name-only', 'env/qa').split('\n'),
    ).toEqual([
      'README.md',
      'environments/qa/catalog-info.yaml',
      'environments/qa/main.tf',
      'modules/eks/main.tf',
      'modules/vpc/main.tf',
    ]);
    expect(git(repo, 'log', '-1', '--format=%B', 'env/qa')).toMatch(
      /Add environment qa\n\nPlan summary/,
    );
    expect(ctx.output).toHaveBeenCalledWith('branch', 'env/qa');
    expect(ctx.output).toHaveBeenCalledWith(
      'commitSha',
      git(repo, 'rev-parse', 'env/qa'),
    );
    expect(events.publish).toHaveBeenCalledWith(
      expect.objectContaining({ topic: 'platform.infrastructure.published' }),
    );
  });

  it('does not overwrite module folders the base branch already has', async () => {
    await run({ environment: 'qa' });
    git(
      repo,
      'update-ref',
      'refs/heads/main',
      git(repo, 'rev-parse', 'env/qa'),
    ); // merged
    workspace.setContent({
      'environments/staging/main.tf': 'x\n',
      'modules/vpc/main.tf': '# changed locally\n',
      'modules/waf/main.tf': '# new module\n',
    });
    await run({ environment: 'staging' });
    expect(git(repo, 'show', 'env/staging:modules/vpc/main.tf')).toBe('# vpc');
    expect(git(repo, 'show', 'env/staging:modules/waf/main.tf')).toBe(
      '# new module',
    );
  });

  it('refuses to touch an environment that exists on the base branch unless update is set', async () => {
    await run({ environment: 'qa' });
    git(
      repo,
      'update-ref',
      'refs/heads/main',
      git(repo, 'rev-parse', 'env/qa'),
    );
    const before = git(repo, 'rev-parse', 'env/qa');
    await expect(run({ environment: 'qa' })).rejects.toThrow(
      /environment: environments\/qa already exists on the base branch .*set update: true/,
    );
    expect(git(repo, 'rev-parse', 'env/qa')).toBe(before);
    await run({ environment: 'qa', update: true });
    expect(git(repo, 'log', '-1', '--format=%s', 'env/qa')).toBe(
      'Update environment qa',
    );
  });

  it('writes nothing in a dry run, not even the repository', async () => {
    const ctx = await run({ environment: 'qa' }, true);
    expect(ctx.output).toHaveBeenCalledWith('commitSha', 'dry-run');
    expect(existsSync(repo)).toBe(false);

    await run({ environment: 'qa' });
    const head = git(repo, 'rev-parse', 'env/qa');
    await run({ environment: 'qa', update: true }, true);
    expect(git(repo, 'rev-parse', 'env/qa')).toBe(head);
  });

  it.each([
    [{ environment: '../etc' }, "environment: '../etc' must match"],
    [{ environment: 'other' }, 'the workspace has no environments/other/'],
    [
      { environment: 'qa', sourcePath: '../..' },
      "sourcePath '../..' must stay inside the task workspace",
    ],
  ])('rejects %j', async (input, message) => {
    await expect(run(input)).rejects.toThrow(message);
  });
});

describe('platform:iac:publish (GitHub)', () => {
  const workspace = createMockDirectory();

  it('outputs the pull request and the catalog-info.yaml URL on the branch', async () => {
    workspace.setContent({
      'environments/qa/catalog-info.yaml': 'kind: Resource\n',
    });
    const { repository, proposed } = mockInfrastructureRepository({
      kind: 'github',
    });
    const action = createIacPublishAction({ repository });
    const ctx = createMockActionContext({
      input: { environment: 'qa' },
      workspacePath: workspace.path,
    });
    await action.handler(ctx);
    expect(proposed).toHaveLength(1);
    expect(proposed[0]).toMatchObject({
      branch: 'env/qa',
      replaceFolders: ['environments/qa'],
      pullRequest: { title: 'Add environment qa' },
    });
    expect(ctx.output).toHaveBeenCalledWith(
      'pullRequestUrl',
      'https://github.com/acme/infra/pull/1',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'catalogInfoUrl',
      'https://github.com/acme/infra/blob/env/qa/environments/qa/catalog-info.yaml',
    );
  });
});
