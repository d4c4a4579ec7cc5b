import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { EventParams, eventsServiceRef } from '@backstage/plugin-events-node';
import { AWS_INSIGHTS_REFRESHED_TOPIC } from '@platform-portal/platform-common';
import request from 'supertest';
import { awsInsightsPlugin } from './plugin';
import { awsInsightsServiceRef } from './service/awsInsightsServiceRef';
import { specValidator } from './schema/__testUtils__/specValidator';

jest.setTimeout(60_000);

// The real plugin on a test backend (SQLite, memory cache, real scheduler) with no AWS
// configured: it serves the labelled sample fleet through the same aggregation and API.
/** A module of the plugin: it shares the plugin's events service and AwsInsightsService. */
const listener = (received: EventParams[], sampleMode: boolean[]) =>
  createBackendModule({
    pluginId: 'aws-insights',
    moduleId: 'test-listener',
    register(reg) {
      reg.registerInit({
        deps: { events: eventsServiceRef, insights: awsInsightsServiceRef },
        async init({ events, insights }) {
          sampleMode.push(insights.sampleMode);
          await events.subscribe({
            id: 'test-listener',
            topics: [AWS_INSIGHTS_REFRESHED_TOPIC],
            onEvent: async event => {
              received.push(event);
            },
          });
        },
      });
    },
  });

