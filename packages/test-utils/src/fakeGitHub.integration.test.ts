import { Octokit } from 'octokit';
import { FakeGitHub, startFakeGitHub } from './fakeGitHub';
import {
  octokitFor,
  READ_TOKEN,
  statusOf,
  TOKEN,
} from './__testUtils__/octokit';

jest.setTimeout(30_000);

describe('startFakeGitHub: repositories, Git Data API, pull requests', () => {
  let fake: FakeGitHub;
  let octokit: Octokit;

  beforeEach(async () => {
    fake = await startFakeGitHub({
      tokens: [
        { token: TOKEN, login: 'portal-bot' },
        { token: READ_TOKEN, login: 'reader', permission: 'read' },
      ],
      organizations: [{ login: 'acme', teams: ['platform-team'] }],
    });
    octokit = octokitFor(fake);
  });

  afterEach(async () => {
    await fake.stop();
  });
  it('creates a repository, commits through the Git Data API and moves refs only by compare-and-swap', async () => {
    const { data: created } = await octokit.rest.repos.createInOrg({
      org: 'acme',
      name: 'infra',
      auto_init: true,
    });
    expect(created).toMatchObject({
      full_name: 'acme/infra',
      default_branch: 'main',
      clone_url: `${fake.baseUrl}/acme/infra.git`,
      html_url: `${fake.baseUrl}/acme/infra`,
    });
    expect(
      (
        await statusOf(
          octokit.rest.repos.createInOrg({ org: 'acme', name: 'infra' }),
        )
      ).status,
    ).toBe(422);
    expect(
      (
        await statusOf(
          octokit.rest.repos.createInOrg({ org: 'nobody', name: 'x' }),
        )
      ).status,
    ).toBe(404);

    const owner = 'acme';
    const repo = 'infra';
    const { data: main } = await octokit.rest.git.getRef({
      owner,
      repo,
      ref: 'heads/main',
    });
    const base = main.object.sha;
    const { data: baseCommit } = await octokit.rest.git.getCommit({
      owner,
      repo,
      commit_sha: base,
    });
    const { data: tree } = await octokit.rest.git.createTree({
      owner,
      repo,
      base_tree: baseCommit.tree.sha,
      tree: [
        {
          path: 'environments/qa/main.tf',
          mode: '100644',
          type: 'blob',
          content: 'a = 1\n',
        },
        { path: 'README.md', mode: '100644', type: 'blob', sha: null },
      ],
    });
    const { data: commit } = await octokit.rest.git.createCommit({
      owner,
      repo,
      message: 'Add qa',
      tree: tree.sha,
      parents: [base],
    });
    expect(commit).toMatchObject({
      message: 'Add qa',
      parents: [{ sha: base }],
      tree: { sha: tree.sha },
    });
    await octokit.rest.git.createRef({
      owner,
      repo,
      ref: 'refs/heads/env/qa',
      sha: commit.sha,
    });

    const { data: listing } = await octokit.rest.git.getTree({
      owner,
      repo,
      tree_sha: commit.sha,
      recursive: 'true',
    });
    expect(listing.tree.map(e => e.path)).toEqual([
      'environments',
      'environments/qa',
      'environments/qa/main.tf',
    ]);
    expect(
      await fake.readFile(owner, repo, 'env/qa', 'environments/qa/main.tf'),
    ).toBe('a = 1\n');
    expect(
      await fake.readFile(owner, repo, 'env/qa', 'README.md'),
    ).toBeUndefined();
    expect(
      await statusOf(
        octokit.rest.git.createRef({
          owner,
          repo,
          ref: 'refs/heads/env/qa',
          sha: base,
        }),
      ),
    ).toEqual({ status: 422, message: 'Reference already exists' });

    // a sibling of the branch tip: moving the branch there would drop the tip
    const { data: sibling } = await octokit.rest.git.createCommit({
      owner,
      repo,
      message: 'Concurrent writer',
      tree: baseCommit.tree.sha,
      parents: [base],
    });
    expect(
      await statusOf(
        octokit.rest.git.updateRef({
          owner,
          repo,
          ref: 'heads/env/qa',
          sha: sibling.sha,
        }),
      ),
    ).toEqual({ status: 422, message: 'Update is not a fast forward' });
    expect((await fake.branches(owner, repo))['env/qa']).toBe(commit.sha);

    await octokit.rest.git.updateRef({
      owner,
      repo,
      ref: 'heads/env/qa',
      sha: sibling.sha,
      force: true,
    });
    expect((await fake.branches(owner, repo))['env/qa']).toBe(sibling.sha);
    await octokit.rest.git.deleteRef({ owner, repo, ref: 'heads/env/qa' });
    expect(Object.keys(await fake.branches(owner, repo))).toEqual(['main']);
  });

  it('answers 409 to Git Data calls on an empty repository until its first commit, as GitHub does', async () => {
    await octokit.rest.repos.createInOrg({ org: 'acme', name: 'empty' });
    const blob = () =>
      octokit.rest.git.createBlob({
        owner: 'acme',
        repo: 'empty',
        content: 'x',
      });
    expect(await statusOf(blob())).toEqual({
      status: 409,
      message: 'Git Repository is empty.',
    });
    expect(
      (
        await statusOf(
          octokit.rest.repos.getContent({
            owner: 'acme',
            repo: 'empty',
            path: '',
          }),
        )
      ).message,
    ).toBe('This repository is empty.');
    const { data: first } = await octokit.rest.repos.createOrUpdateFileContents(
      {
        owner: 'acme',
        repo: 'empty',
        path: 'README.md',
        message: 'First commit',
        content: Buffer.from('# empty\n').toString('base64'),
      },
    );
    expect(first.commit.parents).toEqual([]);
    expect((await blob()).status).toBe(201);
    expect(await fake.branches('acme', 'empty')).toEqual({
      main: first.commit.sha,
    });
  });

  it('accepts exactly one of two concurrent fast-forward-only updates of the same tip', async () => {
    await fake.createRepo('acme', 'infra', { 'a.txt': 'a\n' });
    const base = (await fake.branches('acme', 'infra')).main;
    const { data: baseCommit } = await octokit.rest.git.getCommit({
      owner: 'acme',
      repo: 'infra',
      commit_sha: base,
    });
    const commits = await Promise.all(
      ['one', 'two'].map(
        async message =>
          (
            await octokit.rest.git.createCommit({
              owner: 'acme',
              repo: 'infra',
              message,
              tree: baseCommit.tree.sha,
              parents: [base],
            })
          ).data.sha,
      ),
    );
    const results = await Promise.allSettled(
      commits.map(sha =>
        octokit.rest.git.updateRef({
          owner: 'acme',
          repo: 'infra',
          ref: 'heads/main',
          sha,
        }),
      ),
    );
    expect(results.map(r => r.status).sort()).toEqual([
      'fulfilled',
      'rejected',
    ]);
    const winner = commits[results.findIndex(r => r.status === 'fulfilled')];
    expect((await fake.branches('acme', 'infra')).main).toBe(winner);
  });

  it('opens a pull request, finds it by head, and merges it for real in the bare repository', async () => {
    await fake.createRepo('acme', 'infra', { 'README.md': '# infra\n' });
    const mainBefore = (await fake.branches('acme', 'infra')).main;
    const head = await fake.commitFiles('acme', 'infra', 'env/qa', {
      'environments/qa/main.tf': 'a = 1\n',
    });
    const { data: pr } = await octokit.rest.pulls.create({
      owner: 'acme',
      repo: 'infra',
      head: 'env/qa',
      base: 'main',
      title: 'Environment qa',
      body: 'Plan',
    });
    expect(pr).toMatchObject({
      number: 1,
      state: 'open',
      html_url: `${fake.baseUrl}/acme/infra/pull/1`,
      head: { ref: 'env/qa', sha: head },
      base: { ref: 'main', sha: mainBefore },
      mergeable: true,
    });
    expect(
      (
        await statusOf(
          octokit.rest.pulls.create({
            owner: 'acme',
            repo: 'infra',
            head: 'env/qa',
            base: 'main',
            title: 'again',
          }),
        )
      ).status,
    ).toBe(422);

    const list = (h: string) =>
      octokit.rest.pulls.list({
        owner: 'acme',
        repo: 'infra',
        head: h,
        base: 'main',
        state: 'open',
      });
    expect((await list('acme:env/qa')).data.map(p => p.number)).toEqual([1]);
    expect((await list('acme:env/prod')).data).toEqual([]);
    await octokit.rest.pulls.update({
      owner: 'acme',
      repo: 'infra',
      pull_number: 1,
      title: 'Environment qa (v2)',
    });

    const { data: merge } = await octokit.rest.pulls.merge({
      owner: 'acme',
      repo: 'infra',
      pull_number: 1,
    });
    expect(merge.merged).toBe(true);
    const [mergeCommit] = await fake.commits('acme', 'infra', 'main');
    expect(mergeCommit).toMatchObject({
      sha: merge.sha,
      parents: [mainBefore, head],
    });
    expect(mergeCommit.message).toBe(
      'Merge pull request #1 from acme/env/qa\n\nEnvironment qa (v2)',
    );
    expect(
      await fake.readFile('acme', 'infra', 'main', 'environments/qa/main.tf'),
    ).toBe('a = 1\n');
    const { data: merged } = await octokit.rest.pulls.get({
      owner: 'acme',
      repo: 'infra',
      pull_number: 1,
    });
    expect(merged).toMatchObject({
      state: 'closed',
      merged: true,
      merge_commit_sha: merge.sha,
    });
    expect((await list('acme:env/qa')).data).toEqual([]);
    expect(
      (
        await statusOf(
          octokit.rest.pulls.merge({
            owner: 'acme',
            repo: 'infra',
            pull_number: 1,
          }),
        )
      ).status,
    ).toBe(405);
  });

  it('refuses to merge a conflicting pull request and leaves the base branch alone', async () => {
    await fake.createRepo('acme', 'infra', { 'x.txt': 'base\n' });
    await fake.commitFiles('acme', 'infra', 'feature', {
      'x.txt': 'feature\n',
    });
    const mainTip = await fake.commitFiles('acme', 'infra', 'main', {
      'x.txt': 'main\n',
    });
    await octokit.rest.pulls.create({
      owner: 'acme',
      repo: 'infra',
      head: 'feature',
      base: 'main',
      title: 'x',
    });
    expect(
      await statusOf(
        octokit.rest.pulls.merge({
          owner: 'acme',
          repo: 'infra',
          pull_number: 1,
        }),
      ),
    ).toEqual({ status: 405, message: 'Pull Request is not mergeable' });
    expect((await fake.branches('acme', 'infra')).main).toBe(mainTip);
  });
});
