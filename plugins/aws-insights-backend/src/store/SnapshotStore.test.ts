import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { resolve as resolvePath } from 'node:path';
import { HistoryRow } from './historyRows';
import { SnapshotStore } from './SnapshotStore';

jest.setTimeout(60_000);

const MIGRATIONS = resolvePath(__dirname, '../../migrations');

const point = (takenAt: string, scope: string, vcpu: number): HistoryRow => ({
  takenAt,
  scope,
  sample: false,
  nodes: vcpu / 2,
  vcpu,
  requestedVcpu: scope === 'fleet' ? vcpu / 2 : undefined,
  spotArm64Vcpu: vcpu / 4,
  spotX8664Vcpu: vcpu / 4,
  onDemandArm64Vcpu: vcpu / 4,
  onDemandX8664Vcpu: vcpu / 4,
  usdPerHour: vcpu * 0.02,
  onDemandX86UsdPerHour: vcpu * 0.05,
});

// Real databases: SQLite in memory, and this machine's PostgreSQL (scripts/test points
// Backstage's TestDatabases at it instead of Docker).
const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())(
  'SnapshotStore on %s',
  (id: TestDatabaseId) => {
    let store: SnapshotStore;

    beforeAll(async () => {
      store = await SnapshotStore.create(await databases.init(id), MIGRATIONS);
    });

    it('returns one scope in time order, since a point in time', async () => {
      await store.append([
        point('2026-11-20T10:00:00.000Z', 'fleet', 100),
        point('2026-11-22T10:00:00.000Z', 'fleet', 120),
        point('2026-11-21T10:00:00.000Z', 'fleet', 110),
        point('2026-11-21T10:00:00.000Z', 'environment:prod', 60),
      ]);
      const history = await store.history(
        'fleet',
        new Date('2026-11-21T00:00:00Z'),
      );
      expect(history.map(h => [h.takenAt, h.vcpu])).toEqual([
        ['2026-11-21T10:00:00.000Z', 110],
        ['2026-11-22T10:00:00.000Z', 120],
      ]);
      expect(history[0]).toEqual(
        point('2026-11-21T10:00:00.000Z', 'fleet', 110),
      );
      const prod = await store.history('environment:prod', new Date(0));
      expect(prod).toHaveLength(1);
      expect(prod[0].requestedVcpu).toBeUndefined();
    });

    it('prunes points older than the retention', async () => {
      const removed = await store.prune(new Date('2026-11-21T12:00:00Z'));
      expect(removed).toBe(3);
      expect(
        (await store.history('fleet', new Date(0))).map(h => h.vcpu),
      ).toEqual([120]);
    });

    it('keeps sample points apart from real ones and finds points before a time', async () => {
      const scope = 'environment:kinds';
      await store.append([
        { ...point('2026-11-10T00:00:00.000Z', scope, 10), sample: true },
        point('2026-11-22T00:00:00.000Z', scope, 20),
      ]);
      const vcpus = async (sample?: boolean) =>
        (await store.history(scope, new Date(0), sample)).map(h => h.vcpu);
      expect(await vcpus()).toEqual([10, 20]);
      expect(await vcpus(true)).toEqual([10]);
      expect(await vcpus(false)).toEqual([20]);
      const nov15 = new Date('2026-11-15T00:00:00Z');
      expect(await store.hasPointsBefore(scope, nov15, true)).toBe(true);
      expect(await store.hasPointsBefore(scope, nov15, false)).toBe(false);
      expect(await store.hasPointsBefore('fleet:none', nov15, true)).toBe(
        false,
      );
    });

    it('stores a large refresh in batches', async () => {
      const rows = Array.from({ length: 500 }, (_, i) =>
        point('2026-11-23T00:00:00.000Z', `cluster:arn:${i}`, 8),
      );
      await store.append(rows);
      expect(await store.history('cluster:arn:499', new Date(0))).toHaveLength(
        1,
      );
    });
  },
);
