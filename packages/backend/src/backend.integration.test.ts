import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve as resolvePath } from 'node:path';
import { CacheManager } from '@backstage/backend-defaults/cache';
import { ConfigSources } from '@backstage/config-loader';
import { Client } from 'pg';
import { createClient } from '@redis/client';
import {
  BackendProcess,
  eventually,
  REPO_ROOT,
  startBackendProcess,
} from './__testUtils__/backendProcess';

/*
 * Boots the real backend twice: on this machine's PostgreSQL + Redis with
 * app-config.production.yaml, and on the embedded SQLite default. Both must become ready and
 * serve the repository's catalog through the authenticated API.
 */

jest.setTimeout(240_000);

const PG = {
  host: process.env.POSTGRES_HOST ?? '127.0.0.1',
  port: Number(process.env.POSTGRES_PORT ?? 5432),
  user: process.env.POSTGRES_USER ?? 'postgres',
  password: process.env.POSTGRES_PASSWORD ?? '',
};
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ACCOUNTS = [
  'dev-account',
  'org-root-account',
  'prod-account',
  'shared-account',
  'staging-account',
];

async function fetchAccounts(baseUrl: string, token: string) {
  const res = await fetch(
    `${baseUrl}/api/catalog/entities/by-query?filter=kind=resource,spec.type=aws-account`,
    { headers: { Authorization: `Bearer ${token}` } },
  );
  if (!res.ok)
    throw new Error(`catalog answered ${res.status}: ${await res.text()}`);
  const body = (await res.json()) as {
    items: Array<{ metadata: { name: string } }>;
  };
  return body.items.map(e => e.metadata.name).sort();
}

const fiveAccounts = (names: string[]) => names.length === ACCOUNTS.length;

