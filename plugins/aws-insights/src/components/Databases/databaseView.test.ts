import { auroraProd, devPostgres } from '../../__fixtures__/fleet';
import { recentEvents, sortDatabases, storageText } from './databaseView';

describe('database view', () => {
  it('writes used storage for Aurora and free of allocated for RDS', () => {
    expect(storageText(auroraProd.record)).toBe('184.0 GiB used');
    expect(storageText(devPostgres.record)).toBe('40.0 GiB free of 100.0 GiB');
  });

  it('puts the worst verdict first', () => {
    expect(
      sortDatabases([auroraProd, devPostgres]).map(d => d.verdict),
    ).toEqual(['critical', 'warning']);
  });

  it('lists the newest events first with their database', () => {
    const events = recentEvents([auroraProd, devPostgres], 1);
    expect(events).toEqual([
      {
        at: '2025-06-02T07:25:00.000Z',
        message: 'Replica prod-aurora-pg-3 lag above 30 seconds',
        identifier: 'prod-aurora-pg',
      },
    ]);
  });
});
