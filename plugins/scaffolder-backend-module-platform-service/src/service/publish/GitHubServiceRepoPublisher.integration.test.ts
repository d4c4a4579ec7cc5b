import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { GitHubAccess, GitHosting } from '@platform-portal/platform-node';
import { FakeGitHub, startFakeGitHub } from '@platform-portal/test-utils';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoUrlOf } from '../inputRules';
import { GitHubServiceRepoPublisher } from './GitHubServiceRepoPublisher';

/*
 * Creating a service repository on GitHub is two writes (create the repository, push the first
 * commit) and the second can fail, or the backend can restart in between. These tests run the
 * production publisher (GitHosting's credentials, Octokit, the scaffolder's git push) against the
 * fake GitHub: a rerun must complete what a failed run left, and nothing else may be adopted.
 */

jest.setTimeout(60_000);

describe('GitHubServiceRepoPublisher against the fake GitHub', () => {
  let fake: FakeGitHub;
  let dir: string;
  let access: GitHubAccess;

  beforeAll(async () => {
    fake = await startFakeGitHub({
      tokens: [
        'ghp_portal',
        // What a GitHub App installation without `contents: write` gets: 403 on git push.
        { token: 'ghp_no_push', permission: 'read' },
      ],
      organizations: [{ login: 'acme' }],
    });
    const hosting = GitHosting.fromConfig(
      new ConfigReader({
        integrations: { github: [fake.integrationConfig('ghp_portal')] },
      }),
    );
    access = hosting.github(`${fake.baseUrl}/acme/x`)!;
    dir = mkdtempSync(join(tmpdir(), 'portal-github-service-'));
  });
  afterAll(async () => {
    await fake?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => fake.clearRequests());

  const location = (repo: string) => ({ host: fake.host, owner: 'acme', repo });
  /** A rendered service workspace. */
  const workspace = (name: string) => {
    const source = join(dir, name);
    mkdirSync(join(source, 'src'), { recursive: true });
    writeFileSync(join(source, 'README.md'), `# ${name}\n`);
    writeFileSync(join(source, 'src', 'app.py'), 'print("hi")\n');
    return source;
  };
  const request = (repo: string, sourceDir: string) => ({
    location: location(repo),
    description: 'Orders',
    sourceDir,
    commitMessage: `Create ${repo}`,
    author: { name: 'Guest', email: 'guest@example.com' },
  });
  const publisher = (github: GitHubAccess = access) =>
    new GitHubServiceRepoPublisher(github, mockServices.logger.mock());
  const description = async (repo: string) => {
    const octokit = await access.octokit(repoUrlOf(location(repo)));
    return (await octokit.rest.repos.get({ owner: 'acme', repo })).data
      .description;
  };

  it('a run whose first push failed leaves an empty repository; the rerun pushes into it: one commit on main', async () => {
    const source = workspace('orders');
    const failing = publisher({ ...access, token: async () => 'ghp_no_push' });
    await expect(failing.create(request('orders', source))).rejects.toThrow(
      /^Pushing the first commit to acme\/orders failed: .*403.*; the repository stays empty and marked as the portal's, so a rerun pushes into it$/,
    );
    expect(await fake.branches('acme', 'orders')).toEqual({});

    // The next task: prepare checks the name, publish completes the repository.
    expect(await publisher().exists(location('orders'))).toBe(false);
    const created = await publisher().create(request('orders', source));
    const commits = await fake.commits('acme', 'orders', 'main');
    expect(commits.map(c => [c.sha, c.message.trim(), c.parents])).toEqual([
      [created.commitSha, 'Create orders', []],
    ]);
    expect(await fake.readFile('acme', 'orders', 'main', 'src/app.py')).toBe(
      'print("hi")\n',
    );
    expect(created).toMatchObject({
      remoteUrl: `${fake.baseUrl}/acme/orders.git`,
      defaultBranch: 'main',
    });
    // Done: the pending mark is gone, and the repository is now simply taken.
    expect(await description('orders')).toBe('Orders');
    expect(await publisher().exists(location('orders'))).toBe(true);
    await expect(
      publisher().create(request('orders', source)),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringMatching(/acme\/orders already exists on GitHub/),
    });
    expect(await fake.commits('acme', 'orders', 'main')).toHaveLength(1);
    expect(fake.unhandled()).toEqual([]);
  });

  it('refuses an empty repository the portal did not create, and writes nothing', async () => {
    await fake.createRepo('acme', 'taken', undefined, {
      description: 'made by hand',
    });
    fake.clearRequests();
    expect(await publisher().exists(location('taken'))).toBe(true);
    await expect(
      publisher().create(request('taken', workspace('taken'))),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      message:
        'repoUrl: acme/taken already exists on GitHub; it is never overwritten',
    });
    expect(fake.writes().map(w => `${w.method} ${w.path} ${w.status}`)).toEqual(
      ['POST /api/v3/orgs/acme/repos 422'],
    );
    expect(await fake.branches('acme', 'taken')).toEqual({});
  });

  it("refuses an empty repository whose pending mark was copied from another repository's", async () => {
    const failing = publisher({ ...access, token: async () => 'ghp_no_push' });
    await expect(
      failing.create(request('payments', workspace('payments'))),
    ).rejects.toThrow(/403/);
    // Someone copies the mark onto a repository of their own under another name.
    await fake.createRepo('acme', 'billing', undefined, {
      description: (await description('payments'))!,
    });
    fake.clearRequests();
    await expect(
      publisher().create(request('billing', workspace('billing'))),
    ).rejects.toMatchObject({ name: 'ConflictError' });
    expect(fake.writes().filter(w => w.kind === 'git')).toEqual([]);
    expect(await fake.branches('acme', 'billing')).toEqual({});
  });

  it('two runs creating the same repository at once: one pushes, the other gets a ConflictError', async () => {
    const results = await Promise.allSettled(
      ['first', 'second'].map(name =>
        publisher().create(
          request('inventory', workspace(`inventory-${name}`)),
        ),
      ),
    );
    expect(results.map(r => r.status).sort()).toEqual([
      'fulfilled',
      'rejected',
    ]);
    const lost = results.find(
      r => r.status === 'rejected',
    ) as PromiseRejectedResult;
    expect(lost.reason).toMatchObject({
      name: 'ConflictError',
      message: expect.stringMatching(/^repoUrl: acme\/inventory /),
    });
    const won = results.find(
      r => r.status === 'fulfilled',
    ) as PromiseFulfilledResult<{ commitSha: string }>;
    const commits = await fake.commits('acme', 'inventory', 'main');
    expect(commits.map(c => c.sha)).toEqual([won.value.commitSha]);
  });
});