describe('backend on PostgreSQL + Redis (app-config.production.yaml)', () => {
  const runId = `${process.pid}_${randomBytes(3).toString('hex')}`;
  const dbPrefix = `portal_it_${runId}_`;
  const redisNamespace = `portal-it-${runId}`;
  const token = randomBytes(24).toString('base64url');
  const backendEnv: Record<string, string> = {
    POSTGRES_HOST: PG.host,
    POSTGRES_PORT: String(PG.port),
    POSTGRES_USER: PG.user,
    POSTGRES_PASSWORD: PG.password,
    POSTGRES_DATABASE_PREFIX: dbPrefix,
    REDIS_URL,
    REDIS_NAMESPACE: redisNamespace,
    PORTAL_CATALOG_DIR: resolvePath(REPO_ROOT, 'catalog'),
  };
  let backend: BackendProcess;

  beforeAll(async () => {
    backend = await startBackendProcess({
      configFiles: ['app-config.yaml', 'app-config.production.yaml'],
      env: backendEnv,
      overrides: {
        backend: {
          auth: {
            externalAccess: [
              {
                type: 'static',
                options: { token, subject: 'integration-test' },
              },
            ],
          },
        },
      },
    });
  });

  afterAll(async () => {
    await backend?.stop();
    const pg = new Client({ ...PG, database: 'postgres' });
    await pg.connect();
    const { rows } = await pg.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE datname LIKE $1',
      [`${dbPrefix}%`],
    );
    for (const { datname } of rows) {
      await pg.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
    await pg.end();
    const redis = createClient({ url: REDIS_URL });
    await redis.connect();
    for await (const key of redis.scanIterator({
      MATCH: `${redisNamespace}*`,
    })) {
      await redis.del(key);
    }
    await redis.quit();
  });

  it('refuses unauthenticated catalog reads', async () => {
    const res = await fetch(`${backend.baseUrl}/api/catalog/entities`);
    expect(res.status).toBe(401);
  });

  it('serves the five AWS accounts to a service token', async () => {
    const names = await eventually(
      () => fetchAccounts(backend.baseUrl, token),
      fiveAccounts,
    );
    expect(names).toEqual(ACCOUNTS);
  });

  it('keeps each plugin in its own PostgreSQL database', async () => {
    const pg = new Client({ ...PG, database: 'postgres' });
    await pg.connect();
    const { rows } = await pg.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY datname',
      [`${dbPrefix}%`],
    );
    await pg.end();
    const databases = rows.map(r => r.datname);
    expect(databases).toEqual(
      expect.arrayContaining([
        `${dbPrefix}catalog`,
        `${dbPrefix}scaffolder`,
        `${dbPrefix}auth`,
      ]),
    );

    const catalogDb = new Client({ ...PG, database: `${dbPrefix}catalog` });
    await catalogDb.connect();
    // The catalog's own tables hold the ingested accounts.
    const accounts = await eventually(
      async () =>
        (
          await catalogDb.query(
            "SELECT count(*)::int AS n FROM final_entities WHERE final_entity::jsonb #>> '{spec,type}' = 'aws-account'",
          )
        ).rows[0].n,
      n => n === 5,
    );
    await catalogDb.end();
    expect(accounts).toBe(5);
  });

  it('reaches Redis through the production cache configuration', async () => {
    // Nothing in the backend writes to the cache at start-up, so drive Backstage's own
    // CacheManager from the same config files and environment the process was given.
    const config = await ConfigSources.toConfig(
      ConfigSources.defaultForTargets({
        rootDir: REPO_ROOT,
        targets: ['app-config.yaml', 'app-config.production.yaml'].map(f => ({
          type: 'path' as const,
          target: resolvePath(REPO_ROOT, f),
        })),
        substitutionFunc: async name => backendEnv[name] ?? process.env[name],
      }),
    );
    const cache = CacheManager.fromConfig(config).forPlugin('integration-test');
    await cache.set('probe', { ok: true });
    expect(await cache.get('probe')).toEqual({ ok: true });
    config.close();

    const redis = createClient({ url: REDIS_URL });
    await redis.connect();
    const keys: string[] = [];
    for await (const key of redis.scanIterator({ MATCH: `${redisNamespace}*` }))
      keys.push(key);
    await redis.quit();
    // Backstage namespaces keys as <redis namespace>:<plugin id>:<encoded key>.
    expect(
      keys.filter(k => k.startsWith(`${redisNamespace}:integration-test:`)),
    ).toHaveLength(1);
  });
});

describe('backend on the embedded SQLite default (app-config.yaml)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-data-'));
  let backend: BackendProcess;

  beforeAll(async () => {
    backend = await startBackendProcess({
      configFiles: ['app-config.yaml'],
      env: { PORTAL_DATA_DIR: dataDir },
    });
  });

  afterAll(async () => {
    await backend?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the five AWS accounts to a guest session', async () => {
    const refresh = await fetch(
      `${backend.baseUrl}/api/auth/guest/refresh?env=development`,
      {
        headers: { 'X-Requested-With': 'XMLHttpRequest' },
      },
    );
    expect(refresh.status).toBe(200);
    const session = (await refresh.json()) as {
      backstageIdentity: {
        token: string;
        identity: { userEntityRef: string; ownershipEntityRefs: string[] };
      };
    };
    expect(session.backstageIdentity.identity.userEntityRef).toBe(
      'user:default/guest',
    );

    const names = await eventually(
      () => fetchAccounts(backend.baseUrl, session.backstageIdentity.token),
      fiveAccounts,
    );
    expect(names).toEqual(ACCOUNTS);
  });

  it('keeps its databases as SQLite files under the data folder', () => {
    const sqliteDir = join(dataDir, 'sqlite');
    expect(existsSync(sqliteDir)).toBe(true);
    const files = readdirSync(sqliteDir);
    expect(files).toEqual(
      expect.arrayContaining(['catalog.sqlite', 'scaffolder.sqlite']),
    );
    expect(statSync(join(sqliteDir, 'scaffolder.sqlite')).size).toBeGreaterThan(
      0,
    );
  });
});
