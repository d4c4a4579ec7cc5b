import {
  paginateDescribeSpotPriceHistory,
  SpotPrice,
  _InstanceType,
} from '@aws-sdk/client-ec2';
import { paginateGetProducts } from '@aws-sdk/client-pricing';
import {
  PriceRecord,
  SourceStatus,
} from '@platform-portal/plugin-aws-insights-common';
import { bundledOnDemandPriceRecords } from './bundledOnDemandPrices';
import {
  chunk,
  CollectorContext,
  distinct,
  sourceStatus,
} from './collectorSupport';

export interface PriceCollection {
  prices: PriceRecord[];
  status: SourceStatus;
}

/** Instance types per DescribeSpotPriceHistory call (the filter is a list; keep requests small). */
const SPOT_TYPES_PER_CALL = 100;

/** The latest spot price per type and AZ (several product variants or timestamps may come back). */
export function latestSpotPrices(
  history: readonly SpotPrice[],
  region: string,
): PriceRecord[] {
  const latest = new Map<string, SpotPrice>();
  for (const entry of history) {
    if (!entry.InstanceType || !entry.AvailabilityZone || !entry.SpotPrice) {
      continue;
    }
    const key = `${entry.InstanceType}|${entry.AvailabilityZone}`;
    const current = latest.get(key);
    if (
      !current ||
      (entry.Timestamp?.getTime() ?? 0) > (current.Timestamp?.getTime() ?? 0)
    ) {
      latest.set(key, entry);
    }
  }
  return [...latest.values()].map(entry => ({
    instanceType: entry.InstanceType!,
    region,
    availabilityZone: entry.AvailabilityZone,
    lifecycle: 'spot' as const,
    usdPerHour: Number(entry.SpotPrice),
    asOf: entry.Timestamp?.toISOString() ?? '',
    source: 'spot-price-history' as const,
  }));
}

interface PriceListDocument {
  product?: { attributes?: { instanceType?: string } };
  publicationDate?: string;
  terms?: {
    OnDemand?: Record<
      string,
      {
        effectiveDate?: string;
        priceDimensions?: Record<string, { pricePerUnit?: { USD?: string } }>;
      }
    >;
  };
}

/** One Pricing API PriceList entry (a JSON string) as an On-Demand PriceRecord, if it has a price. */
export function parsePriceListItem(
  item: string,
  region: string,
): PriceRecord | undefined {
  const doc = JSON.parse(item) as PriceListDocument;
  const instanceType = doc.product?.attributes?.instanceType;
  if (!instanceType) return undefined;
  for (const term of Object.values(doc.terms?.OnDemand ?? {})) {
    for (const dimension of Object.values(term.priceDimensions ?? {})) {
      const usdPerHour = Number(dimension.pricePerUnit?.USD);
      // Zero-priced dimensions are reservation placeholders, not the hourly rate.
      if (usdPerHour > 0) {
        return {
          instanceType,
          region,
          lifecycle: 'on-demand',
          usdPerHour,
          asOf: term.effectiveDate ?? doc.publicationDate ?? '',
          source: 'pricing-api',
        };
      }
    }
  }
  return undefined;
}

/**
 * Current spot prices (Linux) of the given types in the context's region, per AZ.
 * Calls: DescribeSpotPriceHistory pages per 100 types. Status: spot-prices (ec2).
 */
export async function collectSpotPrices(
  ctx: CollectorContext,
  instanceTypes: readonly string[],
): Promise<PriceCollection> {
  const history: SpotPrice[] = [];
  let failure: unknown;
  try {
    for (const batch of chunk(distinct(instanceTypes), SPOT_TYPES_PER_CALL)) {
      const pages = paginateDescribeSpotPriceHistory(
        { client: ctx.clients.ec2 },
        {
          InstanceTypes: batch as _InstanceType[],
          ProductDescriptions: ['Linux/UNIX'],
          // StartTime = now: only the price in effect now, one entry per type and AZ.
          StartTime: ctx.now,
        },
      );
      for await (const page of pages) {
        history.push(...(page.SpotPriceHistory ?? []));
      }
    }
  } catch (error) {
    failure = error;
  }
  return {
    prices: latestSpotPrices(history, ctx.region),
    status: sourceStatus('spot-prices', ctx, failure),
  };
}

/**
 * On-Demand Linux prices of the given types in the context's region from the Pricing API
 * (one GetProducts page set per type). On the first failure it stops calling and prices what
 * is left from the bundled table; the status then says Pricing failed and why.
 * Types the API has no product for also fall back to the table. Status: on-demand-prices (pricing).
 */
export async function collectOnDemandPrices(
  ctx: CollectorContext,
  instanceTypes: readonly string[],
): Promise<PriceCollection> {
  const prices: PriceRecord[] = [];
  let failure: unknown;
  for (const instanceType of distinct(instanceTypes)) {
    try {
      const price = await fetchOnDemandPrice(ctx, instanceType);
      if (price) prices.push(price);
    } catch (error) {
      failure = error;
      break;
    }
  }
  const priced = new Set(prices.map(p => p.instanceType));
  const missing = distinct(instanceTypes).filter(t => !priced.has(t));
  prices.push(...bundledOnDemandPriceRecords(missing, ctx.region));
  return { prices, status: sourceStatus('on-demand-prices', ctx, failure) };
}

async function fetchOnDemandPrice(
  ctx: CollectorContext,
  instanceType: string,
): Promise<PriceRecord | undefined> {
  const filter = (Field: string, Value: string) => ({
    Type: 'TERM_MATCH' as const,
    Field,
    Value,
  });
  const pages = paginateGetProducts(
    { client: ctx.clients.pricing },
    {
      ServiceCode: 'AmazonEC2',
      FormatVersion: 'aws_v1',
      Filters: [
        filter('instanceType', instanceType),
        filter('regionCode', ctx.region),
        filter('operatingSystem', 'Linux'),
        filter('tenancy', 'Shared'),
        filter('preInstalledSw', 'NA'),
        filter('capacitystatus', 'Used'),
      ],
    },
  );
  for await (const page of pages) {
    for (const item of page.PriceList ?? []) {
      const price = parsePriceListItem(String(item), ctx.region);
      if (price) return price;
    }
  }
  return undefined;
}
