import {
  FleetRecords,
  InstanceRecord,
  PriceRecord,
  SourceReads,
  SourceStatus,
} from '@platform-portal/plugin-aws-insights-common';
import { armEquivalent, x86Equivalent } from '../aggregation';

type Located = { accountId: string; region: string };
type LocatedList =
  | 'clusters'
  | 'instances'
  | 'utilisation'
  | 'databases'
  | 'webAcls'
  | 'stacks';

/** The record list each per-account-and-region source produces. */
const LIST_OF: Partial<Record<SourceReads, LocatedList>> = {
  clusters: 'clusters',
  instances: 'instances',
  'container-insights': 'utilisation',
  databases: 'databases',
  'web-acls': 'webAcls',
  stacks: 'stacks',
};

/** Prices are regional reference data: one source per region and lifecycle. */
const PRICE_LIFECYCLE: Partial<Record<SourceReads, PriceRecord['lifecycle']>> =
  { 'spot-prices': 'spot', 'on-demand-prices': 'on-demand' };
const PRICE_READS: Record<PriceRecord['lifecycle'], SourceReads> = {
  spot: 'spot-prices',
  'on-demand': 'on-demand-prices',
};

/** Names one source across refreshes: prices by region, everything else by account and region. */
export function sourceKey(
  s: Pick<SourceStatus, 'reads' | 'accountId' | 'region'>,
) {
  return PRICE_LIFECYCLE[s.reads]
    ? `${s.reads}|${s.region}`
    : `${s.reads}|${s.accountId}|${s.region}`;
}

/** When a source last read successfully; undefined if it never did. */
const lastGoodRead = (s: SourceStatus) => (s.ok ? s.fetchedAt : s.staleSince);
const priceKey = (p: PriceRecord) =>
  `${p.region}|${p.availabilityZone ?? ''}|${p.instanceType}|${p.lifecycle}`;
const at = (r: Located, s: Located) =>
  r.accountId === s.accountId && r.region === s.region;

/**
 * Keeps the last good data of every source that failed in this refresh, so one snapshot is
 * always consistent and a throttled or unreachable account never blanks the dashboards:
 *
 * - A failed source's records are replaced by those of its last good read (never both: a
 *   read that failed part-way would otherwise count its instances twice), and its status says
 *   it failed now and serves data read at `staleSince`.
 * - Carried-over instances keep what their figures need: the instance type specs and prices
 *   of the last refresh where this one has none. A price source this refresh did not read
 *   (no instances of its region could be read) is named as failed with the time of its data.
 */
export function carryOverFailedSources(
  fresh: FleetRecords,
  previous: FleetRecords | undefined,
): FleetRecords {
  if (!previous) return fresh;
  const previousSources = new Map(previous.sources.map(s => [sourceKey(s), s]));
  const result: FleetRecords = {
    ...fresh,
    sources: [],
    instanceTypes: [...fresh.instanceTypes],
  };
  const carriedInstances: InstanceRecord[] = [];

  for (const status of fresh.sources) {
    const since = previousSources.get(sourceKey(status));
    const lastGood = since && lastGoodRead(since);
    if (status.ok || !lastGood) {
      result.sources.push(status);
      continue;
    }
    const list = LIST_OF[status.reads];
    const lifecycle = PRICE_LIFECYCLE[status.reads];
    if (list) {
      const kept = (previous[list] as Located[]).filter(r => at(r, status));
      (result[list] as Located[]) = [
        ...(result[list] as Located[]).filter(r => !at(r, status)),
        ...kept,
      ];
      if (list === 'instances') {
        carriedInstances.push(...(kept as InstanceRecord[]));
      }
    } else if (lifecycle) {
      // Per price: the last good read wins; what it never priced keeps this read's fallback.
      const kept = previous.prices.filter(
        p => p.region === status.region && p.lifecycle === lifecycle,
      );
      const keys = new Set(kept.map(priceKey));
      result.prices = [
        ...result.prices.filter(p => !keys.has(priceKey(p))),
        ...kept,
      ];
    } else {
      result.sources.push(status);
      continue;
    }
    result.sources.push({ ...status, staleSince: lastGood });
  }

  completeReferenceData(result, previous, carriedInstances);
  return result;
}

/** Specs and prices for carried-over instances, from the previous refresh where missing now. */
function completeReferenceData(
  result: FleetRecords,
  previous: FleetRecords,
  carried: InstanceRecord[],
) {
  if (carried.length === 0) return;
  const specs = new Set(result.instanceTypes.map(t => t.instanceType));
  for (const type of new Set(carried.map(i => i.instanceType))) {
    const spec = previous.instanceTypes.find(t => t.instanceType === type);
    if (!specs.has(type) && spec) {
      result.instanceTypes.push(spec);
      specs.add(type);
    }
  }

  // Prices of the carried instances' types and of their Graviton / x86 equivalents (savings).
  const needed = new Set<string>();
  for (const i of carried) {
    for (const type of [
      i.instanceType,
      armEquivalent(i.instanceType),
      x86Equivalent(i.instanceType),
    ]) {
      if (type) needed.add(`${i.region}|${type}`);
    }
  }
  const priced = new Set(result.prices.map(priceKey));
  const carriedFrom = new Set<string>();
  for (const price of previous.prices) {
    if (
      needed.has(`${price.region}|${price.instanceType}`) &&
      !priced.has(priceKey(price))
    ) {
      result.prices.push(price);
      priced.add(priceKey(price));
      carriedFrom.add(`${PRICE_READS[price.lifecycle]}|${price.region}`);
    }
  }

  // Price sources this refresh did not read at all: named, with the time of their data.
  const read = new Set(result.sources.map(sourceKey));
  for (const status of previous.sources) {
    const key = sourceKey(status);
    if (!carriedFrom.has(key) || read.has(key)) continue;
    result.sources.push({
      ...status,
      ok: false,
      fetchedAt: result.collectedAt,
      calls: 0,
      error: {
        name: 'NotRead',
        message: `not read in this refresh: no instances of ${status.region} could be read; prices of the instances carried over are from the last read`,
      },
      staleSince: status.staleSince ?? status.fetchedAt,
    });
    read.add(key);
  }
}
