import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve as resolvePath } from 'node:path';
import {
  BackendProcess,
  eventually,
  REPO_ROOT,
  startBackendProcess,
} from '../__testUtils__/backendProcess';
import {
  backendApi,
  guestTokenWithGroup,
  runTemplateTask,
  waitForEntities,
} from '../__testUtils__/scaffolderClient';

/*
 * Attacks on the permission policy through the real backend: an ordinary signed-in user (the
 * guest, a member of team-orders) tries to reach power that is the platform team's. Each attack
 * must be refused with nothing written. Two identities share one SQLite data folder: alice
 * (platform-team) first, then the backend restarts with the guest, as an attacker would find it.
 */

jest.setTimeout(300_000);

const PLATFORM_TEAM = 'group:default/platform-team';

/** Templates an attacker would like to run: one their own team made, one that uses the portal's GitHub credentials. */
const ATTACK_TEMPLATES = `
apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: team-made
  title: A template an app team wrote
spec:
  owner: group:default/team-orders
  type: service
  steps:
    - id: log
      name: Log
      action: debug:log
      input:
        message: team-made ran
---
apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: github-publisher
  title: Uses the portal's GitHub credentials
spec:
  owner: ${PLATFORM_TEAM}
  type: service
  steps:
    - id: push
      name: Push
      action: publish:github
      input:
        repoUrl: github.com?owner=acme&repo=leak
`;

describe('permission policy: an app-team member cannot reach the platform team’s power', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-policy-'));
  const extraLocation = join(dataDir, 'attack-templates.yaml');
  writeFileSync(extraLocation, ATTACK_TEMPLATES);
  let backend: BackendProcess | undefined;
  let token = '';
  const api = backendApi(
    () => backend!.baseUrl,
    () => token,
  );
  let alicesTaskId = '';
  let alicesWebAcl: any;
  const IPV4 = /\b\d{1,3}(\.\d{1,3}){3}\b/;

  let lastError = '';
  /** The sample fleet's web ACLs as the caller may see them (waits for the first refresh). */
  async function webAcls(): Promise<any[]> {
    const fleet = await eventually(
      () =>
        api('/api/aws-insights/fleet').catch(e => {
          lastError = String(e);
          return undefined;
        }),
      f => !!f?.wafs?.length,
      90_000,
    );
    if (!fleet) throw new Error(`no fleet for this user: ${lastError}`);
    return Promise.all(
      fleet.wafs.map((w: { name: string }) =>
        api(`/api/aws-insights/web-acls/${encodeURIComponent(w.name)}`),
      ),
    );
  }

  async function startAs(userEntityRef: string, group: string) {
    await backend?.stop();
    backend = await startBackendProcess({
      configFiles: ['app-config.yaml'],
      env: { PORTAL_DATA_DIR: dataDir },
      overrides: {
        auth: { providers: { guest: { userEntityRef } } },
        catalog: {
          locations: [
            {
              type: 'file',
              target: resolvePath(REPO_ROOT, 'catalog/all.yaml'),
            },
            { type: 'file', target: extraLocation },
          ],
        },
      },
    });
    token = await guestTokenWithGroup(backend.baseUrl, group);
  }

  beforeAll(async () => {
    await startAs('user:default/alice', PLATFORM_TEAM);
    await waitForEntities(api, ['template/default/team-made']);
    const { task } = await runTemplateTask(
      api,
      'template:default/team-made',
      {},
    );
    if (task.status !== 'completed') {
      throw new Error(`alice's task should complete, got ${task.status}`);
    }
    alicesTaskId = task.id;
    alicesWebAcl = (await webAcls()).find(w => w.sampledBlocked?.length);
    await startAs('user:default/guest', 'group:default/team-orders');
    await waitForEntities(api, ['template/default/github-publisher']);
  });

  afterAll(async () => {
    await backend?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('hides a template the platform team does not own, and refuses to run it', async () => {
    await expect(
      api('/api/catalog/entities/by-name/template/default/team-made'),
    ).rejects.toThrow(/: 404 /);
    await expect(
      api('/api/scaffolder/v2/tasks', {
        method: 'POST',
        body: JSON.stringify({
          templateRef: 'template:default/team-made',
          values: {},
        }),
      }),
    ).rejects.toThrow(/: (403|404) /);
  });

  it('refuses a built-in action that uses the portal’s GitHub credentials', async () => {
    const { task, log } = await runTemplateTask(
      api,
      'template:default/github-publisher',
      {},
    );
    expect(task.status).toBe('failed');
    expect(log).toMatch(/Unauthorized action: publish:github/);
  });

  it('refuses to read, list or cancel another user’s task', async () => {
    await expect(
      api(`/api/scaffolder/v2/tasks/${alicesTaskId}`),
    ).rejects.toThrow(/: (403|404) /);
    await expect(
      api(`/api/scaffolder/v2/tasks/${alicesTaskId}/events`),
    ).rejects.toThrow(/: (403|404) /);
    await expect(
      api(`/api/scaffolder/v2/tasks/${alicesTaskId}/cancel`, {
        method: 'POST',
      }),
    ).rejects.toThrow(/: (403|404) /);
    const { tasks } = await api('/api/scaffolder/v2/tasks');
    expect(tasks.map((t: { id: string }) => t.id)).not.toContain(alicesTaskId);
  });

  it('hides the client IPs of sampled WAF requests from everyone but the platform team', async () => {
    // alice (platform-team) saw them before the restart: the samples exist.
    expect(alicesWebAcl?.sampledVisible).toBe(true);
    expect(JSON.stringify(alicesWebAcl.sampledBlocked)).toMatch(IPV4);
    const asGuest = await webAcls();
    expect(asGuest.map(w => w.sampledVisible)).not.toContain(true);
    for (const acl of asGuest) {
      expect(acl).not.toHaveProperty('sampledBlocked');
      expect(JSON.stringify(acl)).not.toMatch(IPV4);
    }
  });

  it('refuses to register or analyze a location, and registers nothing', async () => {
    const target =
      'https://github.com/attacker/catalog/blob/main/catalog-info.yaml';
    await expect(
      api('/api/catalog/locations', {
        method: 'POST',
        body: JSON.stringify({ type: 'url', target }),
      }),
    ).rejects.toThrow(/: 403 /);
    await expect(
      api('/api/catalog/analyze-location', {
        method: 'POST',
        body: JSON.stringify({ location: { type: 'url', target } }),
      }),
    ).rejects.toThrow(/: 403 /);
    const locations = (await api('/api/catalog/locations')) as Array<{
      data: { target: string };
    }>;
    expect(locations.map(l => l.data.target)).not.toContain(target);
  });
});
