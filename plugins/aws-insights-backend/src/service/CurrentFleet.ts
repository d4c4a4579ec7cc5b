import {
  ClusterResponse,
  DatabaseResponse,
  FleetRecords,
  FleetSnapshot,
  Freshness,
  WebAclResponse,
} from '@platform-portal/plugin-aws-insights-common';
import {
  buildFleetSnapshot,
  filterRecords,
  RecordsFilter,
  summariseWebAcl,
} from '../aggregation';
import { FleetBody, renderFleetBody } from './fleetBody';

/** Filtered views kept per refresh; the filter bar and entity pages ask for few distinct ones. */
const MAX_VIEWS = 200;

const freshnessOf = (s: FleetSnapshot): Freshness => ({
  sample: s.sample,
  generatedAt: s.generatedAt,
  dataAsOf: s.dataAsOf,
  stale: s.stale,
  staleAfter: s.staleAfter,
  sources: s.sources,
});

/**
 * The latest refresh as this replica sees it: the snapshot, GET /fleet's rendered body, and
 * every other answer derived from them by the pure aggregation. Immutable; a newer refresh
 * gets a new instance. The records (large: every instance) are read only when a filtered view
 * first needs them.
 */
export class CurrentFleet {
  readonly snapshot: FleetSnapshot;
  readonly body: FleetBody;
  private records?: Promise<FleetRecords>;
  private readonly views = new Map<string, FleetSnapshot>();

  constructor(
    snapshotJson: string,
    private readonly options: {
      loadRecords: () => Promise<FleetRecords>;
      lowHeadroomPercent: number;
      refreshFrequencyMs: number;
    },
  ) {
    this.snapshot = JSON.parse(snapshotJson);
    this.body = renderFleetBody(snapshotJson);
  }

  /** The same aggregation over a subset: one environment, cluster, account or region. */
  async view(filter: RecordsFilter): Promise<FleetSnapshot> {
    const key = JSON.stringify(filter);
    let view = this.views.get(key);
    if (!view) {
      const records = await this.loadRecords();
      view = buildFleetSnapshot(filterRecords(records, filter), {
        now: this.snapshot.generatedAt,
        lowHeadroomPercent: this.options.lowHeadroomPercent,
        refreshFrequencyMs: this.options.refreshFrequencyMs,
      });
      if (this.views.size >= MAX_VIEWS) this.views.clear();
      this.views.set(key, view);
    }
    return view;
  }

  /** The resources tagged environment=<name>; undefined when nothing is. */
  async environment(name: string): Promise<FleetSnapshot | undefined> {
    const view = await this.view({ environment: name });
    const empty =
      view.clusters.length === 0 &&
      view.databases.length === 0 &&
      view.wafs.length === 0;
    return empty ? undefined : view;
  }

  /** One cluster by name or ARN, with its mix and Graviton candidates. */
  async cluster(name: string): Promise<ClusterResponse | undefined> {
    const view = await this.view({ cluster: name });
    const cluster = view.clusters[0];
    if (!cluster) return undefined;
    return {
      ...freshnessOf(view),
      cluster,
      mix: view.mixByCluster[cluster.arn],
      gravitonCandidates: view.gravitonCandidates,
    };
  }

  /** One database by identifier or ARN. */
  database(id: string): DatabaseResponse | undefined {
    const database = this.snapshot.databases.find(
      d => d.record.identifier === id || d.record.arn === id,
    );
    return database && { ...freshnessOf(this.snapshot), database };
  }

  /**
   * One web ACL by name or ARN, summarised over the last `hours` before the refresh. Its
   * sampled requests (client IPs) only with `sampledVisible`: the caller's permission.
   */
  async webAcl(
    name: string,
    hours: number,
    options: { sampledVisible: boolean },
  ): Promise<WebAclResponse | undefined> {
    const summary = this.snapshot.wafs.find(
      w => w.name === name || w.arn === name,
    );
    if (!summary) return undefined;
    const records = await this.loadRecords();
    const record = records.webAcls.find(w => w.arn === summary.arn);
    if (!record) return undefined;
    const to = Date.parse(this.snapshot.generatedAt);
    return {
      ...freshnessOf(this.snapshot),
      summary: summariseWebAcl(record, {
        from: new Date(to - hours * 3_600_000).toISOString(),
      }),
      series: record.series,
      rules: record.rules,
      sampledAvailable: record.sampledAvailable,
      sampledVisible: options.sampledVisible,
      ...(options.sampledVisible
        ? { sampledBlocked: record.sampledBlocked }
        : {}),
    };
  }

  private loadRecords(): Promise<FleetRecords> {
    this.records ??= this.options.loadRecords().catch(error => {
      this.records = undefined; // the next request tries again
      throw error;
    });
    return this.records;
  }
}
