import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { EC2Client, EC2ClientConfig } from '@aws-sdk/client-ec2';
import { EKSClient } from '@aws-sdk/client-eks';
import { PricingClient } from '@aws-sdk/client-pricing';
import { RDSClient } from '@aws-sdk/client-rds';
import { WAFV2Client } from '@aws-sdk/client-wafv2';

/** The AWS services the collectors talk to (keys of the endpoint overrides). */
export type AwsClientService =
  | 'eks'
  | 'ec2'
  | 'pricing'
  | 'cloudwatch'
  | 'rds'
  | 'wafv2'
  | 'cloudformation';

/**
 * A static identity or, normally, a provider such as the `sdkCredentialProvider` of
 * @backstage/integration-aws-node. Derived from the SDK config so no extra dependency is needed.
 */
export type AwsCredentials = NonNullable<EC2ClientConfig['credentials']>;

export interface AwsClientOptions {
  credentials: AwsCredentials;
  region: string;
  /** Per-service endpoint overrides for AWS-compatible endpoints (moto, LocalStack, VPC endpoints). */
  endpoints?: Partial<Record<AwsClientService, string>>;
  /** Attempts per call including the first (default 3). */
  maxAttempts?: number;
  /** Connection and request timeout per attempt in ms (default 10 000). */
  timeoutMs?: number;
  retryMode?: 'adaptive' | 'standard';
}

/** SDK clients for one account and region; created lazily so a collector only builds what it uses. */
export interface AwsClients {
  readonly region: string;
  readonly eks: EKSClient;
  readonly ec2: EC2Client;
  /** Always us-east-1: the Pricing API is served from there whatever region is priced. */
  readonly pricing: PricingClient;
  readonly cloudwatch: CloudWatchClient;
  readonly rds: RDSClient;
  readonly wafv2: WAFV2Client;
  readonly cloudformation: CloudFormationClient;
  /** AWS operations invoked through these clients so far (retries of one call count once). */
  calls(): number;
}

/** The Pricing API only has endpoints in a few regions; us-east-1 serves every region's prices. */
export const PRICING_API_REGION = 'us-east-1';

const DEFAULT_MAX_ATTEMPTS = 3;
const DEFAULT_TIMEOUT_MS = 10_000;

/** Structural view of an SDK v3 client's middleware stack, enough to add the counter. */
interface WithMiddlewareStack {
  middlewareStack: {
    add(
      middleware: (
        next: (args: unknown) => Promise<unknown>,
      ) => (args: unknown) => Promise<unknown>,
      options: { step: 'initialize'; name: string },
    ): void;
  };
}

/**
 * Counts operations at the 'initialize' step, which runs once per `send` - before retries - so
 * the figure is the number of logical API calls (pages), the number that costs quota.
 */
export function addCallCounter(client: unknown, onCall: () => void): void {
  (client as WithMiddlewareStack).middlewareStack.add(
    next => async args => {
      onCall();
      return next(args);
    },
    { step: 'initialize', name: 'awsInsightsCallCounter' },
  );
}

export function createAwsClients(options: AwsClientOptions): AwsClients {
  let calls = 0;
  const count = () => {
    calls += 1;
  };
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const configFor = (service: AwsClientService, region: string) => ({
    region,
    credentials: options.credentials,
    endpoint: options.endpoints?.[service],
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    retryMode: options.retryMode ?? 'adaptive',
    // NodeHttpHandler options object form: the SDK builds the handler from it. Without
    // throwOnRequestTimeout a breached requestTimeout only logs a warning and the call hangs.
    requestHandler: {
      connectionTimeout: timeoutMs,
      requestTimeout: timeoutMs,
      throwOnRequestTimeout: true,
    },
  });

  const cache = new Map<AwsClientService, unknown>();
  function lazy<T>(
    service: AwsClientService,
    build: (config: ReturnType<typeof configFor>) => T,
    region = options.region,
  ): T {
    if (!cache.has(service)) {
      const client = build(configFor(service, region));
      addCallCounter(client, count);
      cache.set(service, client);
    }
    return cache.get(service) as T;
  }

  return {
    region: options.region,
    get eks() {
      return lazy('eks', c => new EKSClient(c));
    },
    get ec2() {
      return lazy('ec2', c => new EC2Client(c));
    },
    get pricing() {
      return lazy('pricing', c => new PricingClient(c), PRICING_API_REGION);
    },
    get cloudwatch() {
      return lazy('cloudwatch', c => new CloudWatchClient(c));
    },
    get rds() {
      return lazy('rds', c => new RDSClient(c));
    },
    get wafv2() {
      return lazy('wafv2', c => new WAFV2Client(c));
    },
    get cloudformation() {
      return lazy('cloudformation', c => new CloudFormationClient(c));
    },
    calls: () => calls,
  };
}
