import {
  FleetFilter,
  FleetResponse,
} from '@platform-portal/plugin-aws-insights-common';

export interface FilterOptions {
  accounts: string[];
  regions: string[];
  environments: string[];
}

const sorted = (values: Iterable<string | undefined>) =>
  [...new Set([...values].filter((v): v is string => !!v))].sort();

/** Values the filter bar offers: every account, region and environment the fleet has. */
export function filterOptions(fleet: FleetResponse): FilterOptions {
  const resources = [
    ...fleet.clusters,
    ...fleet.databases.map(d => d.record),
    ...fleet.wafs,
  ];
  return {
    accounts: sorted([
      ...resources.map(r => r.accountId),
      ...fleet.stacks.map(s => s.accountId),
    ]),
    regions: sorted(resources.map(r => r.region)),
    environments: sorted(resources.map(r => r.environment)),
  };
}

/** Options seen so far plus new ones: a filtered response must not shrink the menus. */
export function mergeOptions(
  a: FilterOptions,
  b: FilterOptions,
): FilterOptions {
  return {
    accounts: sorted([...a.accounts, ...b.accounts]),
    regions: sorted([...a.regions, ...b.regions]),
    environments: sorted([...a.environments, ...b.environments]),
  };
}

/** The filter from URL search parameters (unknown keys ignored, empty values dropped). */
export function filterFromSearch(search: URLSearchParams): FleetFilter {
  const filter: FleetFilter = {};
  for (const key of ['accountId', 'region', 'environment'] as const) {
    const value = search.get(key);
    if (value) filter[key] = value;
  }
  return filter;
}

/** The history scope matching a filter: an environment's own trend, else the whole fleet. */
export function historyScope(filter: FleetFilter, fleet?: FleetResponse) {
  if (filter.environment && !filter.accountId && !filter.region) {
    return { scope: `environment:${filter.environment}`, partial: false };
  }
  if ((filter.accountId || filter.region) && fleet?.clusters.length === 1) {
    return { scope: `cluster:${fleet.clusters[0].arn}`, partial: false };
  }
  return { scope: 'fleet', partial: !!(filter.accountId || filter.region) };
}
