import {
  DatabaseHealth,
  DatabaseRecord,
  HealthVerdict,
} from '@platform-portal/plugin-aws-insights-common';

/** Thresholds of the database health rules; every field has a default, all overridable. */
export interface DatabaseHealthRules {
  /** Backups kept fewer days than this are critical. */
  minBackupRetentionDays: number;
  /** Statuses other than 'available' that are routine work (warning, not critical). */
  transitionalStatuses: string[];
  /** `environment` values (or `tier` tag values) that mean production. */
  prodEnvironments: string[];
  cpuWarningPercent: number;
  cpuCriticalPercent: number;
  replicaLagWarningSeconds: number;
  replicaLagCriticalSeconds: number;
  /** Free storage as a percentage of allocated storage (RDS only). */
  freeStorageWarningPercent: number;
  freeStorageCriticalPercent: number;
  freeableMemoryWarningBytes: number;
}

export const DEFAULT_DATABASE_HEALTH_RULES: Readonly<DatabaseHealthRules> = {
  minBackupRetentionDays: 7,
  transitionalStatuses: ['backing-up', 'modifying'],
  prodEnvironments: ['prod'],
  cpuWarningPercent: 80,
  cpuCriticalPercent: 95,
  replicaLagWarningSeconds: 30,
  replicaLagCriticalSeconds: 300,
  freeStorageWarningPercent: 10,
  freeStorageCriticalPercent: 5,
  freeableMemoryWarningBytes: 256 * 1024 * 1024,
};

const SEVERITY: Record<HealthVerdict, number> = {
  healthy: 0,
  warning: 1,
  critical: 2,
};

/** Rounds for reading: whole numbers stay whole, others get one decimal. */
function formatNumber(value: number): string {
  return String(Math.round(value * 10) / 10);
}

export function isProdDatabase(
  record: Pick<DatabaseRecord, 'environment' | 'tags'>,
  prodEnvironments: readonly string[] = DEFAULT_DATABASE_HEALTH_RULES.prodEnvironments,
): boolean {
  return (
    (record.environment !== undefined &&
      prodEnvironments.includes(record.environment)) ||
    (record.tags.tier !== undefined &&
      prodEnvironments.includes(record.tags.tier))
  );
}

/**
 * Health verdict of one database (Aurora cluster or RDS instance) with human reasons, worst
 * first. Metrics that were not read are not judged: a missing number is never a failure.
 */
export function assessDatabase(
  record: DatabaseRecord,
  rules: Partial<DatabaseHealthRules> = {},
): DatabaseHealth {
  const r: DatabaseHealthRules = { ...DEFAULT_DATABASE_HEALTH_RULES, ...rules };
  const findings: Array<{ severity: HealthVerdict; reason: string }> = [];
  const flag = (severity: HealthVerdict, reason: string) =>
    findings.push({ severity, reason });
  const prod = isProdDatabase(record, r.prodEnvironments);
  const { metrics } = record;

  if (record.status !== 'available') {
    flag(
      r.transitionalStatuses.includes(record.status) ? 'warning' : 'critical',
      `status ${record.status}`,
    );
  }
  for (const member of record.members) {
    if (
      member.status !== 'available' &&
      member.identifier !== record.identifier
    ) {
      flag(
        'warning',
        `${member.role} ${member.identifier} status ${member.status}`,
      );
    }
  }
  if (record.backupRetentionDays < r.minBackupRetentionDays) {
    const days = record.backupRetentionDays;
    flag(
      'critical',
      `backup retention ${days} ${days === 1 ? 'day' : 'days'} < ${
        r.minBackupRetentionDays
      }`,
    );
  }
  if (!record.storageEncrypted) flag('critical', 'storage not encrypted');
  if (record.publiclyAccessible) flag('critical', 'publicly accessible');
  if (prod && !record.multiAz) flag('critical', 'not Multi-AZ in prod');
  if (prod && !record.deletionProtection) {
    flag('warning', 'deletion protection off in prod');
  }

  if (metrics.cpuPercent !== undefined) {
    const reason = `CPU ${formatNumber(metrics.cpuPercent)} %`;
    if (metrics.cpuPercent > r.cpuCriticalPercent) flag('critical', reason);
    else if (metrics.cpuPercent > r.cpuWarningPercent) flag('warning', reason);
  }
  if (metrics.replicaLagSeconds !== undefined) {
    const reason = `replica lag ${formatNumber(metrics.replicaLagSeconds)} s`;
    if (metrics.replicaLagSeconds > r.replicaLagCriticalSeconds) {
      flag('critical', reason);
    } else if (metrics.replicaLagSeconds > r.replicaLagWarningSeconds) {
      flag('warning', reason);
    }
  }
  // Aurora storage grows on demand: there is no allocation to run out of.
  if (
    record.kind === 'rds-instance' &&
    metrics.freeStorageBytes !== undefined &&
    metrics.allocatedStorageBytes
  ) {
    const freePercent =
      (metrics.freeStorageBytes / metrics.allocatedStorageBytes) * 100;
    const reason = `free storage ${formatNumber(freePercent)} % of allocated`;
    if (freePercent < r.freeStorageCriticalPercent) flag('critical', reason);
    else if (freePercent < r.freeStorageWarningPercent) flag('warning', reason);
  }
  if (
    metrics.freeableMemoryBytes !== undefined &&
    metrics.freeableMemoryBytes < r.freeableMemoryWarningBytes
  ) {
    const mib = metrics.freeableMemoryBytes / (1024 * 1024);
    flag('warning', `freeable memory ${formatNumber(mib)} MiB`);
  }
  if (record.pendingModifications.length > 0) {
    flag(
      'warning',
      `pending modifications: ${record.pendingModifications.join(', ')}`,
    );
  }

  // Stable sort: worst first, rule order within a severity.
  findings.sort((a, b) => SEVERITY[b.severity] - SEVERITY[a.severity]);
  const verdict = findings.reduce<HealthVerdict>(
    (worst, f) => (SEVERITY[f.severity] > SEVERITY[worst] ? f.severity : worst),
    'healthy',
  );
  return { record, verdict, reasons: findings.map(f => f.reason) };
}
