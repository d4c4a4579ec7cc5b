/*
 * The aws-insights router without a backend, as the benchmark measured GET /fleet before it
 * booted one: express, the backend's own compression middleware, and auth and permission
 * services that allow every request. Serves a refresh of the given records.
 */
import { CacheManager } from '@backstage/backend-defaults/cache';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import {
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { DefaultEventsService } from '@backstage/plugin-events-node';
import {
  createRouter,
  DefaultAwsInsightsService,
  readInsightsSettings,
  SnapshotStore,
} from '@platform-portal/plugin-aws-insights-backend';
import type { FleetRecords } from '@platform-portal/plugin-aws-insights-common';
import express from 'express';
import knexFactory from 'knex';
import { AddressInfo } from 'node:net';

const quiet: LoggerService = {
  info: () => {},
  warn: message => console.log(`  [plugin] WARN ${message}`),
  error: message => console.log(`  [plugin] ERROR ${message}`),
  debug: () => {},
  child: () => quiet,
};

export async function startRouterAlone(records: FleetRecords) {
  const config = new ConfigReader({});
  const db = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
  });
  const store = await SnapshotStore.create(
    db,
    require
      .resolve('@platform-portal/plugin-aws-insights-backend/package.json')
      .replace(/package\.json$/, 'migrations'),
  );
  const service = new DefaultAwsInsightsService({
    settings: readInsightsSettings(config),
    config,
    logger: quiet,
    cache: CacheManager.fromConfig(
      new ConfigReader({ backend: { cache: { store: 'memory' } } }),
    ).forPlugin('aws-insights'),
    store,
    events: DefaultEventsService.create({ logger: quiet }),
    readRecords: async () => records,
  });
  await service.refresh();

  const httpAuth = {
    credentials: async () => ({
      $$type: '@backstage/BackstageCredentials',
      principal: { type: 'user', userEntityRef: 'user:default/bench' },
    }),
  } as unknown as HttpAuthService;
  const permissions = {
    authorize: async (requests: unknown[]) =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })),
  } as unknown as PermissionsService;
  const app = express();
  app.use(MiddlewareFactory.create({ config, logger: quiet }).compression());
  app.use(
    '/api/aws-insights',
    await createRouter({ service, httpAuth, permissions }),
  );
  const server = app.listen(0, '127.0.0.1');
  await new Promise(resolve => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/aws-insights/fleet`,
    async stop() {
      server.closeAllConnections();
      await new Promise(resolve => server.close(resolve));
      await db.destroy();
    },
  };
}
