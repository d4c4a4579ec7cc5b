import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Octokit } from 'octokit';
import { FakeGitHub, FakePushEvent, startFakeGitHub } from './fakeGitHub';
import { runGit } from './fakeGitHub/gitCommand';
import {
  octokitFor,
  READ_TOKEN,
  statusOf,
  TOKEN,
} from './__testUtils__/octokit';

jest.setTimeout(30_000);

describe('startFakeGitHub: contents, git smart HTTP, auth, actions', () => {
  let fake: FakeGitHub;
  let octokit: Octokit;
  let workDir: string;

  beforeEach(async () => {
    fake = await startFakeGitHub({
      tokens: [
        { token: TOKEN, login: 'portal-bot' },
        { token: READ_TOKEN, login: 'reader', permission: 'read' },
      ],
      organizations: [{ login: 'acme', teams: ['platform-team'] }],
    });
    octokit = octokitFor(fake);
    workDir = await mkdtemp(join(tmpdir(), 'fake-github-test-'));
  });

  afterEach(async () => {
    await fake.stop();
    await rm(workDir, { recursive: true, force: true });
  });
  it('serves contents as JSON, raw and listings, and writes files with the SHA check', async () => {
    await fake.createRepo('acme', 'svc', {
      'catalog-info.yaml': 'kind: Component\n',
      'docs/index.md': '# Docs\n',
    });
    const { data: file } = await octokit.rest.repos.getContent({
      owner: 'acme',
      repo: 'svc',
      path: 'catalog-info.yaml',
    });
    if (Array.isArray(file) || file.type !== 'file')
      throw new Error('expected a file');
    expect(Buffer.from(file.content, 'base64').toString()).toBe(
      'kind: Component\n',
    );
    expect(file.download_url).toBe(
      `${fake.rawBaseUrl}/acme/svc/main/catalog-info.yaml`,
    );
    const { data: raw } = await octokit.rest.repos.getContent({
      owner: 'acme',
      repo: 'svc',
      path: 'docs/index.md',
      mediaType: { format: 'raw' },
    });
    expect(raw).toBe('# Docs\n');
    const { data: root } = await octokit.rest.repos.getContent({
      owner: 'acme',
      repo: 'svc',
      path: '',
    });
    expect(Array.isArray(root) && root.map(e => [e.name, e.type])).toEqual([
      ['catalog-info.yaml', 'file'],
      ['docs', 'dir'],
    ]);
    expect(
      (
        await statusOf(
          octokit.rest.repos.getContent({
            owner: 'acme',
            repo: 'svc',
            path: 'nope',
          }),
        )
      ).status,
    ).toBe(404);

    const put = (sha?: string) =>
      octokit.rest.repos.createOrUpdateFileContents({
        owner: 'acme',
        repo: 'svc',
        path: 'catalog-info.yaml',
        message: 'Update',
        sha,
        content: Buffer.from('kind: API\n').toString('base64'),
      });
    expect((await statusOf(put())).status).toBe(422);
    expect((await statusOf(put('0'.repeat(40)))).status).toBe(409);
    const { data: written } = await put(file.sha);
    expect(written.commit.message).toBe('Update');
    expect(
      await fake.readFile('acme', 'svc', 'main', 'catalog-info.yaml'),
    ).toBe('kind: API\n');
    const res = await fetch(`${fake.rawBaseUrl}/acme/svc/main/docs/index.md`, {
      headers: { Authorization: `token ${TOKEN}` },
    });
    expect(await res.text()).toBe('# Docs\n');
  });

  it('clones and pushes over git smart HTTP with a token, and refuses without one', async () => {
    const repo = await fake.createRepo('acme', 'app', {
      'README.md': '# app\n',
    });
    const withToken = (token: string) =>
      repo.cloneUrl.replace('http://', `http://x-access-token:${token}@`);
    const clone = join(workDir, 'clone');
    const cloned = await runGit(['clone', withToken(TOKEN), clone]);
    expect(cloned.stderr).not.toMatch(/fatal/);
    expect(await readFile(join(clone, 'README.md'), 'utf8')).toBe('# app\n');

    await writeFile(join(clone, 'new.txt'), 'pushed\n');
    const git = (...args: string[]) =>
      runGit([
        '-C',
        clone,
        '-c',
        'user.name=dev',
        '-c',
        'user.email=dev@example.com',
        ...args,
      ]);
    await git('add', 'new.txt');
    await git('commit', '-m', 'Push over HTTP');
    // what GitHub Actions would do on a push: start a run (seeded before the push completes)
    const pushes: FakePushEvent[] = [];
    fake.onPush(async event => {
      pushes.push(event);
      if (!event.after) return;
      await fake.seed.workflowRun(event.owner, event.repo, {
        head_branch: event.ref.replace('refs/heads/', ''),
        head_sha: event.after!,
        event: 'push',
      });
    });
    const pushed = await git('push', 'origin', 'HEAD:refs/heads/pushed');
    expect(pushed.code).toBe(0);
    const tip = (await git('rev-parse', 'HEAD')).stdout.toString().trim();
    expect(pushes).toEqual([
      {
        owner: 'acme',
        repo: 'app',
        ref: 'refs/heads/pushed',
        before: null,
        after: tip,
        via: 'git',
      },
    ]);
    const { data: runs } = await octokit.rest.actions.listWorkflowRunsForRepo({
      owner: 'acme',
      repo: 'app',
    });
    expect(runs.workflow_runs.map(r => [r.head_branch, r.head_sha])).toEqual([
      ['pushed', tip],
    ]);
    await octokit.rest.git.deleteRef({
      owner: 'acme',
      repo: 'app',
      ref: 'heads/pushed',
    });
    expect(pushes[1]).toEqual({
      owner: 'acme',
      repo: 'app',
      ref: 'refs/heads/pushed',
      before: tip,
      after: null,
      via: 'api',
    });
    await octokit.rest.git.createRef({
      owner: 'acme',
      repo: 'app',
      ref: 'refs/heads/pushed',
      sha: tip,
    });
    const { data: ref } = await octokit.rest.git.getRef({
      owner: 'acme',
      repo: 'app',
      ref: 'heads/pushed',
    });
    expect(ref.object.sha).toBe(tip);
    expect(fake.writes().filter(r => r.kind === 'git')).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: '/acme/app.git/git-receive-pack',
        login: 'portal-bot',
        status: 200,
      }),
    ]);

    const anonymous = await runGit([
      'clone',
      repo.cloneUrl,
      join(workDir, 'anonymous'),
    ]);
    expect(anonymous.code).not.toBe(0);
    const wrongToken = await runGit([
      'clone',
      withToken('ghp_wrong'),
      join(workDir, 'wrong'),
    ]);
    expect(wrongToken.code).not.toBe(0);
    expect(wrongToken.stderr).toMatch(/Authentication failed/);
    await git('remote', 'set-url', 'origin', withToken(READ_TOKEN));
    const readOnly = await git('push', 'origin', 'HEAD:refs/heads/other');
    expect(readOnly.code).not.toBe(0);
    expect(Object.keys(await fake.branches('acme', 'app')).sort()).toEqual([
      'main',
      'pushed',
    ]);
  });

  it("answers 401 without a valid token, 403 to writes with a read token, 404 with GitHub's body to unknown routes", async () => {
    await fake.createRepo('acme', 'infra', { 'a.txt': 'a\n' });
    const anonymous = await fetch(`${fake.apiBaseUrl}/user`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({
      message: 'Requires authentication',
      documentation_url: expect.any(String),
    });
    expect(
      await statusOf(
        octokitFor(fake, 'ghp_wrong').rest.users.getAuthenticated(),
      ),
    ).toEqual({ status: 401, message: 'Bad credentials' });
    expect((await octokit.rest.users.getAuthenticated()).data.login).toBe(
      'portal-bot',
    );

    const reader = octokitFor(fake, READ_TOKEN);
    const before = (await fake.branches('acme', 'infra')).main;
    expect(
      (await reader.rest.repos.get({ owner: 'acme', repo: 'infra' })).data
        .permissions?.push,
    ).toBe(false);
    expect(
      (
        await statusOf(
          reader.rest.git.createRef({
            owner: 'acme',
            repo: 'infra',
            ref: 'refs/heads/x',
            sha: before,
          }),
        )
      ).status,
    ).toBe(403);
    expect(await fake.branches('acme', 'infra')).toEqual({ main: before });

    const unknown = await statusOf(
      octokit.request('GET /repos/{owner}/{repo}/traffic/views', {
        owner: 'acme',
        repo: 'infra',
      }),
    );
    expect(unknown).toEqual({ status: 404, message: 'Not Found' });
    expect(fake.unhandled().map(r => `${r.method} ${r.path}`)).toEqual([
      'GET /api/v3/repos/acme/infra/traffic/views',
    ]);
    expect(
      fake.requests().find(r => r.token === READ_TOKEN && r.method === 'POST'),
    ).toMatchObject({
      login: 'reader',
      write: true,
      status: 403,
      route: 'POST /repos/:owner/:repo/git/refs',
    });
  });

  it('dispatches a workflow that has the trigger and lists the run it starts', async () => {
    await fake.createRepo('acme', 'svc', {
      '.github/workflows/delivery.yml':
        'name: Delivery\non:\n  push:\n  workflow_dispatch:\n',
      '.github/workflows/ci.yml': 'name: CI\non: [push]\n',
    });
    await octokit.rest.actions.createWorkflowDispatch({
      owner: 'acme',
      repo: 'svc',
      workflow_id: 'delivery.yml',
      ref: 'main',
      inputs: { environment: 'dev' },
    });
    const { data } = await octokit.rest.actions.listWorkflowRunsForRepo({
      owner: 'acme',
      repo: 'svc',
      per_page: 1,
    });
    expect(data.total_count).toBe(1);
    expect(data.workflow_runs[0]).toMatchObject({
      name: 'Delivery',
      event: 'workflow_dispatch',
      head_branch: 'main',
      status: 'queued',
      head_sha: (await fake.branches('acme', 'svc')).main,
    });
    expect(fake.state('acme', 'svc').dispatches).toEqual([
      {
        workflowId: '.github/workflows/delivery.yml',
        ref: 'main',
        inputs: { environment: 'dev' },
        login: 'portal-bot',
      },
    ]);
    expect(
      (
        await statusOf(
          octokit.rest.actions.createWorkflowDispatch({
            owner: 'acme',
            repo: 'svc',
            workflow_id: 'ci.yml',
            ref: 'main',
          }),
        )
      ).message,
    ).toBe("Workflow does not have 'workflow_dispatch' trigger");
    expect(
      (
        await statusOf(
          octokit.rest.actions.createWorkflowDispatch({
            owner: 'acme',
            repo: 'svc',
            workflow_id: 'missing.yml',
            ref: 'main',
          }),
        )
      ).status,
    ).toBe(404);
  });
});
