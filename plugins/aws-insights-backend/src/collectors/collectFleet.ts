import {
  FleetRecords,
  SourceReads,
  SourceStatus,
} from '@platform-portal/plugin-aws-insights-common';
import {
  AwsClientOptions,
  AwsClientService,
  AwsCredentials,
  createAwsClients,
} from './clients';
import { collectCloudFormation } from './cloudformation';
import {
  CollectorContext,
  distinct,
  mapWithConcurrency,
  sourceStatus,
} from './collectorSupport';
import { collectContainerInsights } from './containerInsights';
import { collectEc2 } from './ec2';
import { collectEks } from './eks';
import { collectOnDemandPrices, collectSpotPrices } from './prices';
import { collectRds } from './rds';
import { collectWafv2 } from './wafv2';

export interface FleetAccount {
  /** 12-digit account id. */
  accountId: string;
  regions: string[];
  credentials: AwsCredentials;
}

export interface CollectFleetOptions {
  accounts: FleetAccount[];
  /** Per-service endpoint overrides (moto, LocalStack, VPC endpoints). */
  endpoints?: Partial<Record<AwsClientService, string>>;
  /** Reference time of the refresh (metric and event windows end here). */
  now?: Date;
  /** Account x region pairs read at the same time (default 4). */
  concurrency?: number;
  maxAttempts?: number;
  timeoutMs?: number;
  retryMode?: AwsClientOptions['retryMode'];
  /** CloudFormation stack name prefixes (default ['platform-', 'eksctl-']). */
  stackPrefixes?: string[];
  /** Wall clock for `fetchedAt` (tests). */
  clock?: () => Date;
}

type Target = { account: FleetAccount; region: string };
type Records = Omit<FleetRecords, 'collectedAt' | 'sample'>;

const DEFAULT_CONCURRENCY = 4;

function emptyRecords(): Records {
  return {
    sources: [],
    clusters: [],
    instances: [],
    instanceTypes: [],
    prices: [],
    utilisation: [],
    databases: [],
    webAcls: [],
    stacks: [],
  };
}

/**
 * Reads the whole fleet: every collector for every account x region (bounded concurrency),
 * then prices once per region for the instance types seen there. Every source reports a
 * SourceStatus; a failing account, region or service never blanks the others.
 */
export async function collectFleet(
  options: CollectFleetOptions,
): Promise<FleetRecords> {
  const now = options.now ?? new Date();
  // Fresh clients per collector run, so each status counts its own calls.
  const contextFor = (target: Target): CollectorContext => ({
    accountId: target.account.accountId,
    region: target.region,
    now,
    clock: options.clock,
    clients: createAwsClients({
      credentials: target.account.credentials,
      region: target.region,
      endpoints: options.endpoints,
      maxAttempts: options.maxAttempts,
      timeoutMs: options.timeoutMs,
      retryMode: options.retryMode,
    }),
  });
  // Collectors do not throw for AWS errors; this catches the unexpected (bad config, bugs).
  const guarded: Guarded = async (reads, target, run, empty) => {
    let ctx: CollectorContext | undefined;
    try {
      ctx = contextFor(target);
      return await run(ctx);
    } catch (error) {
      const fallbackCtx = ctx ?? {
        accountId: target.account.accountId,
        region: target.region,
        now,
        clock: options.clock,
        clients: { calls: () => 0 } as CollectorContext['clients'],
      };
      return {
        ...empty,
        status: sourceStatus(reads, fallbackCtx, error),
      } as Awaited<ReturnType<typeof run>>;
    }
  };

  const targets: Target[] = options.accounts.flatMap(account =>
    distinct(account.regions).map(region => ({ account, region })),
  );
  const perTarget = await mapWithConcurrency(
    targets,
    options.concurrency ?? DEFAULT_CONCURRENCY,
    target => collectTarget(target, guarded, options.stackPrefixes),
  );

  const all = emptyRecords();
  for (const records of perTarget) {
    for (const key of Object.keys(all) as Array<keyof Records>) {
      (all[key] as unknown[]).push(...records[key]);
    }
  }
  // The same type seen in several accounts or regions is one spec.
  all.instanceTypes = [
    ...new Map(all.instanceTypes.map(t => [t.instanceType, t])).values(),
  ];

  // Prices are regional, not per account: one read per region for the types seen there,
  // with the credentials of the first account running instances in it.
  const regions = distinct(all.instances.map(i => i.region));
  const priced = await mapWithConcurrency(
    regions,
    options.concurrency ?? DEFAULT_CONCURRENCY,
    async region => {
      const inRegion = all.instances.filter(i => i.region === region);
      const types = distinct(inRegion.map(i => i.instanceType));
      const account = options.accounts.find(
        a => a.accountId === inRegion[0].accountId,
      )!;
      const target = { account, region };
      return Promise.all([
        guarded('spot-prices', target, ctx => collectSpotPrices(ctx, types), {
          prices: [],
        }),
        guarded(
          'on-demand-prices',
          target,
          ctx => collectOnDemandPrices(ctx, types),
          { prices: [] },
        ),
      ]);
    },
  );
  for (const result of priced.flat()) {
    all.prices.push(...result.prices);
    all.sources.push(result.status);
  }

  return { collectedAt: now.toISOString(), sample: false, ...all };
}

