/**
 * Bundled AWS list prices (On-Demand, USD, Linux, no discounts or Savings
 * Plans) used for rough monthly estimates. Values are approximate public
 * list prices; refresh them and bump `PRICES_AS_OF` together. EC2 instance
 * prices come from the shared table in @platform-portal/platform-common.
 */
export const PRICES_AS_OF = '2026-10-01';

export const FALLBACK_REGION = 'us-east-1';

export interface RegionPrices {
  /** EKS control plane, standard support, per cluster-hour. */
  eksClusterHour: number;
  natGatewayHour: number;
  natGatewayPerGb: number;
  albHour: number;
  albLcuHour: number;
  /** Aurora PostgreSQL provisioned instances, per instance-hour. */
  auroraInstanceHour: Record<string, number>;
  /** RDS for PostgreSQL Single-AZ instances, per instance-hour (Multi-AZ is 2x). */
  rdsInstanceHour: Record<string, number>;
  /** Aurora Serverless v2 capacity, per ACU-hour. */
  auroraAcuHour: number;
  /** Aurora Standard storage per GB-month. */
  auroraStorageGbMonth: number;
  /** Aurora Standard I/O per million requests. */
  auroraIoPerMillion: number;
  /** RDS gp3 storage per GB-month, Single-AZ. */
  rdsStorageGbMonth: number;
}

/** Prices that are the same in every region. */
export const GLOBAL_PRICES = {
  wafWebAclMonth: 5,
  wafRuleMonth: 1,
  wafPerMillionRequests: 0.6,
  kmsKeyMonth: 1,
};

export const REGION_PRICES: Record<string, RegionPrices> = {
  'us-east-1': {
    eksClusterHour: 0.1,
    natGatewayHour: 0.045,
    natGatewayPerGb: 0.045,
    albHour: 0.0225,
    albLcuHour: 0.008,
    auroraInstanceHour: {
      'db.t4g.medium': 0.073,
      'db.t4g.large': 0.146,
      'db.r6g.large': 0.26,
      'db.r6g.xlarge': 0.519,
      'db.r6g.2xlarge': 1.038,
      'db.r7g.large': 0.276,
      'db.r7g.xlarge': 0.552,
      'db.r7g.2xlarge': 1.104,
    },
    rdsInstanceHour: {
      'db.t4g.medium': 0.065,
      'db.t4g.large': 0.129,
      'db.m6g.large': 0.152,
      'db.m6g.xlarge': 0.304,
      'db.m7g.large': 0.168,
      'db.r6g.large': 0.225,
      'db.r6g.xlarge': 0.45,
      'db.r7g.large': 0.239,
      'db.r7g.xlarge': 0.478,
    },
    auroraAcuHour: 0.12,
    auroraStorageGbMonth: 0.1,
    auroraIoPerMillion: 0.2,
    rdsStorageGbMonth: 0.115,
  },
  'eu-west-1': {
    eksClusterHour: 0.1,
    natGatewayHour: 0.048,
    natGatewayPerGb: 0.048,
    albHour: 0.0252,
    albLcuHour: 0.008,
    auroraInstanceHour: {
      'db.t4g.medium': 0.08,
      'db.t4g.large': 0.16,
      'db.r6g.large': 0.285,
      'db.r6g.xlarge': 0.57,
      'db.r6g.2xlarge': 1.14,
      'db.r7g.large': 0.303,
      'db.r7g.xlarge': 0.606,
      'db.r7g.2xlarge': 1.212,
    },
    rdsInstanceHour: {
      'db.t4g.medium': 0.072,
      'db.t4g.large': 0.144,
      'db.m6g.large': 0.168,
      'db.m6g.xlarge': 0.336,
      'db.m7g.large': 0.186,
      'db.r6g.large': 0.25,
      'db.r6g.xlarge': 0.5,
      'db.r7g.large': 0.266,
      'db.r7g.xlarge': 0.532,
    },
    auroraAcuHour: 0.13,
    auroraStorageGbMonth: 0.11,
    auroraIoPerMillion: 0.22,
    rdsStorageGbMonth: 0.127,
  },
};

/**
 * Usage we cannot know in advance, per tier. These drive the usage-based
 * lines and are listed in every estimate's assumptions.
 */
export interface UsageProfile {
  /** GB processed by the NAT gateways per month, all AZs together. */
  natGb: number;
  /** Average ALB load balancer capacity units. */
  albLcu: number;
  /** Million requests per month through the WAF. */
  wafMillionRequests: number;
  /** Average vCPUs Karpenter keeps running, before the cpuLimit cap. */
  karpenterVcpu: number;
  /** Database storage in GB. */
  dbStorageGb: number;
  /** Aurora I/O, million requests per month. */
  dbIoMillions: number;
  /** Aurora Serverless v2 ACU-hours per instance per month (auto-pause when idle). */
  serverlessAcuHours: number;
}

export const USAGE_PROFILES: Record<
  'dev' | 'staging' | 'prod' | 'other',
  UsageProfile
> = {
  dev: {
    natGb: 100,
    albLcu: 1,
    wafMillionRequests: 5,
    karpenterVcpu: 8,
    dbStorageGb: 50,
    dbIoMillions: 10,
    serverlessAcuHours: 440,
  },
  other: {
    natGb: 100,
    albLcu: 1,
    wafMillionRequests: 5,
    karpenterVcpu: 8,
    dbStorageGb: 50,
    dbIoMillions: 10,
    serverlessAcuHours: 440,
  },
  staging: {
    natGb: 300,
    albLcu: 2,
    wafMillionRequests: 20,
    karpenterVcpu: 16,
    dbStorageGb: 100,
    dbIoMillions: 50,
    serverlessAcuHours: 880,
  },
  prod: {
    natGb: 1000,
    albLcu: 5,
    wafMillionRequests: 100,
    karpenterVcpu: 32,
    dbStorageGb: 200,
    dbIoMillions: 200,
    serverlessAcuHours: 1460,
  },
};

/** The EKS managed core node group that runs Karpenter and cluster add-ons (count: coreNodeCount). */
export const CORE_NODE_GROUP = { instanceType: 'm7g.large' };

/** Reference x86 instance for pricing Karpenter vCPUs (2 vCPUs per instance). */
export const KARPENTER_REFERENCE = { instanceType: 'm7i.large', vcpus: 2 };

/** Graviton instances cost ~20% less than the x86 equivalent (m7g vs m7i). */
export const GRAVITON_FACTOR = 0.8;
/** Spot runs ~60-70% under On-Demand; we assume 70% of capacity on Spot at a 65% discount. */
export const SPOT_SHARE = 0.7;
export const SPOT_DISCOUNT = 0.65;

/** Managed rule groups + the rate-based rule in the web ACL. */
export const WAF_RULES = 5;

/** KMS keys per environment: EKS secrets, database, CloudWatch logs. */
export const KMS_KEYS = 3;
