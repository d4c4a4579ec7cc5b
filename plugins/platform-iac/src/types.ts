/**
 * The contract between the environment form, the scaffolder actions and the IaC library.
 * Everything here is plain data: no SDK, no Backstage, no I/O.
 */

export const TIERS = ['dev', 'staging', 'prod', 'other'] as const;
export type Tier = (typeof TIERS)[number];

export const DATABASE_ENGINES = [
  'aurora-postgresql', // provisioned Aurora PostgreSQL (prod)
  'aurora-serverless-v2', // Aurora PostgreSQL Serverless v2 with auto-pause (dev/staging)
  'rds-postgresql', // RDS for PostgreSQL (dev/staging)
] as const;
export type DatabaseEngine = (typeof DATABASE_ENGINES)[number];

/** A validated request for one environment (output of `parseEnvironmentRequest`). */
export interface EnvironmentRequest {
  /** `ENVIRONMENT_NAME_PATTERN` (2-21 characters, single dashes, no trailing dash), not reserved. */
  name: string;
  tier: Tier;
  /** The target AWS account (from its catalog entity). */
  account: { name: string; accountId: string };
  region: string;
  /** Owner group entity ref, e.g. `group:default/team-orders`. */
  owner: string;
  network: {
    /** Explicit VPC block, or undefined to allocate one from the org pool. */
    cidr?: string;
    /** One NAT gateway for all AZs (cheaper, not allowed in prod). */
    singleNatGateway: boolean;
  };
  kubernetes: {
    version: string;
    karpenter: {
      allowSpot: boolean;
      allowGraviton: boolean;
      /** EC2 instance categories, e.g. ['c', 'm', 'r']. */
      instanceCategories: string[];
      /** Instance generation must be greater than this, e.g. 5 allows c6g, m7i. */
      minInstanceGeneration: number;
      /** Upper bound on the vCPUs Karpenter may provision in the general pools. */
      cpuLimit: number;
    };
  };
  database: {
    engine: DatabaseEngine;
    instanceClass: string;
    backupRetentionDays: number;
    readReplicas: number;
    multiAz: boolean;
  };
  waf: {
    /** Requests per 5 minutes per client IP before the rate-limit rule blocks. */
    rateLimitPer5Minutes: number;
  };
  ingress: {
    /** Public DNS name of the environment, e.g. qa.example.com. */
    domain: string;
    /** ACM certificate ARN; when absent the module requests one for `domain`. */
    certificateArn?: string;
  };
  /** Where the Terraform state lives (the shared account). */
  state: { bucket: string; region: string; accountId: string };
}

/** An environment that already exists, for overlap checks. */
export interface ExistingEnvironment {
  name: string;
  cidr: string;
  /** Where it was found: 'catalog' or 'repository'. */
  source?: string;
}

/** The VPC block and its subnets, carved across three AZs. */
export interface NetworkPlan {
  vpcCidr: string;
  azs: string[];
  publicSubnets: string[];
  privateSubnets: string[];
  databaseSubnets: string[];
  intraSubnets: string[];
}

/** A generated file tree: repository-relative path -> content. */
export type RenderedFiles = Record<string, string>;

export interface PolicyResult {
  id: string;
  passed: boolean;
  severity: 'error' | 'warning';
  message: string;
}

export interface CostLine {
  item: string;
  quantity: number;
  unitMonthlyUsd: number;
  monthlyUsd: number;
}

export interface CostEstimate {
  monthlyUsd: number;
  lines: CostLine[];
  /** Date of the bundled price table the estimate uses. */
  pricesAsOf: string;
  region: string;
  assumptions: string[];
}

/** A problem found by a validator, located in a generated file. */
export interface ValidationProblem {
  file: string;
  line?: number;
  column?: number;
  message: string;
}
