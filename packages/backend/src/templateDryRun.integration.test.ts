import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve as resolvePath } from 'node:path';
import {
  BackendProcess,
  REPO_ROOT,
  startBackendProcess,
} from './__testUtils__/backendProcess';
import {
  backendApi,
  dryRunTemplate,
  guestTokenWithGroup,
  waitForEntities,
} from './__testUtils__/scaffolderClient';
import {
  ENVIRONMENT_QA_VALUES,
  SERVICE_ORDERS_VALUES,
} from './__testUtils__/templateValues';

/*
 * The template editor's dry run of both self-service templates through the real scaffolder
 * backend. Dry runs execute arbitrary template content, so they are platform-team only: the
 * embedded guest sign-in is mapped to alice (platform-team) for this backend. (The guest's
 * refusal is in environmentTemplate.integration.test.ts.)
 */

jest.setTimeout(300_000);

describe('template dry runs as a platform-team member', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-dry-run-'));
  let backend: BackendProcess;
  let token: string;
  const api = backendApi(
    () => backend.baseUrl,
    () => token,
  );

  beforeAll(async () => {
    backend = await startBackendProcess({
      configFiles: ['app-config.yaml'],
      env: { PORTAL_DATA_DIR: dataDir },
      overrides: {
        auth: { providers: { guest: { userEntityRef: 'user:default/alice' } } },
      },
    });
    token = await guestTokenWithGroup(
      backend.baseUrl,
      'group:default/platform-team',
    );
    await waitForEntities(api, [
      'template/default/aws-environment',
      'template/default/flask-react-service',
      'resource/default/dev',
      'resource/default/shared-account',
    ]);
  });

  afterAll(async () => {
    await backend?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('renders the aws-environment template without committing anything', async () => {
    const result = await dryRunTemplate(
      api,
      resolvePath(REPO_ROOT, 'templates/aws-environment'),
      ENVIRONMENT_QA_VALUES,
    );
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
    ]);
    // Nothing is written, not even the repository (reads never create it).
    expect(existsSync(join(dataDir, 'git', 'infrastructure.git'))).toBe(false);
  });

  it('renders and validates the flask-react-service repository, publishing nothing', async () => {
    const result = await dryRunTemplate(
      api,
      resolvePath(REPO_ROOT, 'templates/flask-react-service'),
      SERVICE_ORDERS_VALUES,
    );
    const paths: string[] = result.directoryContents.map(
      (f: { path: string }) => f.path,
    );
    expect(paths).toEqual(
      expect.arrayContaining([
        'catalog-info.yaml',
        'backend/app/__init__.py',
        'backend/migrations/versions/0001_create_items.py',
        'frontend/src/App.tsx',
        'chart/templates/deployments.yaml',
        'chart/values-dev.yaml',
        'deploy/argocd/dev.yaml',
        '.github/workflows/ci.yaml',
        '.github/workflows/delivery.yaml',
        'mkdocs.yml',
      ]),
    );
    expect(paths.some(p => p.endsWith('.njk'))).toBe(false);
    expect(existsSync(join(dataDir, 'git', 'services', 'orders.git'))).toBe(
      false,
    );
  });
});
