import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVICE_REPOSITORY_ANNOTATION } from '@platform-portal/platform-common';
import { readServiceEntities } from './readServiceEntities';

/** A bare repository with one commit on main holding `files`. */
function bareRepo(dir: string, name: string, files: Record<string, string>) {
  const repo = join(dir, `${name}.git`);
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 't',
    GIT_AUTHOR_EMAIL: 't@t',
    GIT_COMMITTER_NAME: 't',
    GIT_COMMITTER_EMAIL: 't@t',
    GIT_INDEX_FILE: join(dir, `${name}.index`),
  };
  const git = (args: string[], input?: string) =>
    execFileSync('git', ['--git-dir', repo, ...args], {
      input,
      env,
      encoding: 'utf8',
    }).trim();
  git(['init', '--bare', '--quiet', '--initial-branch=main']);
  for (const [path, content] of Object.entries(files)) {
    const blob = git(['hash-object', '-w', '--stdin'], content);
    git(['update-index', '--add', '--cacheinfo', `100644,${blob},${path}`]);
  }
  const commit = git(['commit-tree', git(['write-tree']), '-m', 'init']);
  git(['update-ref', 'refs/heads/main', commit]);
}

const catalogInfo = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: orders
spec:
  type: service
  lifecycle: experimental
  owner: group:default/team-orders
  providesApis: [orders-api]
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: orders-api
spec:
  type: openapi
  lifecycle: experimental
  owner: group:default/team-orders
  definition:
    $text: ./backend/openapi.yaml
`;

describe('readServiceEntities (real git)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'portal-service-repos-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads every document of catalog-info.yaml on main and inlines $text from the repository', async () => {
    bareRepo(dir, 'orders', {
      'catalog-info.yaml': catalogInfo,
      'backend/openapi.yaml': 'openapi: 3.0.3\n',
    });
    const entities = await readServiceEntities(dir);
    expect(entities.map(e => `${e.kind}:${e.metadata.name}`)).toEqual([
      'Component:orders',
      'API:orders-api',
    ]);
    expect(entities[1].spec?.definition).toBe('openapi: 3.0.3\n');
    expect(entities[0].metadata.annotations).toMatchObject({
      [SERVICE_REPOSITORY_ANNOTATION]: `file://${join(dir, 'orders.git')}`,
      'backstage.io/managed-by-location': expect.stringMatching(
        /^url:file:.*orders\.git#main:catalog-info\.yaml$/,
      ),
    });
  });

  it('never inlines a path outside the repository', async () => {
    bareRepo(dir, 'sneaky', {
      'catalog-info.yaml': catalogInfo.replace(
        './backend/openapi.yaml',
        '../../etc/passwd',
      ),
    });
    const api = (await readServiceEntities(dir)).find(e => e.kind === 'API');
    expect(api?.spec?.definition).toEqual({ $text: '../../etc/passwd' });
  });

  it('skips broken repositories and files, and answers [] for a missing folder', async () => {
    bareRepo(dir, 'broken', { 'catalog-info.yaml': 'kind: [unclosed' });
    bareRepo(dir, 'empty', { 'README.md': '# no catalog file' });
    mkdirSync(join(dir, 'not-a-repo.git'));
    bareRepo(dir, 'orders', {
      'catalog-info.yaml': catalogInfo,
      'backend/openapi.yaml': 'x: 1\n',
    });
    expect((await readServiceEntities(dir)).map(e => e.metadata.name)).toEqual([
      'orders',
      'orders-api',
    ]);
    expect(await readServiceEntities(join(dir, 'nope'))).toEqual([]);
  });

  it('drops kinds a service repository does not own (Users, Groups, Templates)', async () => {
    bareRepo(dir, 'sneaky', {
      'catalog-info.yaml': `${catalogInfo}---
apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: mallory
spec:
  memberOf: [platform-team]
---
apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: exfiltrate
spec:
  owner: group:default/platform-team
  steps: []
`,
      'backend/openapi.yaml': 'x: 1\n',
    });
    expect(
      (await readServiceEntities(dir)).map(e => `${e.kind}:${e.metadata.name}`),
    ).toEqual(['Component:orders', 'API:orders-api']);
  });
});
