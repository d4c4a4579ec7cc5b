/*
 * Benchmark: AWS insights at fleet scale against moto_server on loopback. Seeds 40 EKS clusters
 * and 10,000 instances over 3 regions through the real SDK, then measures one refresh (AWS calls
 * vs the page-count minimum, wall time), the aggregation (buildFleetSnapshot CPU time, memory)
 * and GET /fleet under 50 concurrent clients after a warm-up, gzip as browsers ask and plain.
 * Prints figures; no pass/fail (targets shown).
 * Run with ./scripts/bench aws-insights. Scale: AWS_INSIGHTS_BENCH_{CLUSTERS,INSTANCES}.
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
import express from 'express';
import knexFactory from 'knex';
import { fork } from 'node:child_process';
import { request as httpRequest, Agent } from 'node:http';
import { AddressInfo } from 'node:net';
import { resolve as resolvePath } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildFleetSnapshot } from '../../plugins/aws-insights-backend/src/aggregation';
import { collectFleet } from '../../plugins/aws-insights-backend/src/collectors';
import { startMotoServer } from '@platform-portal/test-utils';
import { seedMotoScaleFleet } from '../../plugins/aws-insights-backend/src/__testUtils__/motoScaleSeed';
import { pageMinimum } from '../../plugins/aws-insights-backend/src/__testUtils__/pageMinimum';
import {
  InsightsService,
  readInsightsSettings,
} from '../../plugins/aws-insights-backend/src/service/InsightsService';
import { createRouter } from '../../plugins/aws-insights-backend/src/service/router';
import { SnapshotStore } from '../../plugins/aws-insights-backend/src/store/SnapshotStore';
import { runWrk, wrkAvailable } from './lib/wrk';

const ACCOUNT = '123456789012'; // moto's default account
const REGIONS = ['eu-west-1', 'us-east-1', 'eu-central-1'];
const CLUSTERS = Number(process.env.AWS_INSIGHTS_BENCH_CLUSTERS ?? 40);
const INSTANCES = Number(process.env.AWS_INSIGHTS_BENCH_INSTANCES ?? 10_000);
const CLIENTS = 50;
const REQUESTS = 5_000;
/** Requests before the measured ones: JIT and socket set-up are not what p95 is about. */
const WARMUP = 1_000;
const SERVICES = [
  'eks',
  'ec2',
  'pricing',
  'cloudwatch',
  'rds',
  'wafv2',
  'cloudformation',
];
const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };

const ms = (v: number) => `${v.toFixed(1)} ms`;
const mb = (v: number) => `${(v / 1024 ** 2).toFixed(0)} MB`;
const median = (v: number[]) =>
  [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] };
}

/**
 * Child process: CLIENTS workers issuing GET until `warmup + total` are done; the latencies of
 * the last `total` go to the parent. `encoding` is the Accept-Encoding header ('' for none).
 */
async function loadClient(
  url: string,
  total: number,
  concurrency: number,
  warmup: number,
  encoding: string,
) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let issued = 0;
  let failures = 0;
  let bytes = 0;
  let started = performance.now();
  const headers: Record<string, string> = { authorization: 'Bearer bench' };
  if (encoding) headers['accept-encoding'] = encoding;
  const once = (measured: boolean) =>
    new Promise<void>(resolve => {
      const start = performance.now();
      const req = httpRequest(url, { agent, headers }, res => {
        res.on('data', (chunk: Buffer) => {
          if (measured) bytes += chunk.length;
        });
        res.on('end', () => {
          if (res.statusCode !== 200) failures += 1;
          if (measured) latencies.push(performance.now() - start);
          resolve();
        });
      });
      req.on('error', () => {
        failures += 1;
        resolve();
      });
      req.end();
    });
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (issued < warmup + total) {
        issued += 1;
        if (issued === warmup + 1) started = performance.now();
        await once(issued > warmup);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  process.send!({
    type: 'aws-insights-load',
    latencies,
    failures,
    seconds,
    bytesPerResponse: bytes / Math.max(1, latencies.length),
  });
}

const benchLogger: LoggerService = {
  info: message => console.log(`  [plugin] ${message}`),
  warn: message => console.log(`  [plugin] WARN ${message}`),
  error: message => console.log(`  [plugin] ERROR ${message}`),
  debug: () => {},
  child: () => benchLogger,
};

