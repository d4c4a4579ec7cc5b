/*
 * Benchmark: AWS insights at fleet scale against moto_server on loopback. Seeds 40 EKS clusters
 * and 10,000 instances over 3 regions through the real SDK, then measures one refresh (AWS calls
 * vs the page-count minimum, wall time), the aggregation (buildFleetSnapshot CPU time, memory),
 * and - on a real backend (createBackend with the catalog, aws-insights and the catalog module)
 * - GET /api/aws-insights/fleet beside the catalog's own GET /api/catalog/entities/by-query for
 * the same entities (the module puts the fleet's clusters, databases and web ACLs into the
 * catalog), under the same load: 50 keep-alive clients after a warm-up, gzip as browsers ask.
 * Prints figures and the p95 ratio; no pass/fail (targets shown).
 * Run with ./scripts/bench aws-insights. Scale: AWS_INSIGHTS_BENCH_{CLUSTERS,INSTANCES}.
 */
// Read when the backend's root logger is created: one log line per request would measure the
// logger, not the routes.
process.env.LOG_LEVEL ??= 'warn';

import { startMotoServer } from '@platform-portal/test-utils';
import {
  buildFleetSnapshot,
  collectFleet,
} from '@platform-portal/plugin-aws-insights-backend';
import type {
  FleetRecords,
  FleetResponse,
} from '@platform-portal/plugin-aws-insights-common';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { BenchBackend } from './lib/benchBackend';
import { LoadResult, runLoad, stats } from './lib/httpLoad';
import { seedMotoScaleFleet } from './lib/motoScaleSeed';
import { pageMinimum } from './lib/pageMinimum';
import { runWrk, WrkResult, wrkAvailable } from './lib/wrk';

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
// A full collection before reading the heap: what the refresh keeps, not what awaits the GC.
setFlagsFromString('--expose_gc');
const collectGarbage = runInNewContext('gc') as () => void;
const BROWSER_ENCODING = 'gzip, deflate, br';

