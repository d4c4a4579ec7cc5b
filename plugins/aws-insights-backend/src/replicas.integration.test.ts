/**
 * Two replicas of the real plugin in one process, as two backends sharing ONE PostgreSQL
 * database and ONE Redis cache, each with the REAL scheduler (not the mock). Proves the
 * 'aws-insights-refresh' task (scope global) runs on one replica per period and that both
 * replicas serve the same refresh from the shared cache.
 * Needs PostgreSQL 15 and Redis 7: BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING and
 * BACKSTAGE_TEST_CACHE_REDIS7_CONNECTION_STRING (or Docker). Skips, saying why, otherwise.
 */
// The real scheduler lives in @backstage/backend-defaults, which package.json does not declare
// yet (it is installed as a dependency of backend-test-utils): add it to devDependencies.
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockServices,
  startTestBackend,
  TestBackend,
  TestCaches,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { awsInsightsPlugin } from './plugin';
import { reachable } from './__testUtils__/reachable';
import {
  LogEntry,
  recordingLoggerFactory,
} from './__testUtils__/recordingLogger';
import { getInsights, waitForFleet } from './__testUtils__/waitForFleet';

jest.setTimeout(120_000);

const PERIOD_MS = 2_000;
/** How long both replicas run side by side after the first refresh landed. */
const WINDOW_MS = 10_000;
const REFRESHED = 'AWS insights refreshed';

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });
const caches = TestCaches.create({ ids: ['REDIS_7'] });

let skipReason: string | undefined;
let knex: Knex;
const replicas: TestBackend[] = [];
const logs: LogEntry[][] = [[], []];

const refreshTimes = (entries: LogEntry[]) =>
  entries.filter(e => e.message.startsWith(REFRESHED)).map(e => e.at);

beforeAll(async () => {
  skipReason = await reachable({
    POSTGRES_15: databases.supports('POSTGRES_15')
      ? process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
        'docker'
      : undefined,
    REDIS_7: caches.supports('REDIS_7')
      ? process.env.BACKSTAGE_TEST_CACHE_REDIS7_CONNECTION_STRING ?? 'docker'
      : undefined,
  });
  if (skipReason) {
    // eslint-disable-next-line no-console
    console.warn(`Skipping the replicas integration test: ${skipReason}`);
    return;
  }
  knex = await databases.init('POSTGRES_15'); // a fresh logical database
  const { connection } = await caches.init('REDIS_7');
  const config = {
    backend: {
      cache: {
        store: 'redis',
        connection,
        // Own key namespace: other test runs on the same Redis never see these keys.
        redis: {
          client: { namespace: `aws-insights-replicas-${randomUUID()}` },
        },
      },
    },
    // No accounts: sample mode, so each refresh takes milliseconds and needs no AWS.
    awsInsights: { refreshFrequency: { seconds: PERIOD_MS / 1000 } },
  };
  for (const entries of logs) {
    replicas.push(
      await startTestBackend({
        features: [
          awsInsightsPlugin,
          mockServices.rootConfig.factory({ data: config }),
          // Same knex for both: the plugin tables and the scheduler's task lock are shared.
          mockServices.database.factory({ knex }),
          // The default cache factory reads backend.cache: both replicas use the Redis above.
          schedulerServiceFactory,
          recordingLoggerFactory(entries),
        ],
      }),
    );
  }
  await waitForFleet(replicas[0]);
  await new Promise(resolve => setTimeout(resolve, WINDOW_MS));
});

async function stopReplicas() {
  while (replicas.length) await replicas.pop()!.stop();
}

afterAll(stopReplicas);

describe('two aws-insights replicas on one database and one cache', () => {
  it('serve the same refresh from the shared cache', async () => {
    if (skipReason) return;
    // A refresh may land between two reads: retry until replica A reads the same
    // generatedAt before and after replica B's read, then B must have read it too.
    for (let attempt = 0; attempt < 5; attempt++) {
      const a1 = await getInsights(replicas[0], '/fleet');
      const b = await getInsights(replicas[1], '/fleet');
      const a2 = await getInsights(replicas[0], '/fleet');
      if (a1.body.generatedAt !== a2.body.generatedAt) continue;
      expect(a1.body.sample).toBe(true);
      expect(b.body.generatedAt).toBe(a1.body.generatedAt);
      // The same bytes from the shared cache: the same ETag, whichever replica answers.
      expect(b.text).toBe(a1.text);
      expect(b.headers.etag).toBe(a1.headers.etag);
      const revalidated = await getInsights(replicas[1], '/fleet').set(
        'If-None-Match',
        a1.headers.etag,
      );
      if (revalidated.status === 200) continue; // a refresh landed just now
      expect(revalidated.status).toBe(304);
      return;
    }
    throw new Error('a refresh landed during every one of 5 read rounds');
  });

  it('runs the refresh task on one replica per period (global scope)', async () => {
    if (skipReason) return;
    await stopReplicas();
    await new Promise(resolve => setTimeout(resolve, 500)); // an in-flight run finishes

    const perReplica = logs.map(refreshTimes);
    const all = perReplica.flat().sort((x, y) => x - y);
    const span = all[all.length - 1] - all[0];
    // Runs start at most once per period, plus one for the first run and one for the
    // scheduler's poll jitter; two independent schedulers would do about twice as many.
    expect(all.length).toBeGreaterThanOrEqual(3);
    expect(all.length).toBeLessThanOrEqual(Math.floor(span / PERIOD_MS) + 2);

    // One 'fleet' history row per refresh, whichever replica ran it (the sample trend that the
    // first refresh backfills lies a day and more in the past: not counted).
    const [{ count }] = await knex('insight_snapshots')
      .where('scope', 'fleet')
      .andWhere('taken_at', '>', new Date(Date.now() - 3_600_000))
      .count({ count: '*' });
    expect(Number(count)).toBe(all.length);
    // ...and the backfill happened exactly once: 119 six-hourly points within 30 days.
    const [{ backfilled }] = await knex('insight_snapshots')
      .where('scope', 'fleet')
      .andWhere('taken_at', '<', new Date(Date.now() - 3_600_000))
      .count({ backfilled: '*' });
    expect(Number(backfilled)).toBe(119);
    const tasks = await knex('backstage_backend_tasks__tasks').where(
      'id',
      'aws-insights-refresh',
    );
    expect(tasks).toHaveLength(1);
    // eslint-disable-next-line no-console
    console.info(
      `refreshes in ${span} ms: ${all.length} (replica A ${perReplica[0].length}, replica B ${perReplica[1].length})`,
    );
  });
});
