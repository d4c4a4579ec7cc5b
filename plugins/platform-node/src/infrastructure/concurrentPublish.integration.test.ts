import { FakeGitHub, startFakeGitHub } from '@platform-portal/test-utils';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Octokit } from 'octokit';
import { OrderedWriteGate } from './__testUtils__/orderedWriteGate';
import { GitHubInfrastructureRepository } from './GitHubInfrastructureRepository';
import { LocalInfrastructureRepository } from './LocalInfrastructureRepository';
import { ChangeRequest, ProposedChange } from './types';

/*
 * Two publishes of the same environment at once, against a real bare repository and against the
 * fake GitHub (real git behind GitHub's REST wire format, with its compare-and-swap ref updates).
 * The gate makes the lost-update interleaving happen every run: both publishers read the branch
 * and build their commits, then write one after the other. Exactly one may win; the other must
 * get a ConflictError and write nothing visible; its rerun then succeeds on top of the winner.
 */

jest.setTimeout(60_000);

/** The raced ref of the local repository; `git update-ref` on it goes through the gate. */
let mockLocalGate: { ref: string; gate: OrderedWriteGate } | undefined;
jest.mock('../git/runGit', () => {
  const actual = jest.requireActual('../git/runGit');
  return {
    ...actual,
    runGit: (gitDir: string, args: string[], options?: unknown) =>
      mockLocalGate && args[0] === 'update-ref' && args[1] === mockLocalGate.ref
        ? mockLocalGate.gate.pass(() => actual.runGit(gitDir, args, options))
        : actual.runGit(gitDir, args, options),
  };
});

const environmentQa = (mainTf: string): ChangeRequest => ({
  branch: 'env/qa',
  files: {
    'environments/qa/main.tf': mainTf,
    'environments/qa/catalog-info.yaml': 'kind: Resource\n',
  },
  replaceFolders: ['environments/qa'],
  commitMessage: 'Update environment qa',
  pullRequest: { title: 'Environment qa', body: mainTf },
});

/** Runs the publishes at once; which won and why each other one lost. */
async function race(publishes: Array<() => Promise<ProposedChange>>) {
  const settled = await Promise.allSettled(publishes.map(p => p()));
  const winners = settled.flatMap((s, index) =>
    s.status === 'fulfilled' ? [{ index, result: s.value }] : [],
  );
  const losers = settled.flatMap((s, index) =>
    s.status === 'rejected' ? [{ index, error: s.reason as Error }] : [],
  );
  return {
    winners,
    losers,
    summary: {
      winners: winners.length,
      losers: losers.map(l => `${l.error.name}: ${l.error.message}`),
    },
  };
}

const conflictOn = (branch: string) =>
  new RegExp(
    `^ConflictError: ${branch.replace(
      '/',
      '\\/',
    )} of .* moved while publishing.*rerun`,
  );

describe('concurrent publishes: local bare repository', () => {
  let dir: string;
  let repo: string;
  let repository: LocalInfrastructureRepository;
  const git = (...args: string[]) =>
    execFileSync('git', ['--git-dir', repo, ...args], {
      encoding: 'utf8',
    }).trim();

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'portal-concurrent-local-'));
    repo = join(dir, 'infrastructure.git');
    repository = new LocalInfrastructureRepository(repo);
    await repository.ensureRepository();
  });
  afterEach(() => {
    mockLocalGate = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['a new environment (env/qa does not exist yet)', false],
    ['an update of an existing env/qa', true],
  ])(
    '%s: one publish wins, the other gets a ConflictError, and its rerun succeeds',
    async (_name, existing) => {
      if (existing) await repository.proposeChange(environmentQa('v = 0\n'));
      mockLocalGate = {
        ref: 'refs/heads/env/qa',
        gate: new OrderedWriteGate(2),
      };
      const contents = ['v = 1\n', 'v = 2\n'];
      const { winners, losers, summary } = await race(
        contents.map(c => () => repository.proposeChange(environmentQa(c))),
      );
      expect(summary).toEqual({
        winners: 1,
        losers: [expect.stringMatching(conflictOn('env/qa'))],
      });
      const [winner] = winners;
      expect(git('rev-parse', 'env/qa')).toBe(winner.result.commitSha);
      expect(git('show', 'env/qa:environments/qa/main.tf')).toBe(
        contents[winner.index].trim(),
      );

      const rerun = await repository.proposeChange(
        environmentQa(contents[losers[0].index]),
      );
      expect(git('rev-parse', 'env/qa')).toBe(rerun.commitSha);
      expect(git('show', 'env/qa:environments/qa/main.tf')).toBe(
        contents[losers[0].index].trim(),
      );
      expect(git('rev-list', '--count', 'main..env/qa')).toBe('1');
      expect(git('ls-tree', '--name-only', 'main')).toBe('README.md');
    },
  );

  it('two bootstrap records committed to main at once: neither is lost', async () => {
    mockLocalGate = { ref: 'refs/heads/main', gate: new OrderedWriteGate(2) };
    const record = (account: string): ChangeRequest => ({
      branch: 'main',
      files: {
        [`accounts/${account}/bootstrap.yaml`]: `account: ${account}\n`,
      },
      commitMessage: `Record the bootstrap of AWS account ${account}`,
      pullRequest: { title: `Record ${account}`, body: '' },
    });
    const accounts = ['dev-account', 'prod-account'];
    const { losers, summary } = await race(
      accounts.map(a => () => repository.proposeChange(record(a))),
    );
    expect(summary).toEqual({
      winners: 1,
      losers: [expect.stringMatching(conflictOn('main'))],
    });
    await repository.proposeChange(record(accounts[losers[0].index]));
    expect(git('ls-tree', '-r', '--name-only', 'main')).toBe(
      'README.md\naccounts/dev-account/bootstrap.yaml\naccounts/prod-account/bootstrap.yaml',
    );
    expect(git('rev-list', '--count', 'main')).toBe('3');
  });
});

