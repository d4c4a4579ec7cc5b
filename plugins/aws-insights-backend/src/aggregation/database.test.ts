import { database } from './__testUtils__/fixtures';
import { assessDatabase, isProdDatabase } from './database';

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

describe('assessDatabase', () => {
  it('finds a well-run database healthy', () => {
    const health = assessDatabase(database());
    expect(health.verdict).toBe('healthy');
    expect(health.reasons).toEqual([]);
    expect(health.record.identifier).toBe('orders');
  });

  it('is critical for a status other than available', () => {
    expect(assessDatabase(database({ status: 'stopped' }))).toMatchObject({
      verdict: 'critical',
      reasons: ['status stopped'],
    });
  });

  it.each(['backing-up', 'modifying'])('only warns for status %s', status => {
    expect(assessDatabase(database({ status }))).toMatchObject({
      verdict: 'warning',
      reasons: [`status ${status}`],
    });
  });

  it('warns for a cluster member that is not available', () => {
    const record = database({
      kind: 'aurora-cluster',
      members: [
        {
          identifier: 'orders-1',
          role: 'writer',
          instanceClass: 'db.r7g.large',
          status: 'available',
        },
        {
          identifier: 'orders-2',
          role: 'reader',
          instanceClass: 'db.r7g.large',
          status: 'rebooting',
        },
      ],
    });
    expect(assessDatabase(record)).toMatchObject({
      verdict: 'warning',
      reasons: ['reader orders-2 status rebooting'],
    });
  });

  it('is critical for short backup retention', () => {
    expect(
      assessDatabase(database({ backupRetentionDays: 1 })).reasons,
    ).toEqual(['backup retention 1 day < 7']);
    const none = assessDatabase(database({ backupRetentionDays: 0 }));
    expect(none).toMatchObject({
      verdict: 'critical',
      reasons: ['backup retention 0 days < 7'],
    });
  });

  it('is critical when unencrypted or public', () => {
    expect(
      assessDatabase(
        database({ storageEncrypted: false, publiclyAccessible: true }),
      ),
    ).toMatchObject({
      verdict: 'critical',
      reasons: ['storage not encrypted', 'publicly accessible'],
    });
  });

  describe('in prod', () => {
    it('is critical without Multi-AZ and warns without deletion protection', () => {
      const health = assessDatabase(
        database({
          environment: 'prod',
          multiAz: false,
          deletionProtection: false,
        }),
      );
      expect(health.verdict).toBe('critical');
      expect(health.reasons).toEqual([
        'not Multi-AZ in prod',
        'deletion protection off in prod',
      ]);
    });

    it('recognises prod by the tier tag', () => {
      const record = database({
        environment: undefined,
        tags: { tier: 'prod' },
      });
      expect(isProdDatabase(record)).toBe(true);
      expect(assessDatabase(record).reasons).toContain('not Multi-AZ in prod');
    });

    it('accepts single-AZ and unprotected databases outside prod', () => {
      expect(
        assessDatabase(database({ environment: 'dev', multiAz: false }))
          .verdict,
      ).toBe('healthy');
    });

    it('takes the prod environments from the rules', () => {
      const record = database({ environment: 'production' });
      expect(assessDatabase(record).verdict).toBe('healthy');
      expect(
        assessDatabase(record, { prodEnvironments: ['production'] }).verdict,
      ).toBe('critical');
    });
  });

  it.each([
    [79, 'healthy', []],
    [85, 'warning', ['CPU 85 %']],
    [97.25, 'critical', ['CPU 97.3 %']],
  ])('judges CPU %s %%', (cpuPercent, verdict, reasons) => {
    const record = database({ metrics: { cpuPercent } });
    expect(assessDatabase(record)).toMatchObject({ verdict, reasons });
  });

  it.each([
    [30, 'healthy', []],
    [45, 'warning', ['replica lag 45 s']],
    [301, 'critical', ['replica lag 301 s']],
  ])('judges replica lag %s s', (replicaLagSeconds, verdict, reasons) => {
    const record = database({ metrics: { replicaLagSeconds } });
    expect(assessDatabase(record)).toMatchObject({ verdict, reasons });
  });

  it('judges free storage of RDS against allocated storage', () => {
    const at = (freeGiB: number) =>
      assessDatabase(
        database({
          metrics: {
            freeStorageBytes: freeGiB * GIB,
            allocatedStorageBytes: 100 * GIB,
          },
        }),
      );
    expect(at(10).verdict).toBe('healthy');
    expect(at(8)).toMatchObject({
      verdict: 'warning',
      reasons: ['free storage 8 % of allocated'],
    });
    expect(at(4.5)).toMatchObject({
      verdict: 'critical',
      reasons: ['free storage 4.5 % of allocated'],
    });
  });

  it('does not judge Aurora storage, which has no allocation', () => {
    const record = database({
      kind: 'aurora-cluster',
      metrics: { freeStorageBytes: 1 * GIB, allocatedStorageBytes: 100 * GIB },
    });
    expect(assessDatabase(record).verdict).toBe('healthy');
  });

  it('warns for low freeable memory', () => {
    expect(
      assessDatabase(database({ metrics: { freeableMemoryBytes: 200 * MIB } })),
    ).toMatchObject({
      verdict: 'warning',
      reasons: ['freeable memory 200 MiB'],
    });
  });

  it('warns for pending modifications, listing them', () => {
    const record = database({
      pendingModifications: [
        'instance class db.r7g.large',
        'engine version 16.6',
      ],
    });
    expect(assessDatabase(record)).toMatchObject({
      verdict: 'warning',
      reasons: [
        'pending modifications: instance class db.r7g.large, engine version 16.6',
      ],
    });
  });

  it('does not judge metrics that were not read', () => {
    expect(assessDatabase(database({ metrics: {} })).verdict).toBe('healthy');
  });

  it('lists critical reasons before warnings and takes the worst verdict', () => {
    const health = assessDatabase(
      database({
        pendingModifications: ['storage 200 GiB'],
        backupRetentionDays: 1,
        metrics: { cpuPercent: 90 },
      }),
    );
    expect(health.verdict).toBe('critical');
    expect(health.reasons).toEqual([
      'backup retention 1 day < 7',
      'CPU 90 %',
      'pending modifications: storage 200 GiB',
    ]);
  });

  it('lets every threshold be overridden', () => {
    const record = database({
      backupRetentionDays: 3,
      metrics: { cpuPercent: 50, replicaLagSeconds: 10 },
    });
    expect(assessDatabase(record).reasons).toEqual([
      'backup retention 3 days < 7',
    ]);
    expect(
      assessDatabase(record, {
        minBackupRetentionDays: 3,
        cpuWarningPercent: 40,
        replicaLagWarningSeconds: 5,
      }),
    ).toMatchObject({
      verdict: 'warning',
      reasons: ['CPU 50 %', 'replica lag 10 s'],
    });
  });
});