describe('aws-insights plugin (sample fleet)', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  const user = mockCredentials.user.header();
  const received: EventParams[] = [];
  const sampleMode: boolean[] = [];

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        awsInsightsPlugin,
        listener(received, sampleMode),
        mockServices.rootConfig.factory({ data: {} }),
        // Runs the refresh task once at start-up, as the real scheduler does after its delay.
        mockServices.scheduler.factory({
          includeInitialDelayedTasksOnStartup: true,
        }),
        // Requests without a token are anonymous, as in production.
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    }));
    for (let i = 0; i < 100; i++) {
      const res = await request(server)
        .get('/api/aws-insights/fleet')
        .set('Authorization', user);
      if (res.status === 200) return;
      await new Promise(r => setTimeout(r, 200));
    }
    throw new Error('the first refresh never finished');
  });

  it('answers every endpoint with a body that matches openapi.yaml', async () => {
    const validate = specValidator();
    const get = (url: string) =>
      request(server).get(`/api/aws-insights${url}`).set('Authorization', user);
    const fleet = await get('/fleet');
    const checks: Array<[string, string, number]> = [
      ['/fleet', '/fleet', 200],
      ['/fleet', '/fleet?accountId=000000000005&region=eu-central-1', 200],
      ['/fleet', '/fleet?region=Ireland', 400],
      ['/environments/{name}', '/environments/prod', 200],
      ['/clusters/{name}', '/clusters/prod-eks', 200],
      [
        '/databases/{name}',
        `/databases/${fleet.body.databases[0].record.identifier}`,
        200,
      ],
      ['/web-acls/{name}', `/web-acls/${fleet.body.wafs[0].name}?hours=1`, 200],
      ['/history', '/history?scope=fleet&days=7', 200],
      ['/environments/{name}', '/environments/nowhere', 404],
    ];
    for (const [path, url, status] of checks) {
      const res = await get(url);
      expect({ url, status: res.status }).toEqual({ url, status });
      expect({ url, problems: validate(path, status, res.body) }).toEqual({
        url,
        problems: [],
      });
    }
  });

  it('publishes aws-insights.refreshed after the refresh, naming the fleet it produced', async () => {
    const fleet = await request(server)
      .get('/api/aws-insights/fleet')
      .set('Authorization', user);
    expect(sampleMode).toEqual([true]);
    expect(received).toEqual([
      {
        topic: AWS_INSIGHTS_REFRESHED_TOPIC,
        eventPayload: { generatedAt: fleet.body.generatedAt, sample: true },
      },
    ]);
  });

  it('refuses unauthenticated callers', async () => {
    const res = await request(server).get('/api/aws-insights/fleet');
    expect(res.status).toBe(401);
  });

  it('serves the fleet flagged as sample, with its time, staleness limit and sources', async () => {
    const res = await request(server)
      .get('/api/aws-insights/fleet')
      .set('Authorization', user);
    expect(res.body.sample).toBe(true);
    // Stale after two missed 5-minute refreshes and a minute's grace.
    expect(
      Date.parse(res.body.staleAfter) - Date.parse(res.body.generatedAt),
    ).toBe(11 * 60_000);
    expect(res.body).not.toHaveProperty('ageSeconds');
    expect(
      res.body.sources.every(
        (s: { service: string }) => s.service === 'sample',
      ),
    ).toBe(true);
    expect(
      res.body.clusters.map((c: { cluster: string }) => c.cluster),
    ).toEqual(expect.arrayContaining(['dev-eks', 'staging-eks', 'prod-eks']));
    expect(res.body.mix.cells).toHaveLength(4);
    expect(
      res.body.mix.cells.every((c: { count: number }) => c.count > 0),
    ).toBe(true);
  });

  it('serves one environment through the same aggregation', async () => {
    const res = await request(server)
      .get('/api/aws-insights/environments/dev')
      .set('Authorization', user);
    expect(res.status).toBe(200);
    expect(
      res.body.clusters.map((c: { environment: string }) => c.environment),
    ).toEqual(['dev']);
    const dev = res.body.databases.find(
      (d: any) => d.record.identifier === 'dev-postgres',
    );
    expect(dev.verdict).toBe('critical');
    expect(dev.reasons).toContain('backup retention 1 day < 7');
  });

  it('serves /fleet gzipped to clients that accept it, plain to others, and 304 on a matching ETag', async () => {
    const gzipped = await request(server)
      .get('/api/aws-insights/fleet')
      .set('Authorization', user)
      .set('Accept-Encoding', 'gzip, deflate, br');
    expect(gzipped.status).toBe(200);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers.vary).toMatch(/Accept-Encoding/);
    expect(gzipped.body.sample).toBe(true); // supertest decoded it
    const plain = await request(server)
      .get('/api/aws-insights/fleet')
      .set('Authorization', user)
      .set('Accept-Encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.generatedAt).toBe(gzipped.body.generatedAt);
    expect(plain.headers['content-type']).toMatch(/application\/json/);
    expect(plain.headers.etag).toMatch(/^W\/"fleet-[A-Za-z0-9_-]{20}"$/);
    expect(gzipped.headers.etag).toBe(plain.headers.etag);
    const revalidated = await request(server)
      .get('/api/aws-insights/fleet')
      .set('Authorization', user)
      .set('If-None-Match', plain.headers.etag);
    expect(revalidated.status).toBe(304);
    expect(revalidated.text).toBe('');
  });

  it('serves the very same bytes until the next refresh, however much time passes', async () => {
    const get = () =>
      request(server)
        .get('/api/aws-insights/fleet')
        .set('Authorization', user)
        .set('Accept-Encoding', 'identity')
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
    const first = await get();
    const now = jest.spyOn(Date, 'now').mockReturnValue(Date.now() + 90_000);
    try {
      const later = await get();
      expect(later.headers.etag).toBe(first.headers.etag);
      expect((later.body as Buffer).equals(first.body as Buffer)).toBe(true);
    } finally {
      now.mockRestore();
    }
  });

  it('serves a subset of the fleet for the filter bar (account, region, environment)', async () => {
    const get = (query: string) =>
      request(server)
        .get(`/api/aws-insights/fleet${query}`)
        .set('Authorization', user);
    const all = (await get('')).body;
    const prodCentral = (
      await get('?accountId=000000000005&region=eu-central-1')
    ).body;
    expect(prodCentral.clusters.map((c: any) => c.cluster)).toEqual([
      'prod-eks-euc1',
    ]);
    expect(prodCentral.sample).toBe(true);
    expect(prodCentral.fleet.nodes).toBe(prodCentral.clusters[0].nodes);
    expect(prodCentral.fleet.nodes).toBeLessThan(all.fleet.nodes);
    const staging = (await get('?environment=staging')).body;
    expect(staging.clusters.map((c: any) => c.environment)).toEqual([
      'staging',
    ]);
    expect(staging.databases.map((d: any) => d.record.environment)).toEqual(
      staging.databases.map(() => 'staging'),
    );
    const bad = await get('?accountId=12');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/accountId must match pattern/);
  });

  it('serves a cluster, a database and a web ACL by name', async () => {
    const cluster = await request(server)
      .get('/api/aws-insights/clusters/prod-eks')
      .set('Authorization', user);
    expect(cluster.body.cluster.cluster).toBe('prod-eks');
    expect(cluster.body.mix.cells).toHaveLength(4);
    const fleet = await request(server)
      .get('/api/aws-insights/fleet')
      .set('Authorization', user);
    const acl = fleet.body.wafs[0].name;
    const waf = await request(server)
      .get(`/api/aws-insights/web-acls/${acl}?hours=24`)
      .set('Authorization', user);
    expect(waf.status).toBe(200);
    expect(waf.body.summary.name).toBe(acl);
  });

  it('answers unknown names with 404 and bad parameters with 400 naming the field', async () => {
    const env = await request(server)
      .get('/api/aws-insights/environments/nowhere')
      .set('Authorization', user);
    expect(env.status).toBe(404);
    const days = await request(server)
      .get('/api/aws-insights/history?days=90')
      .set('Authorization', user);
    expect(days.status).toBe(400);
    expect(days.body.error.message).toMatch(/days must be <= 30/);
    const scope = await request(server)
      .get('/api/aws-insights/history?scope=everything')
      .set('Authorization', user);
    expect(scope.status).toBe(400);
    expect(scope.body.error.message).toMatch(/scope must match pattern/);
  });

  it('records the refresh in the history', async () => {
    const res = await request(server)
      .get('/api/aws-insights/history?scope=environment:prod&days=7')
      .set('Authorization', user);
    expect(res.status).toBe(200);
    expect(res.body.points.length).toBeGreaterThanOrEqual(1);
    expect(res.body.points[0].vcpu).toBeGreaterThan(0);
  });

  it('backfills 30 days of labelled sample trend on the first sample refresh', async () => {
    const res = await request(server)
      .get('/api/aws-insights/history?scope=fleet&days=30')
      .set('Authorization', user);
    const points = res.body.points as Array<{
      takenAt: string;
      sample: boolean;
    }>;
    // 119 backfilled 6-hourly points plus at least the refresh itself.
    expect(points.length).toBeGreaterThanOrEqual(120);
    expect(points.every(p => p.sample)).toBe(true);
    const spanDays =
      (Date.parse(points[points.length - 1].takenAt) -
        Date.parse(points[0].takenAt)) /
      86_400_000;
    expect(spanDays).toBeGreaterThan(29.5);
  });
});

