import { CacheService, LoggerService } from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';
import {
  FleetRecords,
  FleetSnapshot,
} from '@platform-portal/plugin-aws-insights-common';
import {
  buildFleetSnapshot,
  filterRecords,
  RecordsFilter,
} from '../aggregation';
import {
  collectFleet,
  credentialsForAccount,
  DEFAULT_STACK_PREFIXES,
} from '../collectors';
import { sampleFleetRecords } from '../sample';
import { FLEET_SCOPE, historyRows } from '../store/historyRows';
import { sampleHistoryRows } from '../sample/sampleHistory';
import { SnapshotStore } from '../store/SnapshotStore';
import { carryOverFailedSources } from './carryOver';

const RECORDS_KEY = 'records/v1';
const SNAPSHOT_KEY = 'snapshot/v1';
// A tiny key naming the current snapshot, so replicas fetch the large one only when it changed.
const SNAPSHOT_AT_KEY = 'snapshot/v1/generated-at';

interface InsightsSettings {
  accounts: Array<{ accountId: string; name?: string; regions: string[] }>;
  endpoints: Record<string, string>;
  refreshFrequency: HumanDuration;
  requestTimeoutMs: number;
  maxAttempts: number;
  historyRetentionDays: number;
  lowHeadroomPercent: number;
  stackNamePrefixes: string[];
}

export function readInsightsSettings(config: Config): InsightsSettings {
  const c = config.getOptionalConfig('awsInsights');
  return {
    accounts: (c?.getOptionalConfigArray('accounts') ?? []).map(a => ({
      accountId: a.getString('accountId'),
      name: a.getOptionalString('name'),
      regions: a.getStringArray('regions'),
    })),
    endpoints: (c?.getOptional<Record<string, string>>('endpoints') ??
      {}) as Record<string, string>,
    refreshFrequency: c?.has('refreshFrequency')
      ? readDurationFromConfig(c, { key: 'refreshFrequency' })
      : { minutes: 5 },
    requestTimeoutMs: c?.getOptionalNumber('requestTimeoutMs') ?? 10_000,
    maxAttempts: c?.getOptionalNumber('maxAttempts') ?? 4,
    historyRetentionDays: c?.getOptionalNumber('historyRetentionDays') ?? 30,
    lowHeadroomPercent: c?.getOptionalNumber('lowHeadroomPercent') ?? 15,
    stackNamePrefixes: c?.getOptionalStringArray('stackNamePrefixes') ?? [
      ...DEFAULT_STACK_PREFIXES,
    ],
  };
}

/**
 * Reads AWS (or the sample fleet), aggregates, and keeps the result where every replica finds
 * it: records and snapshot in the shared cache, the trend history in the plugin database.
 */
export class InsightsService {
  // Filtered views are derived per refresh; a small in-process memo avoids recomputing them.
  private views = new Map<string, FleetSnapshot>();
  private viewsOf?: string;
  // The current snapshot and its JSON, per generatedAt: the hot path of GET /fleet.
  private current?: {
    at: string;
    snapshot: FleetSnapshot;
    body: Buffer;
    checkedAt: number;
  };

  constructor(
    private readonly settings: InsightsSettings,
    private readonly config: Config,
    private readonly cache: CacheService,
    private readonly store: SnapshotStore,
    private readonly logger: LoggerService,
  ) {}

  get sampleMode(): boolean {
    return this.settings.accounts.length === 0;
  }

  get refreshFrequencyMs(): number {
    return durationToMilliseconds(this.settings.refreshFrequency);
  }

