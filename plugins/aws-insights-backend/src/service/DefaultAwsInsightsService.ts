import { CacheService, LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { stringifyError } from '@backstage/errors';
import { EventsService } from '@backstage/plugin-events-node';
import { durationToMilliseconds } from '@backstage/types';
import {
  AWS_INSIGHTS_REFRESHED_TOPIC,
  AwsInsightsRefreshedEvent,
} from '@platform-portal/platform-common';
import {
  FleetRecords,
  FleetSnapshot,
  HistoryPoint,
} from '@platform-portal/plugin-aws-insights-common';
import { buildFleetSnapshot } from '../aggregation';
import {
  collectFleet,
  credentialsForAccount,
  unavailableCredentials,
} from '../collectors';
import { sampleFleetRecords } from '../sample';
import { sampleHistoryRows } from '../sample/sampleHistory';
import { FLEET_SCOPE, historyRows } from '../store/historyRows';
import { SnapshotStore } from '../store/SnapshotStore';
import { AwsInsightsService } from './AwsInsightsService';
import { carryOverFailedSources } from './carryOver';
import { CurrentFleet } from './CurrentFleet';
import { FleetNotReadyError } from './FleetNotReadyError';
import {
  InsightsSettings,
  readInsightsSettings,
  REFRESH_INITIAL_DELAY,
} from './settings';

// v3: sources say what they read (`reads`), snapshots how old their oldest data is.
const RECORDS_KEY = 'records/v3';
/** The snapshot as JSON text: every replica serves the very same bytes. */
const SNAPSHOT_JSON_KEY = 'snapshot/v3/json';
// A tiny key naming the current snapshot, so replicas fetch the large one only when it changed.
const SNAPSHOT_AT_KEY = 'snapshot/v3/generated-at';
/** How often a replica asks the shared cache whether a newer refresh exists. */
const CHECK_INTERVAL_MS = 1000;
/** Added to the time until the first refresh starts: how long it takes, roughly. */
const FIRST_REFRESH_SECONDS = 5;
// Long TTL on purpose: if refreshes stop, old data is still served, marked stale.
const TTL = { days: 7 };

/**
 * The default AwsInsightsService: AWS (or the sample fleet) -> records -> pure aggregation ->
 * the shared cache (records, snapshot JSON) + the plugin database (history) -> the
 * aws-insights.refreshed event. Reads go through getCurrent(), which checks the cache at most
 * once a second and parses a snapshot only when a newer refresh appeared.
 */
export class DefaultAwsInsightsService implements AwsInsightsService {
  private current?: { at: string; fleet: CurrentFleet; checkedAt: number };
  private readonly firstRefreshDueAt: number;

  static fromConfig(
    config: Config,
    deps: {
      logger: LoggerService;
      cache: CacheService;
      store: SnapshotStore;
      events: EventsService;
    },
  ): DefaultAwsInsightsService {
    return new DefaultAwsInsightsService({
      ...deps,
      config,
      settings: readInsightsSettings(config),
    });
  }

  constructor(
    private readonly deps: {
      settings: InsightsSettings;
      /** Holds `aws.*`: the credentials of each account. */
      config: Config;
      logger: LoggerService;
      cache: CacheService;
      store: SnapshotStore;
      events: EventsService;
      /** Where a refresh's records come from; by default AWS, or the sample fleet. */
      readRecords?: (now: Date) => Promise<FleetRecords>;
    },
  ) {
    this.firstRefreshDueAt =
      Date.now() + durationToMilliseconds(REFRESH_INITIAL_DELAY);
  }

  get sampleMode(): boolean {
    return this.deps.settings.accounts.length === 0;
  }

  private get refreshFrequencyMs(): number {
    return durationToMilliseconds(this.deps.settings.refreshFrequency);
  }

  async refresh(now = new Date()): Promise<FleetSnapshot> {
    const { cache, settings, logger } = this.deps;
    const fresh = await this.readRecords(now);
    const previous = (await cache.get(RECORDS_KEY)) as unknown as
      | FleetRecords
      | undefined;
    const records = carryOverFailedSources(fresh, previous);
    const snapshot = buildFleetSnapshot(records, {
      now: now.toISOString(),
      lowHeadroomPercent: settings.lowHeadroomPercent,
      refreshFrequencyMs: this.refreshFrequencyMs,
    });
    const json = JSON.stringify(snapshot);
    // The records first: a replica that sees the new generatedAt finds everything it points to.
    await cache.set(RECORDS_KEY, records as any, { ttl: TTL });
    await cache.set(SNAPSHOT_JSON_KEY, json, { ttl: TTL });
    await cache.set(SNAPSHOT_AT_KEY, snapshot.generatedAt, { ttl: TTL });
    this.current = {
      at: snapshot.generatedAt,
      fleet: this.currentFleet(json, async () => records),
      checkedAt: Date.now(),
    };
    await this.recordHistory(snapshot, now);

    const failed = records.sources.filter(s => !s.ok);
    logger.info(
      `AWS insights refreshed${this.sampleMode ? ' (sample fleet)' : ''}: ${
        snapshot.clusters.length
      } clusters, ${snapshot.fleet.nodes} nodes, ${records.sources.reduce(
        (n, s) => n + s.calls,
        0,
      )} AWS calls, ${failed.length} failed sources`,
    );
    await this.announce(snapshot);
    return snapshot;
  }

  async getCurrent(): Promise<CurrentFleet> {
    const now = Date.now();
    if (this.current && now - this.current.checkedAt < CHECK_INTERVAL_MS) {
      return this.current.fleet;
    }
    const at = (await this.deps.cache.get(SNAPSHOT_AT_KEY)) as
      | string
      | undefined;
    if (at && this.current?.at !== at) {
      const json = (await this.deps.cache.get(SNAPSHOT_JSON_KEY)) as
        | string
        | undefined;
      if (json) {
        this.current = {
          at,
          fleet: this.currentFleet(json, () => this.cachedRecords()),
          checkedAt: now,
        };
      }
    }
    if (!this.current) throw new FleetNotReadyError(this.retryAfterSeconds());
    this.current.checkedAt = now;
    return this.current.fleet;
  }

  getHistory(scope: string, days: number): Promise<HistoryPoint[]> {
    return this.deps.store.history(
      scope,
      new Date(Date.now() - days * 86_400_000),
      this.sampleMode,
    );
  }

  private currentFleet(json: string, loadRecords: () => Promise<FleetRecords>) {
    return new CurrentFleet(json, {
      loadRecords,
      lowHeadroomPercent: this.deps.settings.lowHeadroomPercent,
      refreshFrequencyMs: this.refreshFrequencyMs,
    });
  }

  private async cachedRecords(): Promise<FleetRecords> {
    const records = (await this.deps.cache.get(RECORDS_KEY)) as unknown as
      | FleetRecords
      | undefined;
    if (!records) throw new FleetNotReadyError(this.retryAfterSeconds());
    return records;
  }

  /** Seconds until the first scheduled refresh should have finished (at least 1). */
  private retryAfterSeconds(): number {
    const untilDue = Math.ceil((this.firstRefreshDueAt - Date.now()) / 1000);
    return Math.max(0, untilDue) + FIRST_REFRESH_SECONDS;
  }

  private async recordHistory(snapshot: FleetSnapshot, now: Date) {
    const { store, settings } = this.deps;
    const rows = historyRows(snapshot);
    const dayAgo = new Date(now.getTime() - 86_400_000);
    if (
      this.sampleMode &&
      !(await store.hasPointsBefore(FLEET_SCOPE, dayAgo, true))
    ) {
      // A fresh sample portal gets a month of labelled sample trend at once.
      await store.append(sampleHistoryRows(rows, now));
    }
    await store.append(rows);
    await store.prune(
      new Date(now.getTime() - settings.historyRetentionDays * 86_400_000),
    );
  }

  /** Tells other plugins (the catalog module) that a new fleet can be read. */
  private async announce(snapshot: FleetSnapshot) {
    const eventPayload: AwsInsightsRefreshedEvent = {
      generatedAt: snapshot.generatedAt,
      sample: snapshot.sample,
    };
    try {
      await this.deps.events.publish({
        topic: AWS_INSIGHTS_REFRESHED_TOPIC,
        eventPayload,
      });
    } catch (error) {
      // The refresh itself succeeded; readers catch up with the next one.
      this.deps.logger.warn(
        `Could not publish ${AWS_INSIGHTS_REFRESHED_TOPIC}: ${stringifyError(
          error,
        )}`,
      );
    }
  }

  private async readRecords(now: Date): Promise<FleetRecords> {
    if (this.deps.readRecords) return this.deps.readRecords(now);
    return this.sampleMode ? sampleFleetRecords(now) : this.collect(now);
  }

  private async collect(now: Date): Promise<FleetRecords> {
    const { settings } = this.deps;
    const accounts = await Promise.all(
      settings.accounts.map(async a => ({
        accountId: a.accountId,
        regions: a.regions,
        credentials: await this.credentialsOf(a.accountId),
      })),
    );
    return collectFleet({
      accounts,
      endpoints: settings.endpoints,
      now,
      maxAttempts: settings.maxAttempts,
      timeoutMs: settings.requestTimeoutMs,
      stackPrefixes: settings.stackNamePrefixes,
    });
  }

  /** An account without credentials fails its own sources, not the whole refresh. */
  private async credentialsOf(accountId: string) {
    try {
      return await credentialsForAccount(this.deps.config, accountId);
    } catch (error) {
      this.deps.logger.warn(
        `AWS insights: no credentials for account ${accountId}, its sources fail: ${stringifyError(
          error,
        )}`,
      );
      return unavailableCredentials(accountId, error);
    }
  }
}
