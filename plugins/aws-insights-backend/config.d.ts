import { HumanDuration } from '@backstage/types';

export interface Config {
  /** AWS insights: EKS capacity, Spot/Graviton mix, RDS health and WAF blocks. */
  awsInsights?: {
    /**
     * Accounts and regions to read. Credentials come from `aws.accounts` (see
     * @backstage/integration-aws-node: a read-only role per account, with an external id).
     * When no account is listed, the plugin serves the embedded sample fleet, flagged as such.
     */
    accounts?: Array<{
      /** 12-digit account id. */
      accountId: string;
      /** Name of the aws-account entity in the catalog, e.g. prod. */
      name?: string;
      regions: string[];
    }>;
    /**
     * Endpoint override per AWS service, for AWS-compatible endpoints (moto, LocalStack).
     * With such endpoints, give static keys per account in `aws.accounts` (accountId,
     * accessKeyId, secretAccessKey): a bare `aws.mainAccount` makes the credentials manager ask
     * the real STS for the account id.
     */
    endpoints?: {
      eks?: string;
      ec2?: string;
      pricing?: string;
      cloudwatch?: string;
      rds?: string;
      wafv2?: string;
      cloudformation?: string;
    };
    /** How often one replica refreshes (all replicas serve from the shared cache). Default 5 minutes. */
    refreshFrequency?: HumanDuration | string;
    /** Per-call timeout in milliseconds. Default 10000. */
    requestTimeoutMs?: number;
    /** Attempts per call with the SDK's adaptive retry strategy. Default 4. */
    maxAttempts?: number;
    /** Days of mix and capacity history to keep. Default 30. */
    historyRetentionDays?: number;
    /** Headroom below which a cluster is flagged. Default 15 (percent). */
    lowHeadroomPercent?: number;
    /** CloudFormation stacks the platform owns, by name prefix. Default platform-, eksctl-. */
    stackNamePrefixes?: string[];
  };
}
