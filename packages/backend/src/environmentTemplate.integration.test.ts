import { execFileSync } from 'node:child_process';
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve as resolvePath } from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  BackendProcess,
  eventually,
  REPO_ROOT,
  startBackendProcess,
} from './__testUtils__/backendProcess';

/*
 * Runs the real aws-environment template through the real scaffolder backend (embedded
 * defaults: SQLite, guest, local git target): first the dry-run endpoint, then real tasks, and
 * inspects the commit that lands in the local infrastructure repository.
 */

jest.setTimeout(300_000);

const TEMPLATE_DIR = resolvePath(REPO_ROOT, 'templates/aws-environment');
const values = {
  name: 'qa',
  tier: 'dev',
  account: 'resource:default/dev-account',
  region: 'eu-west-1',
  owner: 'group:default/team-orders',
  cidr: 'auto',
  singleNatGateway: true,
  kubernetesVersion: '1.33',
  karpenter: {
    allowSpot: true,
    allowGraviton: true,
    instanceCategories: ['c', 'm', 'r'],
    minInstanceGeneration: 5,
    cpuLimit: 1000,
  },
  database: {},
  domain: 'qa.example.com',
  wafRateLimit: 2000,
  update: false,
};

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full) : [full];
  });
}

describe('aws-environment template on the scaffolder backend (local git target)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-template-'));
  const repo = join(dataDir, 'git', 'infrastructure.git');
  const git = (...args: string[]) =>
    execFileSync('git', ['--git-dir', repo, ...args], {
      encoding: 'utf8',
    }).trim();
  let backend: BackendProcess;
  let token: string;

  const api = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${backend.baseUrl}${path}`, {
      ...init,
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${token}`,
        ...init.headers,
      },
    });
    const text = await res.text();
    if (!res.ok)
      throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };

  const runTask = async (taskValues: Record<string, unknown>) => {
    const { id } = await api('/api/scaffolder/v2/tasks', {
      method: 'POST',
      body: JSON.stringify({
        templateRef: 'template:default/aws-environment',
        values: taskValues,
      }),
    });
    const task = await eventually(
      () => api(`/api/scaffolder/v2/tasks/${id}`),
      t => ['completed', 'failed', 'cancelled'].includes(t.status),
      240_000,
    );
    const { events } = {
      events: await api(`/api/scaffolder/v2/tasks/${id}/events`),
    };
    const log = (events as Array<{ body: { message?: string } }>)
      .map(e => e.body.message ?? '')
      .join('\n');
    return { task, log };
  };

  beforeAll(async () => {
    backend = await startBackendProcess({
      configFiles: ['app-config.yaml'],
      env: { PORTAL_DATA_DIR: dataDir },
    });
    const refresh = await fetch(
      `${backend.baseUrl}/api/auth/guest/refresh?env=development`,
    );
    token = (await refresh.json()).backstageIdentity.token;
    await eventually(
      () =>
        api(
          '/api/catalog/entities/by-name/template/default/aws-environment',
        ).catch(() => undefined),
      t => !!t,
    );
  });

  afterAll(async () => {
    await backend?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('dry-runs the template without committing anything', async () => {
    const template = parseYaml(
      readFileSync(join(TEMPLATE_DIR, 'template.yaml'), 'utf8'),
    );
    const directoryContents = listFiles(TEMPLATE_DIR).map(f => ({
      path: relative(TEMPLATE_DIR, f),
      base64Content: readFileSync(f).toString('base64'),
    }));
    const result = await api('/api/scaffolder/v2/dry-run', {
      method: 'POST',
      body: JSON.stringify({
        template,
        values,
        secrets: {},
        directoryContents,
      }),
    });
    const paths: string[] = result.directoryContents.map(
      (f: { path: string }) => f.path,
    );
    expect(paths).toEqual(
      expect.arrayContaining([
        'environments/qa/main.tf',
        'environments/qa/catalog-info.yaml',
        'modules/vpc/main.tf',
      ]),
    );
    expect(result.steps.map((s: { id: string }) => s.id)).toEqual([
      'modules',
      'plan',
      'validate',
      'publish',
      'register',
    ]);
    expect(git('branch', '--list', 'env/qa')).toBe('');
  });

  it('creates qa as one commit on env/qa with a complete root, and the catalog shows it', async () => {
    const { task, log } = await runTask(values);
    expect({
      status: task.status,
      log: task.status === 'completed' ? '' : log,
    }).toEqual({ status: 'completed', log: '' });
    expect(git('rev-list', '--count', 'main..env/qa')).toBe('1');
    const files = git('ls-tree', '-r', '--name-only', 'env/qa').split('\n');
    for (const f of [
      'main.tf',
      'versions.tf',
      'backend.tf',
      'variables.tf',
      'outputs.tf',
      'terraform.tfvars',
      'README.md',
      'catalog-info.yaml',
    ]) {
      expect(files).toContain(`environments/qa/${f}`);
    }
    expect(files.some(f => f.startsWith('environments/qa/k8s/'))).toBe(true);
    expect(files.some(f => f.startsWith('modules/eks/'))).toBe(true);
    const entity = parseYaml(
      git('show', 'env/qa:environments/qa/catalog-info.yaml'),
    );
    expect(entity.spec).toMatchObject({
      type: 'environment',
      owner: 'group:default/team-orders',
    });

    const inCatalog = await eventually(
      () =>
        api('/api/catalog/entities/by-name/resource/default/qa').catch(
          () => undefined,
        ),
      e => !!e,
      60_000,
    );
    expect(inCatalog.spec.type).toBe('environment');
  });

  it('refuses a prod environment to the guest, who is not in platform-team', async () => {
    const { task, log } = await runTask({
      ...values,
      name: 'live',
      tier: 'prod',
      account: 'resource:default/prod-account',
      singleNatGateway: false,
    });
    expect(task.status).toBe('failed');
    expect(log).toMatch(/requires membership in group:default\/platform-team/);
    expect(git('branch', '--list', 'env/live')).toBe('');
  });

  it('refuses a bad name with the field named, committing nothing', async () => {
    const { task, log } = await runTask({
      ...values,
      name: 'qa2',
      domain: 'x.example.com"\nevil = true',
    });
    expect(task.status).toBe('failed');
    expect(log).toMatch(/domain/);
    expect(git('branch', '--list', 'env/qa2')).toBe('');
  });
});
