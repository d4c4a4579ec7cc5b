import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  awsInsightsReadPermission,
  FleetSnapshot,
} from '@platform-portal/plugin-aws-insights-common';
import express from 'express';
import Router from 'express-promise-router';
import { summariseWebAcl } from '../aggregation';
import { acceptsGzip, etagMatches, FleetBodyCache } from './fleetBody';
import { InsightsService } from './InsightsService';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,255}$/;

/** Age stamp every response carries, so the UI can say "data from HH:MM, N min old". */
function freshness(snapshot: FleetSnapshot, refreshFrequencyMs: number) {
  const ageSeconds = Math.max(
    0,
    Math.round((Date.now() - Date.parse(snapshot.generatedAt)) / 1000),
  );
  return {
    sample: snapshot.sample,
    generatedAt: snapshot.generatedAt,
    ageSeconds,
    // Two missed refreshes make the data stale.
    stale: ageSeconds * 1000 > 2 * refreshFrequencyMs + 60_000,
    sources: snapshot.sources,
  };
}

const ACCOUNT_ID = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const ENVIRONMENT = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** `?accountId=&region=&environment=` of GET /fleet; undefined when none is given. */
export function fleetFilter(
  query: Record<string, unknown>,
): { accountId?: string; region?: string; environment?: string } | undefined {
  const rules: Array<[string, RegExp, string]> = [
    ['accountId', ACCOUNT_ID, 'must be 12 digits'],
    ['region', REGION, 'must be a region code such as eu-west-1'],
    [
      'environment',
      ENVIRONMENT,
      'must be lowercase letters, digits and dashes',
    ],
  ];
  const filter: Record<string, string> = {};
  for (const [field, pattern, rule] of rules) {
    const value = query[field];
    if (value === undefined || value === '') continue;
    if (typeof value !== 'string' || !pattern.test(value)) {
      throw new InputError(`${field} ${rule}, got '${String(value)}'`);
    }
    filter[field] = value;
  }
  return Object.keys(filter).length ? filter : undefined;
}

function param(value: string, field: string): string {
  if (!NAME.test(value))
    throw new InputError(`${field} '${value}' is not a valid name`);
  return value;
}

/**
 * Thin HTTP layer over InsightsService: authenticated callers only (users and services), the
 * aws-insights.read permission, and every body stamped with its age and sources.
 */
export async function createRouter(options: {
  service: InsightsService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
}): Promise<express.Router> {
  const { service, httpAuth, permissions } = options;
  const router = Router();
  router.use(express.json());

  router.use(async (req, _res, next) => {
    if (req.path === '/health') return next();
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize(
      [{ permission: awsInsightsReadPermission }],
      {
        credentials,
      },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError('aws-insights.read is required');
    }
    return next();
  });

  const ready = async () => {
    const fleet = await service.fleet();
    if (!fleet) {
      throw new NotFoundError(
        'The first refresh of AWS data has not finished yet; retry shortly',
      );
    }
    return fleet;
  };
  const stamp = (s: FleetSnapshot) => freshness(s, service.refreshFrequencyMs);
  const fleetBodies = new FleetBodyCache();

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok', sample: service.sampleMode });
  });

  router.get('/fleet', async (req, res) => {
    const filter = fleetFilter(req.query);
    if (filter) {
      // A subset (the dashboards' filter bar): the same aggregation over the filtered records.
      await ready();
      const view = (await service.view(filter))!;
      res.json({ ...view, ...stamp(view) });
      return;
    }
    const current = await service.currentFleet();
    if (!current) await ready(); // throws the "first refresh" 404
    // The snapshot is serialised once per refresh; only the age fields are per request
    // (the snapshot itself already carries sample, generatedAt and sources).
    const { snapshot, body: snapshotJson } = current!;
    const { ageSeconds, stale } = stamp(snapshot);
    const body = fleetBodies.body(
      snapshot.generatedAt,
      snapshotJson,
      ageSeconds,
      stale,
    );
    // Written by hand, not through res.send: no ETag hashing of ~100 KiB, no re-negotiation;
    // this is the one endpoint every dashboard polls.
    const headers: Record<string, string | number> = {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'private, no-cache',
      ETag: body.etag,
      Vary: 'Accept-Encoding',
    };
    if (etagMatches(req.headers['if-none-match'], body.etag)) {
      res.writeHead(304, headers).end();
      return;
    }
    const gzip = acceptsGzip(req.headers['accept-encoding']);
    const payload = gzip ? body.gzip() : body.json;
    headers['Content-Length'] = payload.length;
    // Already encoded: the backend's compression middleware passes it through.
    if (gzip) headers['Content-Encoding'] = 'gzip';
    res.writeHead(200, headers).end(payload);
  });

  router.get('/environments/:name', async (req, res) => {
    await ready();
    const name = param(req.params.name, 'environment');
    const view = (await service.view({ environment: name }))!;
    if (
      view.clusters.length === 0 &&
      view.databases.length === 0 &&
      view.wafs.length === 0
    ) {
      throw new NotFoundError(
        `No AWS resources are tagged environment=${name}`,
      );
    }
    res.json({ ...view, ...stamp(view) });
  });

  router.get('/clusters/:name', async (req, res) => {
    await ready();
    const name = param(req.params.name, 'cluster');
    const view = (await service.view({ cluster: name }))!;
    const cluster = view.clusters[0];
    if (!cluster) throw new NotFoundError(`No EKS cluster named ${name}`);
    res.json({
      cluster,
      mix: view.mixByCluster[cluster.arn],
      gravitonCandidates: view.gravitonCandidates,
      ...stamp(view),
    });
  });

  router.get('/databases/:name', async (req, res) => {
    const fleet = await ready();
    const id = param(req.params.name, 'database');
    const database = fleet.databases.find(
      d => d.record.identifier === id || d.record.arn === id,
    );
    if (!database) throw new NotFoundError(`No database ${id}`);
    res.json({ database, ...stamp(fleet) });
  });

  router.get('/web-acls/:name', async (req, res) => {
    const fleet = await ready();
    const name = param(req.params.name, 'web ACL');
    const summary = fleet.wafs.find(w => w.name === name || w.arn === name);
    if (!summary) throw new NotFoundError(`No web ACL ${name}`);
    const hours = Number(req.query.hours ?? 24);
    if (![1, 24, 168].includes(hours))
      throw new InputError('hours must be 1, 24 or 168');
    const record = (await service.webAclRecord(summary.arn))!;
    const to = Date.parse(fleet.generatedAt);
    res.json({
      summary: summariseWebAcl(record, {
        from: new Date(to - hours * 3_600_000).toISOString(),
      }),
      series: record.series,
      sampledAvailable: record.sampledAvailable,
      sampledBlocked: record.sampledBlocked,
      rules: record.rules,
      ...stamp(fleet),
    });
  });

  router.get('/history', async (req, res) => {
    const scope = String(req.query.scope ?? 'fleet');
    if (
      !/^(fleet|environment:[a-z0-9-]{1,64}|cluster:arn:[A-Za-z0-9:/._-]{1,256})$/.test(
        scope,
      )
    ) {
      throw new InputError(
        `scope must be fleet, environment:<name> or cluster:<arn>, got '${scope}'`,
      );
    }
    const days = Number(req.query.days ?? 7);
    if (!Number.isInteger(days) || days < 1 || days > 30) {
      throw new InputError('days must be a whole number from 1 to 30');
    }
    res.json({ scope, days, points: await service.history(scope, days) });
  });

  return router;
}
