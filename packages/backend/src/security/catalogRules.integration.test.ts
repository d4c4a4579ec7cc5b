import { FakeGitHub, startFakeGitHub } from '@platform-portal/test-utils';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BackendProcess,
  eventually,
  startBackendProcess,
} from '../__testUtils__/backendProcess';
import {
  backendApi,
  guestTokenWithGroup,
} from '../__testUtils__/scaffolderClient';

/*
 * The platform team registers an app team's repository; its catalog-info.yaml tries to smuggle
 * in a User who is a platform-team member, a Template and an aws-account. The real catalog, with
 * the portal's catalog rules and processors, must ingest the Component and nothing else.
 */

jest.setTimeout(300_000);

const component = (name: string) => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
spec:
  type: website
  lifecycle: production
  owner: group:default/team-storefront
`;

/** Who-is-who and what-runs-with-the-portal's-credentials: refused by the catalog rules. */
const WITH_USER_AND_TEMPLATE = `${component('storefront-web')}---
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
  name: smuggled-template
spec:
  owner: group:default/platform-team
  type: service
  steps: []
`;

/** An AWS account (where the portal deploys): refused by catalog-backend-module-aws-accounts. */
const WITH_AWS_ACCOUNT = `${component('billing-web')}---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: mallory-account
  annotations:
    aws.amazon.com/account-id: '999999999999'
spec:
  type: aws-account
  owner: group:default/platform-team
`;

describe('catalog rules: an app repository cannot add Users, Templates or AWS accounts', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-catalog-rules-'));
  let fake: FakeGitHub;
  let backend: BackendProcess;
  let token = '';
  const api = backendApi(
    () => backend.baseUrl,
    () => token,
  );
  const byName = (kind: string, name: string) =>
    api(`/api/catalog/entities/by-name/${kind}/default/${name}`).catch(
      () => undefined,
    );

  beforeAll(async () => {
    fake = await startFakeGitHub({ tokens: ['ghp_portal'] });
    await fake.createRepo('acme', 'storefront-web', {
      'catalog-info.yaml': WITH_USER_AND_TEMPLATE,
    });
    await fake.createRepo('acme', 'billing-web', {
      'catalog-info.yaml': WITH_AWS_ACCOUNT,
    });
    backend = await startBackendProcess({
      configFiles: ['app-config.yaml'],
      env: { PORTAL_DATA_DIR: dataDir },
      overrides: {
        integrations: { github: [fake.integrationConfig('ghp_portal')] },
        auth: {
          providers: { guest: { userEntityRef: 'user:default/alice' } },
        },
      },
    });
    token = await guestTokenWithGroup(
      backend.baseUrl,
      'group:default/platform-team',
    );
  });

  afterAll(async () => {
    await backend?.stop();
    await fake?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const register = (repo: string) =>
    api('/api/catalog/locations', {
      method: 'POST',
      body: JSON.stringify({
        type: 'url',
        target: `${fake.baseUrl}/acme/${repo}/blob/main/catalog-info.yaml`,
      }),
    });

  it('refuses a User and a Template from an app repository: the location fails, nothing lands', async () => {
    await register('storefront-web');
    // The catalog reports the refusal on the location (and logs it); wait for that processing.
    const refusal =
      /Entity user:default\/mallory at url:\S+\/acme\/storefront-web\/\S+ .*is not of an allowed kind for that location/;
    const output = await eventually(
      async () => backend.output(),
      text => refusal.test(text),
      90_000,
    );
    expect(output).toMatch(refusal);
    expect(await byName('user', 'mallory')).toBeUndefined();
    expect(await byName('template', 'smuggled-template')).toBeUndefined();
    expect(await byName('component', 'storefront-web')).toBeUndefined();
    const group = await byName('group', 'platform-team');
    expect(
      (group?.relations ?? []).map((r: { targetRef: string }) => r.targetRef),
    ).not.toContain('user:default/mallory');
  });

  it('refuses an aws-account from an app repository and still ingests its Component', async () => {
    await register('billing-web');
    const found = await eventually(
      () => byName('component', 'billing-web'),
      entity => !!entity,
      90_000,
    );
    expect(found?.metadata.name).toBe('billing-web');
    const refusal = await eventually(
      () =>
        api(
          '/api/catalog/entities/by-query?filter=kind=resource,metadata.name=mallory-account',
        ).then(r => r.items),
      items => items.length === 0,
      5_000,
    );
    expect(refusal).toEqual([]);
    expect(await byName('resource', 'mallory-account')).toBeUndefined();
  });
});