  /** One refresh: collect, keep failed sources' last good data, aggregate, cache, record history. */
  async refresh(now = new Date()): Promise<FleetSnapshot> {
    const fresh = this.sampleMode
      ? sampleFleetRecords(now)
      : await this.collect(now);
    const previous = await this.cache.get(RECORDS_KEY);
    const records = carryOverFailedSources(
      fresh,
      previous as unknown as FleetRecords | undefined,
    );
    const snapshot = buildFleetSnapshot(records, {
      now: now.toISOString(),
      lowHeadroomPercent: this.settings.lowHeadroomPercent,
    });
    // Long TTL on purpose: if refreshes stop, old data is still served, with its age shown.
    const ttl = { days: 7 };
    await this.cache.set(RECORDS_KEY, records as any, { ttl });
    await this.cache.set(SNAPSHOT_KEY, snapshot as any, { ttl });
    await this.cache.set(SNAPSHOT_AT_KEY, snapshot.generatedAt, { ttl });
    const rows = historyRows(snapshot);
    if (
      this.sampleMode &&
      !(await this.store.hasPointsBefore(
        FLEET_SCOPE,
        new Date(now.getTime() - 86_400_000),
        true,
      ))
    ) {
      // A fresh sample portal gets a month of labelled sample trend at once.
      await this.store.append(sampleHistoryRows(rows, now));
    }
    await this.store.append(rows);
    const pruneBefore = new Date(
      now.getTime() - this.settings.historyRetentionDays * 86_400_000,
    );
    await this.store.prune(pruneBefore);
    const failed = records.sources.filter(s => !s.ok);
    this.logger.info(
      `AWS insights refreshed${this.sampleMode ? ' (sample fleet)' : ''}: ${
        snapshot.clusters.length
      } clusters, ` +
        `${snapshot.fleet.nodes} nodes, ${records.sources.reduce(
          (n, s) => n + s.calls,
          0,
        )} AWS calls, ` +
        `${failed.length} failed sources`,
    );
    return snapshot;
  }

  /** The whole fleet, or undefined before the first refresh finished anywhere. */
  async fleet(): Promise<FleetSnapshot | undefined> {
    return (await this.currentFleet())?.snapshot;
  }

  /**
   * The fleet with its serialised JSON body (without the opening brace, so the router can put
   * the per-request age fields in front). The shared cache is asked at most once a second
   * whether a newer refresh exists; the large snapshot is fetched only when one does.
   */
  async currentFleet(): Promise<
    { snapshot: FleetSnapshot; body: Buffer } | undefined
  > {
    const now = Date.now();
    if (this.current && now - this.current.checkedAt < 1000)
      return this.current;
    const at = (await this.cache.get(SNAPSHOT_AT_KEY)) as string | undefined;
    if (!at) return undefined;
    if (this.current?.at !== at) {
      const snapshot = (await this.cache.get(SNAPSHOT_KEY)) as unknown as
        | FleetSnapshot
        | undefined;
      if (!snapshot) return undefined;
      const body = Buffer.from(JSON.stringify(snapshot).slice(1), 'utf8');
      this.current = {
        at: snapshot.generatedAt,
        snapshot,
        body,
        checkedAt: now,
      };
    }
    this.current.checkedAt = now;
    return this.current;
  }

  /** The same aggregation over a subset: one environment, cluster, account or region. */
  async view(filter: RecordsFilter): Promise<FleetSnapshot | undefined> {
    const records = (await this.cache.get(RECORDS_KEY)) as unknown as
      | FleetRecords
      | undefined;
    if (!records) return undefined;
    if (this.viewsOf !== records.collectedAt) {
      this.views.clear();
      this.viewsOf = records.collectedAt;
    }
    const key = JSON.stringify(filter);
    let view = this.views.get(key);
    if (!view) {
      view = buildFleetSnapshot(filterRecords(records, filter), {
        now: records.collectedAt,
        lowHeadroomPercent: this.settings.lowHeadroomPercent,
      });
      if (this.views.size > 200) this.views.clear();
      this.views.set(key, view);
    }
    return view;
  }

  /** The raw record of one web ACL (series and sampled requests), from the cached refresh. */
  async webAclRecord(arn: string) {
    const records = (await this.cache.get(RECORDS_KEY)) as unknown as
      | FleetRecords
      | undefined;
    return records?.webAcls.find(w => w.arn === arn);
  }

  history(scope: string, days: number) {
    return this.store.history(
      scope,
      new Date(Date.now() - days * 86_400_000),
      this.sampleMode,
    );
  }

  private async collect(now: Date): Promise<FleetRecords> {
    const accounts = await Promise.all(
      this.settings.accounts.map(async a => ({
        accountId: a.accountId,
        regions: a.regions,
        credentials: await credentialsForAccount(this.config, a.accountId),
      })),
    );
    return collectFleet({
      accounts,
      endpoints: this.settings.endpoints,
      now,
      maxAttempts: this.settings.maxAttempts,
      timeoutMs: this.settings.requestTimeoutMs,
      stackPrefixes: this.settings.stackNamePrefixes,
    });
  }
}
