import { PriceRecord } from '@platform-portal/plugin-aws-insights-common';
import {
  EC2_ON_DEMAND_PRICES_AS_OF,
  ec2OnDemandHourlyPrice,
} from '@platform-portal/platform-common';

// The fallback for when the Pricing API is unreachable is the portal's one EC2 price table.
export {
  EC2_ON_DEMAND_PRICE_REGIONS as BUNDLED_PRICE_REGIONS,
  EC2_ON_DEMAND_PRICES_AS_OF as BUNDLED_PRICES_AS_OF,
  ec2OnDemandHourlyPrice as bundledOnDemandPrice,
} from '@platform-portal/platform-common';

/** Bundled-table PriceRecords for the types the table knows; unknown types are left out. */
export function bundledOnDemandPriceRecords(
  instanceTypes: readonly string[],
  region: string,
): PriceRecord[] {
  return instanceTypes.flatMap(instanceType => {
    const usdPerHour = ec2OnDemandHourlyPrice(instanceType, region);
    return usdPerHour === undefined
      ? []
      : [
          {
            instanceType,
            region,
            lifecycle: 'on-demand' as const,
            usdPerHour,
            asOf: EC2_ON_DEMAND_PRICES_AS_OF,
            source: 'bundled-table' as const,
          },
        ];
  });
}