describe('aws-insights plugin before its first refresh', () => {
  it('answers 503 with Retry-After where the snapshot is needed, and serves health and history', async () => {
    // A scheduler that records tasks and triggers without running them: no refresh happens.
    const scheduler = mockServices.scheduler.mock();
    const { server } = await startTestBackend({
      features: [
        awsInsightsPlugin,
        mockServices.rootConfig.factory({ data: {} }),
        scheduler.factory,
      ],
    });
    // With nothing in the cache, start-up asks for the first refresh at once.
    expect(scheduler.triggerTask).toHaveBeenCalledWith('aws-insights-refresh');
    const validate = specValidator();
    const get = (url: string) =>
      request(server)
        .get(`/api/aws-insights${url}`)
        .set('Authorization', mockCredentials.user.header());
    for (const [path, url] of [
      ['/fleet', '/fleet'],
      ['/fleet', '/fleet?environment=prod'],
      ['/environments/{name}', '/environments/prod'],
      ['/clusters/{name}', '/clusters/prod-eks'],
      ['/databases/{name}', '/databases/prod-aurora-pg'],
      ['/web-acls/{name}', '/web-acls/prod-web-acl'],
    ]) {
      const res = await get(url);
      expect({ url, status: res.status }).toEqual({ url, status: 503 });
      // The first refresh is due 3 s after start-up; the client waits that plus 5 s at most.
      expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(8);
      expect(res.body.error.name).toBe('ServiceUnavailableError');
      expect(validate(path, 503, res.body)).toEqual([]);
    }
    const history = await get('/history');
    expect(history.status).toBe(200);
    expect(history.body).toEqual({ scope: 'fleet', days: 7, points: [] });
    expect((await get('/health')).body).toEqual({ status: 'ok', sample: true });
  });
});