describe('concurrent publishes: GitHub (fake GitHub, real git behind the REST API)', () => {
  let fake: FakeGitHub;
  let repoCount = 0;
  let repo: string;
  beforeAll(async () => {
    fake = await startFakeGitHub({ tokens: ['ghp_portal'] });
  });
  afterAll(() => fake?.stop());
  beforeEach(async () => {
    repo = `infrastructure-${++repoCount}`;
    await fake.createRepo('acme', repo, { 'README.md': '# infrastructure\n' });
  });

  /** The repository on a fresh Octokit per operation, as in production; ref writes pass `gate`. */
  const repositoryThrough = (gate?: OrderedWriteGate) =>
    new GitHubInfrastructureRepository({
      owner: 'acme',
      repo,
      webBaseUrl: fake.baseUrl,
      octokit: async () => {
        const octokit = new Octokit({
          auth: 'ghp_portal',
          baseUrl: fake.apiBaseUrl,
          throttle: { enabled: false },
          retry: { enabled: false },
        });
        octokit.hook.wrap('request', (request, options) => {
          const refWrite =
            (options.method === 'POST' &&
              options.url === '/repos/{owner}/{repo}/git/refs') ||
            (options.method === 'PATCH' &&
              options.url === '/repos/{owner}/{repo}/git/refs/{ref}');
          return gate && refWrite
            ? gate.pass(async () => request(options))
            : request(options);
        });
        return octokit;
      },
    });

  it.each([
    ['a new environment (env/qa does not exist yet)', false],
    ['an update of an existing env/qa with its pull request', true],
  ])(
    '%s: one publish wins, the other gets a ConflictError and opens no pull request, and its rerun succeeds',
    async (_name, existing) => {
      const first = existing
        ? await repositoryThrough().proposeChange(environmentQa('v = 0\n'))
        : undefined;
      fake.clearRequests();
      const gate = new OrderedWriteGate(2);
      const contents = ['v = 1\n', 'v = 2\n'];
      const { winners, losers, summary } = await race(
        contents.map(
          c => () => repositoryThrough(gate).proposeChange(environmentQa(c)),
        ),
      );
      expect(summary).toEqual({
        winners: 1,
        losers: [expect.stringMatching(conflictOn('env/qa'))],
      });
      const [winner] = winners;
      const main = (await fake.branches('acme', repo)).main;
      expect((await fake.branches('acme', repo))['env/qa']).toBe(
        winner.result.commitSha,
      );
      expect(
        await fake.readFile('acme', repo, 'env/qa', 'environments/qa/main.tf'),
      ).toBe(contents[winner.index]);
      // The winner's commit keeps what the branch held before (no force push).
      expect((await fake.commits('acme', repo, 'env/qa'))[0].parents).toEqual(
        first ? [first.commitSha, main] : [main],
      );
      // One pull request, written by the winner only: the loser stopped before it.
      const pullWrites = fake.writes().filter(w => w.path.includes('/pulls'));
      expect(pullWrites.map(w => w.method)).toEqual([
        existing ? 'PATCH' : 'POST',
      ]);
      const pulls = await fake.pullRequests('acme', repo);
      expect(pulls).toHaveLength(1);
      expect(pulls[0]).toMatchObject({
        headRef: 'env/qa',
        headSha: winner.result.commitSha,
        state: 'open',
      });

      const rerun = await repositoryThrough().proposeChange(
        environmentQa(contents[losers[0].index]),
      );
      expect(rerun).toMatchObject({
        pullRequestNumber: pulls[0].number,
        pullRequestReused: true,
      });
      expect((await fake.pullRequests('acme', repo))[0].headSha).toBe(
        rerun.commitSha,
      );
      expect(
        await fake.readFile('acme', repo, 'env/qa', 'environments/qa/main.tf'),
      ).toBe(contents[losers[0].index]);
      expect(await fake.readFile('acme', repo, 'main', 'README.md')).toBe(
        '# infrastructure\n',
      );
      expect((await fake.branches('acme', repo)).main).toBe(main);
      expect(fake.unhandled()).toEqual([]);
    },
  );
});
