import {
  BackstageCredentials,
  BackstageUserPrincipal,
  coreServices,
  createServiceFactory,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { awsInsightsPlugin } from './plugin';
import { specValidator } from './schema/__testUtils__/specValidator';

jest.setTimeout(60_000);

// The real plugin serving the sample fleet (whose prod web ACL has sampled blocked requests)
// behind a permission service that gives the sampled requests to the platform lead only.
const PLATFORM_LEAD = 'user:default/alice';
const APP_DEVELOPER = 'user:default/guest';
const SAMPLED = 'aws-insights.waf.sampled-requests.read';

const platformTeamOnly: PermissionsService = {
  async authorize(requests, options) {
    const user = (options.credentials as BackstageCredentials)
      .principal as Partial<BackstageUserPrincipal>;
    return requests.map(({ permission }) => ({
      result:
        permission.name !== SAMPLED || user.userEntityRef === PLATFORM_LEAD
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
    }));
  },
  async authorizeConditional(requests) {
    return requests.map(() => ({ result: AuthorizeResult.DENY }));
  },
};

describe('sampled WAF requests (client IPs)', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  const get = (path: string, user: string) =>
    request(server)
      .get(`/api/aws-insights${path}`)
      .set('Authorization', mockCredentials.user.header(user));

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        awsInsightsPlugin,
        mockServices.rootConfig.factory({ data: {} }),
        mockServices.scheduler.factory({
          includeInitialDelayedTasksOnStartup: true,
        }),
        createServiceFactory({
          service: coreServices.permissions,
          deps: {},
          factory: () => platformTeamOnly,
        }),
      ],
    }));
    for (let i = 0; i < 100; i++) {
      if ((await get('/fleet', APP_DEVELOPER)).status === 200) return;
      await new Promise(r => setTimeout(r, 200));
    }
    throw new Error('the first refresh never finished');
  });

  it('are served to a holder of aws-insights.waf.sampled-requests.read', async () => {
    const res = await get('/web-acls/prod-web-acl', PLATFORM_LEAD);
    expect(res.status).toBe(200);
    expect(res.body.sampledVisible).toBe(true);
    expect(res.body.sampledAvailable).toBe(true);
    expect(res.body.sampledBlocked.length).toBeGreaterThan(0);
    expect(res.body.sampledBlocked[0].clientIp).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(specValidator()('/web-acls/{name}', 200, res.body)).toEqual([]);
  });

  it('are left out for everyone else, and the body says they are hidden', async () => {
    const res = await get('/web-acls/prod-web-acl', APP_DEVELOPER);
    expect(res.status).toBe(200);
    expect(res.body.sampledVisible).toBe(false);
    expect(res.body).not.toHaveProperty('sampledBlocked');
    expect(JSON.stringify(res.body)).not.toMatch(/clientIp|203\.0\.113\./);
    // The rest of the web ACL is still theirs to see.
    expect(res.body.summary.name).toBe('prod-web-acl');
    expect(res.body.series.length).toBeGreaterThan(0);
    expect(specValidator()('/web-acls/{name}', 200, res.body)).toEqual([]);
  });

  it('are behind a permission the plugin registers beside aws-insights.read', async () => {
    const res = await request(server).get(
      '/api/aws-insights/.well-known/backstage/permissions/metadata',
    );
    expect(res.status).toBe(200);
    expect(res.body.permissions.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['aws-insights.read', SAMPLED]),
    );
  });
});
