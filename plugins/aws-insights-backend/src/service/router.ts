import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  NotAllowedError,
  NotFoundError,
  serializeError,
} from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  awsInsightsReadPermission,
  awsInsightsWafSampledRequestsReadPermission,
} from '@platform-portal/plugin-aws-insights-common';
import express from 'express';
import { createOpenApiRouter } from '../schema/openapi/generated';
import { AwsInsightsService } from './AwsInsightsService';
import { acceptsGzip, etagMatches } from './fleetBody';
import { FleetNotReadyError } from './FleetNotReadyError';

/**
 * Thin HTTP layer over AwsInsightsService. The router generated from openapi.yaml validates
 * every request (paths, parameter patterns, ranges, enums: 400 naming the field) before these
 * handlers run; they check the caller (user or service token, aws-insights.read) and answer.
 * Sampled WAF requests (client IPs) need aws-insights.waf.sampled-requests.read as well.
 */
export async function createRouter(options: {
  service: AwsInsightsService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
}): Promise<express.Router> {
  const { service, httpAuth, permissions } = options;
  // No route takes a body or a file, and Backstage checks the caller: in front of the hot path
  // only the request validation, not the default JSON parser, multipart or security steps.
  const router = await createOpenApiRouter({
    middleware: [(_req, _res, next) => next()],
    validatorOptions: { fileUploader: false, validateSecurity: false },
  });

  router.use(async (req, _res, next) => {
    if (req.path === '/health') return next();
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize(
      [{ permission: awsInsightsReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError('aws-insights.read is required');
    }
    return next();
  });

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok', sample: service.sampleMode });
  });

  router.get('/fleet', async (req, res) => {
    const { accountId, region, environment } = req.query;
    const current = await service.getCurrent();
    if (accountId || region || environment) {
      // A subset (the dashboards' filter bar): the same aggregation over the filtered records.
      res.json(await current.view({ accountId, region, environment }));
      return;
    }
    // The hot path: the body rendered once per refresh, written as is (no per-request
    // serialising, hashing or compressing); the compression middleware passes gzip through.
    const { body } = current;
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
    const payload = gzip ? body.gzip : body.json;
    headers['Content-Length'] = payload.length;
    if (gzip) headers['Content-Encoding'] = 'gzip';
    res.writeHead(200, headers).end(payload);
  });

  router.get('/environments/:name', async (req, res) => {
    const { name } = req.params;
    const view = await (await service.getCurrent()).environment(name);
    if (!view) {
      throw new NotFoundError(
        `No AWS resources are tagged environment=${name}`,
      );
    }
    res.json(view);
  });

  router.get('/clusters/:name', async (req, res) => {
    const { name } = req.params;
    const cluster = await (await service.getCurrent()).cluster(name);
    if (!cluster) throw new NotFoundError(`No EKS cluster named ${name}`);
    res.json(cluster);
  });

  router.get('/databases/:name', async (req, res) => {
    const { name } = req.params;
    const database = (await service.getCurrent()).database(name);
    if (!database) throw new NotFoundError(`No database ${name}`);
    res.json(database);
  });

  router.get('/web-acls/:name', async (req, res) => {
    const { name } = req.params;
    const hours = Number(req.query.hours ?? 24);
    // Client IPs are personal data: the platform team's (httpAuth caches per request).
    const [sampled] = await permissions.authorize(
      [{ permission: awsInsightsWafSampledRequestsReadPermission }],
      { credentials: await httpAuth.credentials(req) },
    );
    const webAcl = await (
      await service.getCurrent()
    ).webAcl(name, hours, {
      sampledVisible: sampled.result === AuthorizeResult.ALLOW,
    });
    if (!webAcl) throw new NotFoundError(`No web ACL ${name}`);
    res.json(webAcl);
  });

  router.get('/history', async (req, res) => {
    const scope = req.query.scope ?? 'fleet';
    const days = Number(req.query.days ?? 7);
    res.json({ scope, days, points: await service.getHistory(scope, days) });
  });

  // Before the first refresh: 503 with the seconds to wait, in Backstage's error body. Answered
  // here, not by the backend's error handler, which would log every poll as a server error.
  router.use(
    (
      error: unknown,
      req: express.Request,
      res: express.Response,
      next: express.NextFunction,
    ) => {
      if (!(error instanceof FleetNotReadyError)) {
        next(error);
        return;
      }
      res
        .status(503)
        .setHeader('Retry-After', String(error.retryAfterSeconds))
        .json({
          error: serializeError(error, { includeStack: false }),
          request: { method: req.method, url: req.originalUrl },
          response: { statusCode: 503 },
        });
    },
  );

  return router;
}
