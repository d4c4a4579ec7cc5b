import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import {
  BRANCH_ANNOTATION,
  readEnvironmentEntities,
} from './readEnvironmentEntities';

/** Builds commits in a real bare repository with git plumbing. */
function repoWith(branches: Record<string, Record<string, string>>): string {
  const dir = mkdtempSync(join(tmpdir(), 'portal-infra-repo-'));
  const repo = join(dir, 'infra.git');
  const git = (args: string[], input?: string, env?: Record<string, string>) =>
    execFileSync('git', ['--git-dir', repo, ...args], {
      input,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@t',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@t',
        ...env,
      },
    }).trim();
  git(['init', '--bare', '--quiet', '--initial-branch=main']);
  for (const [branch, files] of Object.entries(branches)) {
    const index = join(dir, `index-${branch.replace('/', '-')}`);
    for (const [path, content] of Object.entries(files)) {
      const blob = git(['hash-object', '-w', '--stdin'], content);
      git(
        ['update-index', '--add', '--cacheinfo', `100644,${blob},${path}`],
        undefined,
        { GIT_INDEX_FILE: index },
      );
    }
    const tree = git(['write-tree'], undefined, { GIT_INDEX_FILE: index });
    const commit = git(['commit-tree', tree, '-m', branch]);
    git(['update-ref', `refs/heads/${branch}`, commit]);
  }
  return repo;
}

const env = (name: string, tier: string) =>
  stringify({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name, annotations: { 'platform-portal.io/tier': tier } },
    spec: { type: 'environment', owner: 'group:default/platform-team' },
  });

describe('readEnvironmentEntities (real git)', () => {
  const dirs: string[] = [];
  afterAll(() =>
    dirs.forEach(d => rmSync(join(d, '..'), { recursive: true, force: true })),
  );

  it('reads environments from main and from env/* branches, main first', async () => {
    const repo = repoWith({
      main: {
        'environments/staging/catalog-info.yaml': env('staging', 'staging'),
      },
      'env/qa': {
        'environments/staging/catalog-info.yaml': env(
          'staging',
          'proposed-change',
        ),
        'environments/qa/catalog-info.yaml': env('qa', 'dev'),
        'environments/qa/main.tf': '',
      },
    });
    dirs.push(repo);
    const entities = await readEnvironmentEntities(repo);
    const byName = Object.fromEntries(entities.map(e => [e.metadata.name, e]));
    expect(Object.keys(byName).sort()).toEqual(['qa', 'staging']);
    expect(
      byName.staging.metadata.annotations?.['platform-portal.io/tier'],
    ).toBe('staging');
    expect(byName.staging.metadata.annotations?.[BRANCH_ANNOTATION]).toBe(
      'main',
    );
    expect(byName.qa.metadata.annotations?.[BRANCH_ANNOTATION]).toBe('env/qa');
    expect(
      byName.qa.metadata.annotations?.['backstage.io/managed-by-location'],
    ).toMatch(/^url:file:/);
  });

  it('skips broken files and answers an empty list for a missing repository', async () => {
    const repo = repoWith({
      main: {
        'environments/bad/catalog-info.yaml': 'kind: [unclosed',
        'environments/ok/catalog-info.yaml': env('ok', 'dev'),
      },
    });
    dirs.push(repo);
    expect(
      (await readEnvironmentEntities(repo)).map(e => e.metadata.name),
    ).toEqual(['ok']);
    expect(
      await readEnvironmentEntities(join(tmpdir(), 'does-not-exist.git')),
    ).toEqual([]);
  });
});
