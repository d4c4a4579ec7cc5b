import {
  FleetRecords,
  SourceStatus,
} from '@platform-portal/plugin-aws-insights-common';

type Located = { accountId: string; region: string };
type RecordLists = Omit<FleetRecords, 'collectedAt' | 'sample' | 'sources'>;

// Which record lists each service produces; a failed source's lists are carried over.
const LISTS_BY_SERVICE: Partial<
  Record<SourceStatus['service'], Array<keyof RecordLists>>
> = {
  eks: ['clusters'],
  ec2: ['instances'],
  cloudwatch: ['utilisation'],
  rds: ['databases'],
  wafv2: ['webAcls'],
  cloudformation: ['stacks'],
};

const key = (s: Located & { service: string }) =>
  `${s.service}|${s.accountId}|${s.region}`;

/**
 * Keeps the last good data of every source that failed in this refresh: its records from the
 * previous refresh stay, and its status says it failed now and serves data read at `staleSince`.
 * A throttled or unreachable account never blanks the dashboards.
 */
export function carryOverFailedSources(
  fresh: FleetRecords,
  previous: FleetRecords | undefined,
): FleetRecords {
  if (!previous) return fresh;
  const previousOk = new Map(
    previous.sources.map(s => [key(s), s.ok ? s.fetchedAt : s.staleSince]),
  );
  const result: FleetRecords = { ...fresh, sources: [] };
  for (const status of fresh.sources) {
    const lastGood = previousOk.get(key(status));
    const lists = LISTS_BY_SERVICE[status.service];
    if (status.ok || !lastGood || !lists) {
      result.sources.push(status);
      continue;
    }
    for (const list of lists) {
      const kept = (previous[list] as Located[]).filter(
        r => r.accountId === status.accountId && r.region === status.region,
      );
      (result[list] as Located[]) = [...(result[list] as Located[]), ...kept];
    }
    result.sources.push({ ...status, staleSince: lastGood });
  }
  return result;
}
