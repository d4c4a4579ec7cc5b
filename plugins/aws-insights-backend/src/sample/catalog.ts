import {
  Architecture,
  InstanceTypeSpec,
  PriceRecord,
} from '@platform-portal/plugin-aws-insights-common';
import { createRandom } from './random';

/** The fake accounts of catalog/aws-accounts.yaml. */
export const SAMPLE_ACCOUNTS = {
  shared: '000000000002',
  dev: '000000000003',
  staging: '000000000004',
  prod: '000000000005',
} as const;

export type SampleEnvironment = 'dev' | 'staging' | 'prod';

export const SAMPLE_REGIONS = [
  'eu-west-1',
  'eu-central-1',
  'us-east-1',
  'us-west-2',
  'ap-southeast-2',
] as const;

/** On-Demand price level relative to eu-west-1 (approximate, from public price lists). */
const REGION_PRICE_FACTOR: Record<string, number> = {
  'eu-west-1': 1,
  'eu-central-1': 1.04,
  'us-east-1': 0.91,
  'us-west-2': 0.91,
  'ap-southeast-2': 1.14,
};

interface Family {
  architecture: Architecture;
  /** GiB per vCPU: 2 for compute (c), 4 for general purpose (m), 8 for memory (r). */
  gibPerVcpu: number;
  /** Approximate Linux On-Demand list price of the .large size in eu-west-1, USD/hour. */
  largeUsdPerHour: number;
}

const FAMILIES: Record<string, Family> = {
  m7g: { architecture: 'arm64', gibPerVcpu: 4, largeUsdPerHour: 0.0898 },
  c7g: { architecture: 'arm64', gibPerVcpu: 2, largeUsdPerHour: 0.0807 },
  r7g: { architecture: 'arm64', gibPerVcpu: 8, largeUsdPerHour: 0.1178 },
  m6g: { architecture: 'arm64', gibPerVcpu: 4, largeUsdPerHour: 0.086 },
  c6g: { architecture: 'arm64', gibPerVcpu: 2, largeUsdPerHour: 0.077 },
  r6g: { architecture: 'arm64', gibPerVcpu: 8, largeUsdPerHour: 0.1128 },
  m7i: { architecture: 'x86_64', gibPerVcpu: 4, largeUsdPerHour: 0.1113 },
  c7i: { architecture: 'x86_64', gibPerVcpu: 2, largeUsdPerHour: 0.0983 },
  r7i: { architecture: 'x86_64', gibPerVcpu: 8, largeUsdPerHour: 0.1474 },
  m6i: { architecture: 'x86_64', gibPerVcpu: 4, largeUsdPerHour: 0.107 },
  c6i: { architecture: 'x86_64', gibPerVcpu: 2, largeUsdPerHour: 0.096 },
  r6i: { architecture: 'x86_64', gibPerVcpu: 8, largeUsdPerHour: 0.141 },
};

const SIZE_VCPU: Record<string, number> = {
  medium: 1,
  large: 2,
  xlarge: 4,
  '2xlarge': 8,
  '4xlarge': 16,
};

/** Burstable types do not follow the per-vCPU pattern: listed one by one. */
const BURSTABLE: Array<[string, Architecture, number, number, number]> = [
  // type, architecture, vCPU, memory GiB, eu-west-1 On-Demand USD/hour
  ['t4g.medium', 'arm64', 2, 4, 0.0368],
  ['t4g.large', 'arm64', 2, 8, 0.0736],
  ['t4g.xlarge', 'arm64', 4, 16, 0.1472],
  ['t3.medium', 'x86_64', 2, 4, 0.0456],
  ['t3.large', 'x86_64', 2, 8, 0.0912],
  ['t3.xlarge', 'x86_64', 4, 16, 0.1824],
];

/** eu-west-1 On-Demand USD/hour per instance type. */
const BASE_PRICES = new Map<string, number>();

function buildSpecs(): InstanceTypeSpec[] {
  const specs: InstanceTypeSpec[] = [];
  for (const [name, family] of Object.entries(FAMILIES)) {
    for (const [size, vcpu] of Object.entries(SIZE_VCPU)) {
      // Only Graviton families have a .medium size.
      if (size === 'medium' && family.architecture !== 'arm64') continue;
      const instanceType = `${name}.${size}`;
      specs.push({
        instanceType,
        vcpu,
        memoryMiB: vcpu * family.gibPerVcpu * 1024,
        architectures: [family.architecture],
      });
      BASE_PRICES.set(instanceType, (family.largeUsdPerHour * vcpu) / 2);
    }
  }
  for (const [instanceType, architecture, vcpu, gib, price] of BURSTABLE) {
    specs.push({
      instanceType,
      vcpu,
      memoryMiB: gib * 1024,
      architectures: [architecture],
    });
    BASE_PRICES.set(instanceType, price);
  }
  return specs;
}

export const SAMPLE_INSTANCE_TYPES: readonly InstanceTypeSpec[] = buildSpecs();

const ARCHITECTURE_BY_TYPE = new Map(
  SAMPLE_INSTANCE_TYPES.map(s => [s.instanceType, s.architectures[0]]),
);

export function sampleArchitecture(instanceType: string): Architecture {
  const architecture = ARCHITECTURE_BY_TYPE.get(instanceType);
  if (!architecture) {
    throw new Error(
      `Instance type ${instanceType} is not in the sample catalog`,
    );
  }
  return architecture;
}

const round4 = (value: number) => Math.round(value * 10000) / 10000;

/**
 * On-Demand prices per region and Spot prices per AZ (a, b, c) for every sample type. Spot
 * is drawn between 30 % and 40 % of On-Demand, seeded per region so it is stable.
 */
export function samplePrices(
  regions: readonly string[],
  asOf: string,
): PriceRecord[] {
  const prices: PriceRecord[] = [];
  for (const region of regions) {
    const factor = REGION_PRICE_FACTOR[region] ?? 1;
    const random = createRandom(
      [...region].reduce((hash, c) => hash * 31 + c.charCodeAt(0), 7),
    );
    for (const [instanceType, base] of BASE_PRICES) {
      const onDemand = round4(base * factor);
      prices.push({
        instanceType,
        region,
        lifecycle: 'on-demand',
        usdPerHour: onDemand,
        asOf,
        source: 'pricing-api',
      });
      for (const az of ['a', 'b', 'c']) {
        prices.push({
          instanceType,
          region,
          availabilityZone: `${region}${az}`,
          lifecycle: 'spot',
          usdPerHour: round4(onDemand * random.between(0.3, 0.4)),
          asOf,
          source: 'spot-price-history',
        });
      }
    }
  }
  return prices;
}
