import {
  DatabaseHealth,
  DatabaseRecord,
} from '@platform-portal/plugin-aws-insights-common';
import { formatBytes } from '../../format';

/** `184.0 GiB used`, `40.0 GiB free of 100.0 GiB`: Aurora bills used, RDS allocates. */
export function storageText(record: DatabaseRecord): string {
  const m = record.metrics;
  if (m.allocatedStorageBytes !== undefined) {
    return m.freeStorageBytes !== undefined
      ? `${formatBytes(m.freeStorageBytes)} free of ${formatBytes(
          m.allocatedStorageBytes,
        )}`
      : `${formatBytes(m.allocatedStorageBytes)} allocated`;
  }
  if (m.usedStorageBytes !== undefined)
    return `${formatBytes(m.usedStorageBytes)} used`;
  if (m.freeStorageBytes !== undefined)
    return `${formatBytes(m.freeStorageBytes)} free`;
  return '—';
}

const VERDICT_ORDER = { critical: 0, warning: 1, healthy: 2 };

/** Worst first, then by name: what needs attention is on top. */
export function sortDatabases(databases: DatabaseHealth[]): DatabaseHealth[] {
  return [...databases].sort(
    (a, b) =>
      VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict] ||
      a.record.identifier.localeCompare(b.record.identifier),
  );
}

/** The newest events of all databases, newest first. */
export function recentEvents(databases: DatabaseHealth[], limit = 8) {
  return databases
    .flatMap(d =>
      d.record.events.map(e => ({ ...e, identifier: d.record.identifier })),
    )
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
    .slice(0, limit);
}
