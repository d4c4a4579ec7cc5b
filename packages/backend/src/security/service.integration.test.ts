import { FakeGitHub, startFakeGitHub } from '@platform-portal/test-utils';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve as resolvePath } from 'node:path';
import {
  BackendProcess,
  REPO_ROOT,
  startBackendProcess,
} from '../__testUtils__/backendProcess';
import {
  backendApi,
  guestTokenWithGroup,
  runTemplateTask,
  waitForEntities,
} from '../__testUtils__/scaffolderClient';
import { refusalLine } from './__testUtils__/environmentAttacks';

/*
 * Attacks on platform:service:publish through the real backend: templates (owned by
 * platform-team, from a file location of the organisation) that skip platform:service:prepare and
 * platform:service:validate and hand publish a repository with a script-injection workflow, no
 * service name, or a repository in another organisation. Publish must refuse each by itself:
 * no local repository as the guest, and no GitHub write as chioma (team-orders).
 */

jest.setTimeout(420_000);

const TEAM_ORDERS = 'group:default/team-orders';

const ATTACKS = `---
apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: attack-service-skip-validate
spec:
  owner: group:default/platform-team
  type: service
  parameters:
    - properties:
        repoUrl: { type: string }
  steps:
    - id: files
      name: A repository of its own
      action: fetch:plain
      input:
        url: ./evil-service
    - id: publish
      name: Publish
      action: platform:service:publish
      input:
        repoUrl: \${{ parameters.repoUrl }}
        name: orders
        owner: ${TEAM_ORDERS}
---
apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: attack-service-no-name
spec:
  owner: group:default/platform-team
  type: service
  steps:
    - id: files
      name: A repository of its own
      action: fetch:plain
      input:
        url: ./evil-service
    - id: publish
      name: Publish
      action: platform:service:publish
      input:
        repoUrl: github.com?owner=acme&repo=orders
`;

/** A repository whose workflow runs an issue title as shell code, and no ArgoCD Application. */
const EVIL_SERVICE: Record<string, string> = {
  'catalog-info.yaml': `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: orders
  annotations:
    github.com/project-slug: acme/orders
    backstage.io/kubernetes-id: orders
spec:
  type: service
  lifecycle: experimental
  owner: ${TEAM_ORDERS}
`,
  '.github/workflows/ci.yaml': `on: issues
jobs:
  greet:
    runs-on: ubuntu-latest
    steps:
      - run: echo "\${{ github.event.issue.title }}"
`,
};

function writeAttackLocation(dir: string) {
  const location = join(dir, 'service-attacks.yaml');
  mkdirSync(dir, { recursive: true });
  writeFileSync(location, ATTACKS);
  for (const [path, content] of Object.entries(EVIL_SERVICE)) {
    const file = join(dir, 'evil-service', path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return {
    locations: [
      { type: 'file', target: resolvePath(REPO_ROOT, 'catalog/all.yaml') },
      { type: 'file', target: location },
    ],
  };
}

const TEMPLATES = [
  'template/default/attack-service-skip-validate',
  'template/default/attack-service-no-name',
];

const INVALID_REPOSITORY =
  /^InputError: The rendered repository has \d+ problem\(s\):$/;

describe('service publishing guardrails', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-service-attacks-'));
  let backend: BackendProcess | undefined;
  let token = '';
  const api = backendApi(
    () => backend!.baseUrl,
    () => token,
  );
  const attack = async (template: string, values: Record<string, unknown>) => {
    const { task, log } = await runTemplateTask(
      api,
      `template:default/${template}`,
      values,
    );
    expect(task.status).toBe('failed');
    return log;
  };

  afterAll(async () => {
    await backend?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('as the guest, with local service repositories', () => {
    const localData = join(dataDir, 'local');
    const servicesDir = join(localData, 'git', 'services');

    beforeAll(async () => {
      backend = await startBackendProcess({
        configFiles: ['app-config.yaml'],
        env: { PORTAL_DATA_DIR: localData },
        overrides: { catalog: writeAttackLocation(join(localData, 'attacks')) },
      });
      token = await guestTokenWithGroup(backend.baseUrl, TEAM_ORDERS);
      await waitForEntities(api, TEMPLATES);
    });
    afterAll(async () => {
      await backend?.stop();
      backend = undefined;
    });

    it('refuses a template that skips validate: publish runs the validation itself', async () => {
      const log = await attack('attack-service-skip-validate', {
        repoUrl: 'github.com?owner=acme&repo=orders',
      });
      expect(refusalLine(log)).toMatch(INVALID_REPOSITORY);
      expect(log).toMatch(
        /^\.github\/workflows\/ci\.yaml: jobs\.greet\.steps\[0\] interpolates user-controlled/m,
      );
      expect(log).toMatch(/^deploy\/argocd: no ArgoCD Application rendered$/m);
      expect(existsSync(join(servicesDir, 'orders.git'))).toBe(false);
    });

    it('refuses a repository in another organisation', async () => {
      const log = await attack('attack-service-skip-validate', {
        repoUrl: 'github.com?owner=evil&repo=orders',
      });
      expect(refusalLine(log)).toMatch(
        /^InputError: repoUrl: repositories must be created in the organisation 'acme', not 'evil'$/,
      );
      expect(existsSync(servicesDir)).toBe(false);
    });

    it('refuses a publish without the service name to validate against', async () => {
      const log = await attack('attack-service-no-name', {});
      expect(refusalLine(log)).toMatch(
        /^InputError: name: required; platform:service:publish validates the repository against the service name and owner; owner: an owner group is required$/,
      );
      expect(existsSync(servicesDir)).toBe(false);
    });
  });

  describe('as chioma (team-orders), with GitHub', () => {
    let fake: FakeGitHub;

    beforeAll(async () => {
      fake = await startFakeGitHub({ tokens: ['ghp_portal'] });
      await fake.createRepo('acme', 'infrastructure', {
        'README.md': '# infrastructure\n',
      });
      const githubData = join(dataDir, 'github');
      backend = await startBackendProcess({
        configFiles: ['app-config.yaml'],
        env: { PORTAL_DATA_DIR: githubData },
        overrides: {
          integrations: { github: [fake.integrationConfig('ghp_portal')] },
          auth: {
            providers: { guest: { userEntityRef: 'user:default/chioma' } },
          },
          catalog: writeAttackLocation(join(githubData, 'attacks')),
        },
      });
      token = await guestTokenWithGroup(backend.baseUrl, TEAM_ORDERS);
      await waitForEntities(api, TEMPLATES);
    });
    afterAll(() => fake?.stop());

    it('refuses a template that skips validate, with no GitHub write', async () => {
      fake.clearRequests();
      const log = await attack('attack-service-skip-validate', {
        repoUrl: `${fake.host}?owner=acme&repo=orders`,
      });
      expect(refusalLine(log)).toMatch(INVALID_REPOSITORY);
      expect(fake.writes()).toEqual([]);
      expect(existsSync(join(dataDir, 'github', 'git', 'services'))).toBe(
        false,
      );
    });

    it('refuses a repository in another organisation, with no GitHub write', async () => {
      fake.clearRequests();
      const log = await attack('attack-service-skip-validate', {
        repoUrl: `${fake.host}?owner=evil-org&repo=orders`,
      });
      expect(refusalLine(log)).toMatch(
        /^InputError: repoUrl: repositories must be created in the organisation 'acme', not 'evil-org'$/,
      );
      expect(fake.writes()).toEqual([]);
    });
  });
});
