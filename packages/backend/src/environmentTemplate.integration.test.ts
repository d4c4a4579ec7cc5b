import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve as resolvePath } from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  BackendProcess,
  eventually,
  REPO_ROOT,
  startBackendProcess,
} from './__testUtils__/backendProcess';
import {
  backendApi,
  dryRunTemplate,
  guestToken,
  runTemplateTask,
  waitForEntities,
} from './__testUtils__/scaffolderClient';
import { ENVIRONMENT_QA_VALUES } from './__testUtils__/templateValues';

/*
 * Runs the real aws-environment template through the real scaffolder backend (embedded
 * defaults: SQLite, guest, local git target): real tasks as the guest (an app-team member), whose
 * dry runs are refused, and inspects the commit that lands in the local infrastructure repository.
 * The dry run itself is in templateDryRun.integration.test.ts (as a platform-team member).
 */

jest.setTimeout(300_000);

const TEMPLATE_DIR = resolvePath(REPO_ROOT, 'templates/aws-environment');
const values = ENVIRONMENT_QA_VALUES;

describe('aws-environment template on the scaffolder backend (local git target)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-template-'));
  const repo = join(dataDir, 'git', 'infrastructure.git');
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
    runTemplateTask(api, 'template:default/aws-environment', taskValues);

  beforeAll(async () => {
    backend = await startBackendProcess({
      configFiles: ['app-config.yaml'],
      env: { PORTAL_DATA_DIR: dataDir },
    });
    token = await guestToken(backend.baseUrl);
    await waitForEntities(api, ['template/default/aws-environment']);
  });

  afterAll(async () => {
    await backend?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a dry run to the guest: running arbitrary template content is platform-team only', async () => {
    await expect(dryRunTemplate(api, TEMPLATE_DIR, values)).rejects.toThrow(
      /: 403 .*NotAllowedError/,
    );
    // Nothing is written, not even the repository (reads never create it).
    expect(existsSync(repo)).toBe(false);
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
    expect(
      files.some(f => f.startsWith('environments/qa/cluster/karpenter/')),
    ).toBe(true);
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
