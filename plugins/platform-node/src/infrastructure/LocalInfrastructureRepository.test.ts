import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalInfrastructureRepository } from './LocalInfrastructureRepository';

const git = (repo: string, ...args: string[]) =>
  execFileSync('git', ['--git-dir', repo, ...args], {
    encoding: 'utf8',
  }).trim();

describe('LocalInfrastructureRepository (real git)', () => {
  let dir: string;
  let repo: string;
  let repository: LocalInfrastructureRepository;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'portal-local-git-'));
    repo = join(dir, 'infrastructure.git');
    repository = new LocalInfrastructureRepository(repo);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const request = (files: Record<string, string>) => ({
    branch: 'env/qa',
    files,
    replaceFolders: ['environments/qa'],
    commitMessage: 'Add environment qa',
    pullRequest: { title: 'Add environment qa', body: 'Plan summary' },
    author: { name: 'guest', email: 'guest@example.com' },
  });

  it('creates the bare repository with an initial commit on main', async () => {
    await repository.ensureRepository();
    expect(git(repo, 'log', '--format=%s', 'main')).toBe('Initial commit');
    expect(git(repo, 'show', 'main:README.md')).toMatch(/Infrastructure/);
  });

  it('initialises a missing repository once for concurrent first publishes', async () => {
    const [a, b] = await Promise.all(
      ['env/a', 'env/b'].map(branch =>
        repository.proposeChange({
          ...request({ [`environments/${branch.slice(4)}/main.tf`]: 'x\n' }),
          branch,
        }),
      ),
    );
    expect(git(repo, 'rev-list', '--count', 'main')).toBe('1');
    const main = git(repo, 'rev-parse', 'main');
    expect(git(repo, 'rev-parse', `${a.commitSha}^`)).toBe(main);
    expect(git(repo, 'rev-parse', `${b.commitSha}^`)).toBe(main);
  });

  it('publishes all files as one commit on the branch, on top of main', async () => {
    const result = await repository.proposeChange(
      request({
        'environments/qa/main.tf': 'a = 1\n',
        'environments/qa/k8s/pool.yaml': 'x: 1\n',
      }),
    );
    expect(git(repo, 'rev-parse', 'env/qa')).toBe(result.commitSha);
    expect(git(repo, 'rev-list', '--count', 'main..env/qa')).toBe('1');
    expect(git(repo, 'show', 'env/qa:environments/qa/main.tf')).toBe('a = 1');
    expect(git(repo, 'log', '-1', '--format=%an <%ae>', 'env/qa')).toBe(
      'guest <guest@example.com>',
    );
    // main is untouched: the change waits for review on its branch.
    expect(git(repo, 'ls-tree', '--name-only', 'main')).toBe('README.md');
  });

  it('re-running replaces the branch with one new commit and drops removed files', async () => {
    await repository.proposeChange(
      request({
        'environments/qa/main.tf': 'a = 1\n',
        'environments/qa/old.tf': '',
      }),
    );
    await repository.proposeChange(
      request({ 'environments/qa/main.tf': 'a = 2\n' }),
    );
    expect(git(repo, 'rev-list', '--count', 'main..env/qa')).toBe('1');
    expect(git(repo, 'ls-tree', '-r', '--name-only', 'env/qa')).toBe(
      'README.md\nenvironments/qa/main.tf',
    );
    expect(git(repo, 'branch', '--list')).toMatch(/env\/qa/);
  });

  it('reports which paths exist on main and reads files from it', async () => {
    const result = await repository.proposeChange(
      request({ 'environments/qa/main.tf': 'a = 1\n' }),
    );
    git(repo, 'update-ref', 'refs/heads/main', result.commitSha); // as if the change were merged
    expect(
      await repository.existingPaths(['environments/qa', 'environments/prod']),
    ).toEqual(new Set(['environments/qa']));
    expect(await repository.readFile('environments/qa/main.tf')).toBe(
      'a = 1\n',
    );
    expect(
      await repository.readFile('environments/nope/main.tf'),
    ).toBeUndefined();
    expect(await repository.listFolders('environments')).toEqual(['qa']);
  });

  it('leaves no branch behind when a publish fails half way', async () => {
    await expect(
      // git refuses the second path after the first blob is written.
      repository.proposeChange(
        request({
          'environments/qa/main.tf': 'a\n',
          'environments/qa/../x.tf': 'x',
        }),
      ),
    ).rejects.toThrow(/git update-index failed/);
    expect(git(repo, 'branch', '--list', 'env/qa')).toBe('');
  });

  it('reads environment files from main and env/* branches only, main first', async () => {
    expect(await repository.readEnvironmentFiles()).toEqual([]);
    const merged = await repository.proposeChange(
      request({ 'environments/staging/catalog-info.yaml': 'name: staging\n' }),
    );
    git(repo, 'update-ref', 'refs/heads/main', merged.commitSha);
    await repository.proposeChange(
      request({
        'environments/qa/catalog-info.yaml': 'name: qa\n',
        'environments/qa/main.tf': '',
      }),
    );
    await repository.proposeChange({
      ...request({ 'environments/x/catalog-info.yaml': 'name: x\n' }),
      branch: 'bootstrap/dev',
    });
    const files = await repository.readEnvironmentFiles();
    expect(files.map(f => `${f.branch} ${f.path}`)).toEqual([
      'main environments/staging/catalog-info.yaml',
      'env/qa environments/qa/catalog-info.yaml',
      'env/qa environments/staging/catalog-info.yaml',
    ]);
    expect(files[1]).toEqual({
      branch: 'env/qa',
      path: 'environments/qa/catalog-info.yaml',
      content: 'name: qa\n',
      location: `file://${repo}#env/qa:environments/qa/catalog-info.yaml`,
    });
  });
});