/** The plugin's router on loopback, as the backend mounts it, with auth and permissions that allow. */
async function startApi(service: InsightsService) {
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
  // The backend's own compression middleware, as the root HTTP router installs it.
  app.use(
    MiddlewareFactory.create({
      config: new ConfigReader({}),
      logger: benchLogger,
    }).compression(),
  );
  app.use(
    '/api/aws-insights',
    await createRouter({ service, httpAuth, permissions }),
  );
  const server = app.listen(0, '127.0.0.1');
  await new Promise(resolve => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/api/aws-insights`, server };
}

function runLoad(url: string, encoding: string) {
  return new Promise<{
    latencies: number[];
    failures: number;
    seconds: number;
    bytesPerResponse: number;
  }>((resolve, reject) => {
    const child = fork(__filename, [
      '--load-client',
      url,
      String(REQUESTS),
      String(CLIENTS),
      String(WARMUP),
      encoding,
    ]);
    // The TS transform also talks over this channel ('watch' messages): pick ours.
    child.on('message', (message: any) => {
      if (message?.type === 'aws-insights-load') resolve(message);
    });
    child.once(
      'exit',
      code => code && reject(new Error(`load client exited ${code}`)),
    );
  });
}

async function main() {
  const moto = await startMotoServer();
  try {
    const endpoints = Object.fromEntries(SERVICES.map(s => [s, moto.endpoint]));
    console.log(
      `aws-insights at scale: ${CLUSTERS} clusters, ${INSTANCES} instances, ${REGIONS.length} regions (moto on ${moto.endpoint})`,
    );

    let t = performance.now();
    const seeded = await seedMotoScaleFleet({
      endpoint: moto.endpoint,
      accountId: ACCOUNT,
      regions: REGIONS,
      clusters: CLUSTERS,
      instances: INSTANCES,
    });
    const seedMs = performance.now() - t;
    const runCalls = seeded.reduce((n, r) => n + r.runInstancesCalls, 0);
    console.log(
      `  seeding (not part of any figure below):  ${(seedMs / 1000).toFixed(
        1,
      )} s, ${runCalls} RunInstances calls`,
    );

    // One refresh of the collectors, as the scheduled task runs it.
    const now = new Date();
    let cpu = process.cpuUsage();
    t = performance.now();
    const records = await collectFleet({
      accounts: [{ accountId: ACCOUNT, regions: REGIONS, credentials }],
      endpoints,
      now,
      maxAttempts: 2,
      // moto renders 1,000 instances per DescribeInstances page in seconds: not a timeout.
      timeoutMs: 120_000,
    });
    const refreshMs = performance.now() - t;
    const refreshCpu = process.cpuUsage(cpu);
    const byService: Record<string, number> = {};
    for (const s of records.sources)
      byService[s.service] = (byService[s.service] ?? 0) + s.calls;
    const minimum = pageMinimum(seeded);
    const total = Object.values(byService).reduce((a, b) => a + b, 0);
    const minTotal = Object.values(minimum).reduce((a, b) => a + b, 0);
    console.log(
      `refresh (collectFleet, ${records.instances.length} instances, ${records.clusters.length} clusters read)`,
    );
    console.log(
      `  AWS calls per refresh:                   ${total}   page-count minimum ${minTotal}`,
    );
    for (const service of SERVICES) {
      const failed = records.sources.filter(
        s => s.service === service && !s.ok,
      );
      console.log(
        `    ${service.padEnd(15)} ${String(byService[service] ?? 0).padStart(
          5,
        )}   minimum ${String(minimum[service]).padStart(4)}${
          failed.length
            ? `   (${failed.length} failed: ${failed[0].error?.name})`
            : ''
        }`,
      );
    }
    // moto pages DescribeInstances by reservation (1000 reservations, not instances, per page),
    // so its ec2 count can fall below the AWS minimum; AWS itself would need the formula's pages.
    if ((byService.ec2 ?? 0) < minimum.ec2) {
      console.log(
        '    (ec2 below the minimum: moto pages DescribeInstances by reservation)',
      );
    }
    console.log(
      `  wall time:                               ${ms(
        refreshMs,
      )}   (client CPU ${ms((refreshCpu.user + refreshCpu.system) / 1000)})`,
    );

    // Aggregation: pure CPU, median of 10 runs.
    const wall: number[] = [];
    const cpuTimes: number[] = [];
    for (let i = 0; i < 10; i++) {
      cpu = process.cpuUsage();
      t = performance.now();
      buildFleetSnapshot(records, { now: now.toISOString() });
      wall.push(performance.now() - t);
      const used = process.cpuUsage(cpu);
      cpuTimes.push((used.user + used.system) / 1000);
    }
    const snapshot = buildFleetSnapshot(records, { now: now.toISOString() });
    const memory = process.memoryUsage();
    console.log('aggregation (buildFleetSnapshot, 10 runs)');
    console.log(
      `  CPU time median:                         ${ms(
        median(cpuTimes),
      )}   target < 100 ms (wall ${ms(median(wall))})`,
    );
    console.log(
      `  snapshot: ${snapshot.fleet.nodes} nodes, ${
        snapshot.fleet.vcpu
      } vCPU, spot share ${(snapshot.mix.spotShareByVcpu * 100).toFixed(
        0,
      )} %, JSON ${(JSON.stringify(snapshot).length / 1024).toFixed(0)} KiB`,
    );
    console.log(
      `  memory: heapUsed ${mb(memory.heapUsed)}, rss ${mb(memory.rss)}`,
    );

    // The API: InsightsService over a memory cache and SQLite history, one refresh from moto.
    const config = new ConfigReader({
      aws: { accounts: [{ accountId: ACCOUNT, ...credentials }] },
      awsInsights: {
        accounts: [{ accountId: ACCOUNT, regions: REGIONS }],
        endpoints,
        maxAttempts: 2,
        requestTimeoutMs: 120_000,
      },
    });
    const db = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: ':memory:' },
      useNullAsDefault: true,
    });
    const store = await SnapshotStore.create(
      db,
      resolvePath(__dirname, '../../plugins/aws-insights-backend/migrations'),
    );
    const cache = CacheManager.fromConfig(
      new ConfigReader({ backend: { cache: { store: 'memory' } } }),
    ).forPlugin('aws-insights');
    const service = new InsightsService(
      readInsightsSettings(config),
      config,
      cache,
      store,
      benchLogger,
    );
    t = performance.now();
    await service.refresh();
    const serviceRefreshMs = performance.now() - t;
    const api = await startApi(service);
    try {
      console.log(
        `API (InsightsService refresh incl. cache + history: ${ms(
          serviceRefreshMs,
        )})`,
      );
      // Browsers ask for gzip (served pre-compressed); plain JSON shows the uncompressed cost.
      for (const [label, encoding] of [
        ['gzip, as browsers ask', 'gzip, deflate, br'],
        ['no compression', ''],
      ]) {
        const load = await runLoad(`${api.url}/fleet`, encoding);
        const latency = stats(load.latencies);
        console.log(
          `  GET /fleet (${label}), ${CLIENTS} clients, ${REQUESTS} requests after ${WARMUP} warm-up (client in a child process), ${(
            load.bytesPerResponse / 1024
          ).toFixed(0)} KiB each`,
        );
        console.log(
          `    latency p50 / p95 / max:               ${ms(latency.p50)} / ${ms(
            latency.p95,
          )} / ${ms(latency.max)}   target p95 < 25 ms`,
        );
        console.log(
          `    throughput:                            ${(
            load.latencies.length / load.seconds
          ).toFixed(0)} requests/s, ${load.failures} failed`,
        );
        if (!wrkAvailable()) continue;
        const wrk = await runWrk({
          url: `${api.url}/fleet`,
          headers: {
            authorization: 'Bearer bench',
            ...(encoding && { 'accept-encoding': encoding }),
          },
          connections: CLIENTS,
          seconds: 10,
          warmupSeconds: 3,
        });
        console.log(
          `    the same with wrk (C load generator, 10 s after 3 s warm-up): p50 / p95 / max ${ms(
            wrk.p50Ms,
          )} / ${ms(wrk.p95Ms)} / ${ms(
            wrk.maxMs,
          )}, ${wrk.requestsPerSecond.toFixed(0)} requests/s, ${
            wrk.errors
          } errors`,
        );
      }
      if (!wrkAvailable()) {
        console.log(
          '  (install wrk - apt-get install wrk - for figures from a C load generator as well)',
        );
      }
    } finally {
      api.server.close();
      await db.destroy();
    }
  } finally {
    await moto.stop();
  }
}

if (process.argv[2] === '--load-client') {
  loadClient(
    process.argv[3],
    Number(process.argv[4]),
    Number(process.argv[5]),
    Number(process.argv[6]),
    process.argv[7] ?? '',
  ).catch(error => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().catch(error => {
    console.error(error);
    process.exitCode = 1;
  });
}