const ms = (v: number) => `${v.toFixed(1)} ms`;
const mb = (v: number) => `${(v / 1024 ** 2).toFixed(0)} MB`;
const median = (v: number[]) =>
  [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const pad = (label: string) => `  ${label}`.padEnd(44);

async function poll<T>(
  what: string,
  timeoutMs: number,
  attempt: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await attempt();
    if (value !== undefined) return value;
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(`${what} did not happen within ${timeoutMs / 1000} s`);
}

async function getJson(backend: BenchBackend, path: string) {
  const res = await fetch(`${backend.baseUrl}${path}`, {
    headers: backend.authHeaders,
  });
  return { status: res.status, body: res.ok ? await res.json() : undefined };
}

/** One route under the load: the Node client, then wrk when installed. */
async function measure(
  label: string,
  url: string,
  headers: Record<string, string>,
): Promise<{ node: LoadResult; wrk?: WrkResult }> {
  const node = await runLoad({
    url,
    headers,
    clients: CLIENTS,
    requests: REQUESTS,
    warmup: WARMUP,
  });
  if (node.failures) {
    throw new Error(
      `${label}: ${
        node.failures
      } requests failed (status ${node.failedStatuses.join(', ')})`,
    );
  }
  const latency = stats(node.latencies);
  console.log(
    `  ${label}: ${(node.bytesPerResponse / 1024).toFixed(0)} KiB each`,
  );
  console.log(
    `${pad('    Node client p50 / p95 / max:')}${ms(latency.p50)} / ${ms(
      latency.p95,
    )} / ${ms(latency.max)}, ${(node.latencies.length / node.seconds).toFixed(
      0,
    )} requests/s`,
  );
  if (!wrkAvailable()) return { node };
  const wrk = await runWrk({
    url,
    headers,
    connections: CLIENTS,
    seconds: 10,
    warmupSeconds: 3,
  });
  console.log(
    `${pad('    wrk p50 / p95 / max:')}${ms(wrk.p50Ms)} / ${ms(
      wrk.p95Ms,
    )} / ${ms(wrk.maxMs)}, ${wrk.requestsPerSecond.toFixed(0)} requests/s, ${
      wrk.errors
    } errors`,
  );
  return { node, wrk };
}

/**
 * GET /fleet as this benchmark measured it before it had a backend: the plugin's router alone
 * behind the backend's compression middleware, with auth and permission that allow - the
 * figures to compare with earlier runs.
 */
async function routerAlone(records: FleetRecords) {
  const { startRouterAlone } =
    require('./lib/routerAlone') as typeof import('./lib/routerAlone');
  const api = await startRouterAlone(records);
  try {
    console.log(
      "GET /fleet through the plugin's router alone (no backend: compression middleware, auth and permission that allow), the same load",
    );
    for (const [label, encoding] of [
      ['gzip, as browsers ask', BROWSER_ENCODING],
      ['no compression', ''],
    ]) {
      await measure(`GET /fleet (${label})`, api.url, {
        ...(encoding && { 'accept-encoding': encoding }),
      });
    }
  } finally {
    await api.stop();
  }
}

async function main() {
  const moto = await startMotoServer();
  let backend: BenchBackend | undefined;
  try {
    const endpoints = Object.fromEntries(SERVICES.map(s => [s, moto.endpoint]));
    console.log(
      `aws-insights at scale: ${CLUSTERS} clusters, ${INSTANCES} instances, ${REGIONS.length} regions (moto on ${moto.endpoint})`,
    );
    // Figures drift with whatever else runs: say how busy the machine was.
    const load = () =>
      `load average ${loadavg()
        .map(v => v.toFixed(2))
        .join(' / ')} on ${cpus().length} cores`;
    console.log(`  ${load()}`);

    let t = performance.now();
    const seeded = await seedMotoScaleFleet({
      endpoint: moto.endpoint,
      accountId: ACCOUNT,
      regions: REGIONS,
      clusters: CLUSTERS,
      instances: INSTANCES,
    });
    console.log(
      `${pad('seeding (not part of any figure below):')}${(
        (performance.now() - t) /
        1000
      ).toFixed(1)} s, ${seeded.reduce(
        (n, r) => n + r.runInstancesCalls,
        0,
      )} RunInstances calls`,
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
      `${pad(
        'AWS calls per refresh:',
      )}${total}   page-count minimum ${minTotal}`,
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
      `${pad('wall time:')}${ms(refreshMs)}   (client CPU ${ms(
        (refreshCpu.user + refreshCpu.system) / 1000,
      )})`,
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
    collectGarbage();
    const memory = process.memoryUsage();
    console.log('aggregation (buildFleetSnapshot, 10 runs)');
    console.log(
      `${pad('CPU time median:')}${ms(
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
      `  memory (after a full GC): heapUsed ${mb(memory.heapUsed)}, rss ${mb(
        memory.rss,
      )}`,
    );

    // The API on a real backend; its own scheduled refresh reads moto again. Loaded only now,
    // so the memory figure above is the refresh's and the aggregation's alone.
    const { startBenchBackend } =
      require('./lib/benchBackend') as typeof import('./lib/benchBackend');
    const catalogPlugin = (
      require('@backstage/plugin-catalog-backend') as typeof import('@backstage/plugin-catalog-backend')
    ).default;
    const awsInsightsPlugin = (
      require('@platform-portal/plugin-aws-insights-backend') as typeof import('@platform-portal/plugin-aws-insights-backend')
    ).default;
    const catalogModuleAwsInsights = (
      require('@platform-portal/plugin-catalog-backend-module-aws-insights') as typeof import('@platform-portal/plugin-catalog-backend-module-aws-insights')
    ).default;
    t = performance.now();
    backend = await startBenchBackend({
      features: [catalogPlugin, awsInsightsPlugin, catalogModuleAwsInsights],
      config: {
        aws: { accounts: [{ accountId: ACCOUNT, ...credentials }] },
        awsInsights: {
          accounts: [{ accountId: ACCOUNT, regions: REGIONS }],
          endpoints,
          maxAttempts: 2,
          requestTimeoutMs: 120_000,
          // One refresh in the run: none lands during the load.
          refreshFrequency: { hours: 1 },
        },
        // The catalog does not re-process its entities during the load either.
        catalog: { processingInterval: { minutes: 30 } },
      },
    });
    const b = backend;
    const fleet: FleetResponse = await poll(
      'the first refresh (GET /fleet 200)',
      300_000,
      async () => (await getJson(b, '/api/aws-insights/fleet')).body,
    );
    console.log(
      `backend (catalog + aws-insights + catalog module; first refresh after ${(
        (performance.now() - t) /
        1000
      ).toFixed(1)} s)`,
    );
    const entities =
      fleet.clusters.length + fleet.databases.length + fleet.wafs.length;
    const query = `/api/catalog/entities/by-query?filter=${encodeURIComponent(
      'metadata.annotations.backstage.io/managed-by-origin-location=aws-insights:fleet',
    )}&limit=${entities}`;
    // aws-insights.refreshed brought them in; wait until processed and stitched.
    await poll('the fleet in the catalog', 300_000, async () => {
      const { body } = await getJson(b, query);
      const items: Array<{ relations?: unknown[] }> = body?.items ?? [];
      return items.length === entities && items.every(e => e.relations?.length)
        ? true
        : undefined;
    });

    const headers = { ...b.authHeaders, 'accept-encoding': BROWSER_ENCODING };
    console.log(
      `GET /fleet vs the catalog's GET /entities/by-query, the same ${entities} entities (${fleet.clusters.length} clusters, ${fleet.databases.length} databases, ${fleet.wafs.length} web ACLs), same backend, ${CLIENTS} keep-alive clients, gzip as browsers ask; Node client: ${REQUESTS} requests after ${WARMUP} warm-up (child process); wrk: 10 s after 3 s`,
    );
    const insights = await measure(
      'GET /api/aws-insights/fleet',
      `${b.baseUrl}/api/aws-insights/fleet`,
      headers,
    );
    const catalog = await measure(
      `GET /api/catalog/entities/by-query (${entities} entities)`,
      `${b.baseUrl}${query}`,
      headers,
    );
    const ratio = (a: number, c: number) => (a / c).toFixed(2);
    console.log(
      `${pad('p95 ratio /fleet : by-query:')}Node client ${ratio(
        stats(insights.node.latencies).p95,
        stats(catalog.node.latencies).p95,
      )}${
        insights.wrk && catalog.wrk
          ? `, wrk ${ratio(insights.wrk.p95Ms, catalog.wrk.p95Ms)}`
          : ''
      }   target <= 0.50`,
    );
    console.log('GET /fleet without compression (the same load)');
    await measure(
      'GET /api/aws-insights/fleet, plain JSON',
      `${b.baseUrl}/api/aws-insights/fleet`,
      b.authHeaders,
    );
    await backend.stop();
    backend = undefined;
    await routerAlone(records);
    console.log(`  ${load()}`);
    if (!wrkAvailable()) {
      console.log(
        '  (install wrk - apt-get install wrk - for figures from a C load generator as well)',
      );
    }
  } finally {
    await moto.stop();
    // The backend's shutdown waits on its idle keep-alive sockets and scheduler loops: give it
    // a moment, then leave (main() exits the process).
    await Promise.race([
      backend?.stop(),
      new Promise(r => setTimeout(r, 5_000).unref()),
    ]);
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
