import { Knex } from 'knex';
import { HistoryRow } from './historyRows';

const TABLE = 'insight_snapshots';

/** The mix and capacity history, in the plugin's own database (SQLite or PostgreSQL). */
export class SnapshotStore {
  constructor(private readonly db: Knex) {}

  static async create(
    db: Knex,
    migrationsDirectory: string,
    options: { skipMigrations?: boolean } = {},
  ): Promise<SnapshotStore> {
    if (!options.skipMigrations) {
      await db.migrate.latest({
        directory: migrationsDirectory,
        tableName: 'insight_knex_migrations',
      });
    }
    return new SnapshotStore(db);
  }

  async append(rows: HistoryRow[]): Promise<void> {
    if (rows.length === 0) return;
    // Batches keep SQLite under its bound-parameter limit.
    await this.db.batchInsert(
      TABLE,
      rows.map(r => ({
        taken_at: new Date(r.takenAt),
        scope: r.scope,
        sample: r.sample,
        nodes: r.nodes,
        vcpu: r.vcpu,
        requested_vcpu: r.requestedVcpu ?? null,
        spot_arm64_vcpu: r.spotArm64Vcpu,
        spot_x86_64_vcpu: r.spotX8664Vcpu,
        on_demand_arm64_vcpu: r.onDemandArm64Vcpu,
        on_demand_x86_64_vcpu: r.onDemandX8664Vcpu,
        usd_per_hour: r.usdPerHour,
        on_demand_x86_usd_per_hour: r.onDemandX86UsdPerHour,
      })),
      50,
    );
  }

  /**
   * Points of one scope since `since`, oldest first. With `sample` given, only points of that
   * kind: a portal that connected real accounts must not chart the sample fleet's past.
   */
  async history(
    scope: string,
    since: Date,
    sample?: boolean,
  ): Promise<HistoryRow[]> {
    const query = this.db(TABLE)
      .where('scope', scope)
      .andWhere('taken_at', '>=', since);
    if (sample !== undefined) query.andWhere('sample', sample);
    const rows = await query.orderBy('taken_at', 'asc');
    return rows.map(r => ({
      takenAt: new Date(r.taken_at).toISOString(),
      scope: r.scope,
      sample: Boolean(r.sample),
      nodes: Number(r.nodes),
      vcpu: Number(r.vcpu),
      requestedVcpu:
        r.requested_vcpu === null ? undefined : Number(r.requested_vcpu),
      spotArm64Vcpu: Number(r.spot_arm64_vcpu),
      spotX8664Vcpu: Number(r.spot_x86_64_vcpu),
      onDemandArm64Vcpu: Number(r.on_demand_arm64_vcpu),
      onDemandX8664Vcpu: Number(r.on_demand_x86_64_vcpu),
      usdPerHour: Number(r.usd_per_hour),
      onDemandX86UsdPerHour: Number(r.on_demand_x86_usd_per_hour),
    }));
  }

  /** Whether any point of `scope` (of the given kind) is older than `before`. */
  async hasPointsBefore(
    scope: string,
    before: Date,
    sample: boolean,
  ): Promise<boolean> {
    const row = await this.db(TABLE)
      .where({ scope, sample })
      .andWhere('taken_at', '<', before)
      .first('scope');
    return row !== undefined;
  }

  /** Deletes points older than `before`; returns how many went. */
  async prune(before: Date): Promise<number> {
    return this.db(TABLE).where('taken_at', '<', before).delete();
  }
}
