/*
 * A real Backstage backend in this process for the benchmarks: createBackend() from
 * @backstage/backend-defaults with its default services (root HTTP router with helmet, CORS,
 * compression and request logging; real auth with a static external-access token; the
 * scheduler; the default EventsService), SQLite in memory and the memory cache. Only the
 * features the benchmark names are installed.
 */
import { createBackend } from '@backstage/backend-defaults';
import {
  BackendFeature,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import { freePort } from '@platform-portal/test-utils';
import { randomBytes } from 'node:crypto';

export interface BenchBackend {
  baseUrl: string;
  /** Headers that authenticate a request (a service principal, `external:bench`). */
  authHeaders: Record<string, string>;
  stop(): Promise<void>;
}

export async function startBenchBackend(options: {
  features: Array<BackendFeature | Promise<{ default: BackendFeature }>>;
  /** Merged over the base config (top-level keys replace). */
  config: JsonObject;
}): Promise<BenchBackend> {
  const port = await freePort();
  const token = randomBytes(24).toString('base64url');
  const baseUrl = `http://localhost:${port}`;
  const config = new ConfigReader({
    app: { baseUrl },
    backend: {
      baseUrl,
      listen: { host: '127.0.0.1', port },
      database: { client: 'better-sqlite3', connection: ':memory:' },
      cache: { store: 'memory' },
      auth: {
        externalAccess: [
          { type: 'static', options: { token, subject: 'bench' } },
        ],
      },
    },
    // No events backend installed: events stay in this process, as in the portal's backend.
    events: { useEventBus: 'never' },
    ...options.config,
  });

  const backend = createBackend();
  backend.add(
    createServiceFactory({
      service: coreServices.rootConfig,
      deps: {},
      factory: () => config,
    }),
  );
  for (const feature of options.features) backend.add(feature);
  await backend.start();
  return {
    baseUrl,
    authHeaders: { authorization: `Bearer ${token}` },
    stop: () => backend.stop(),
  };
}