type Guarded = <R extends { status: SourceStatus }>(
  reads: Exclude<SourceReads, 'sample'>,
  target: Target,
  run: (ctx: CollectorContext) => Promise<R>,
  empty: Omit<R, 'status'>,
) => Promise<R>;

/** All collectors for one account x region: EKS -> EC2 -> Container Insights, beside the rest. */
async function collectTarget(
  target: Target,
  guarded: Guarded,
  stackPrefixes: string[] | undefined,
): Promise<Records> {
  const compute = (async () => {
    const eks = await guarded('clusters', target, collectEks, {
      clusters: [],
    });
    // Listing failed: EC2 then matches every cluster tag, so instances are still found.
    const ec2 = await guarded(
      'instances',
      target,
      ctx => collectEc2(ctx, eks.clusterNames),
      { instances: [], instanceTypes: [] },
    );
    const clusterNames = distinct([
      ...(eks.clusterNames ?? []),
      ...ec2.instances.map(i => i.cluster),
    ]);
    const insights = await guarded(
      'container-insights',
      target,
      async ctx => {
        // No cluster names at all because both reads failed: say so rather than "ok, nothing".
        if (!eks.clusterNames && !ec2.status.ok) {
          const cause = eks.status.error;
          return {
            utilisation: [],
            status: sourceStatus('container-insights', ctx, {
              name: 'DependencyFailed',
              message: `cluster names unknown: EKS and EC2 reads failed (${cause?.name}: ${cause?.message})`,
            }),
          };
        }
        return collectContainerInsights(ctx, clusterNames);
      },
      { utilisation: [] },
    );
    return { eks, ec2, insights };
  })();
  const [{ eks, ec2, insights }, rds, waf, cfn] = await Promise.all([
    compute,
    guarded('databases', target, collectRds, { databases: [] }),
    guarded('web-acls', target, collectWafv2, { webAcls: [] }),
    guarded(
      'stacks',
      target,
      ctx => collectCloudFormation(ctx, stackPrefixes),
      { stacks: [] },
    ),
  ]);
  return {
    sources: [
      eks.status,
      ec2.status,
      insights.status,
      rds.status,
      waf.status,
      cfn.status,
    ],
    clusters: eks.clusters,
    instances: ec2.instances,
    instanceTypes: ec2.instanceTypes,
    prices: [],
    utilisation: insights.utilisation,
    databases: rds.databases,
    webAcls: waf.webAcls,
    stacks: cfn.stacks,
  };
}
