import { Box, Button } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  AwsInsightsNotReadyError,
  SourceStatus,
} from '@platform-portal/plugin-aws-insights-common';
import { formatAge, secondsSince } from '../../format';

const SERVICE_NAMES: Record<string, string> = {
  eks: 'EKS',
  ec2: 'EC2',
  pricing: 'Pricing',
  cloudwatch: 'CloudWatch',
  rds: 'RDS',
  wafv2: 'WAFv2',
  cloudformation: 'CloudFormation',
  sample: 'Sample fleet',
};

export function serviceName(service: string) {
  return SERVICE_NAMES[service] ?? service;
}

/** What a source reads, where the service alone is ambiguous (EC2: instances or Spot prices). */
const READS_NAMES: Record<string, string> = {
  clusters: 'clusters',
  instances: 'instances',
  'container-insights': 'Container Insights',
  'spot-prices': 'Spot prices',
  'on-demand-prices': 'On-Demand prices',
  databases: 'databases',
  'web-acls': 'web ACLs',
  stacks: 'stacks',
};

/** "EC2 Spot prices", "RDS databases": a source's name as the page shows it. */
export function sourceName(source: Pick<SourceStatus, 'service' | 'reads'>) {
  const reads = READS_NAMES[source.reads];
  return reads
    ? `${serviceName(source.service)} ${reads}`
    : serviceName(source.service);
}

/** Which AWS sources behind this section failed in the last refresh, and how old their data is. */
export function SourceWarnings(props: { sources: SourceStatus[] }) {
  if (props.sources.length === 0) return null;
  return (
    <Box mb={2}>
      <Alert severity="warning" role="alert" aria-label="Failed data sources">
        <AlertTitle>
          {props.sources.length === 1
            ? 'A data source failed in the last refresh'
            : `${props.sources.length} data sources failed in the last refresh`}
        </AlertTitle>
        {props.sources.map(s => (
          <div key={`${s.reads}/${s.accountId}/${s.region}`}>
            <strong>{sourceName(s)}</strong> in account {s.accountId} (
            {s.region}): {s.error?.name ?? 'Error'}
            {s.error?.message ? ` - ${s.error.message}` : ''}.{' '}
            {s.staleSince
              ? `Showing its data from ${formatAge(
                  secondsSince(s.staleSince),
                )} ago.`
              : 'No data from it is shown.'}
          </div>
        ))}
      </Alert>
    </Box>
  );
}

/**
 * The backend answered 503: its first refresh of AWS data is still running. Not an error: the
 * view loads again by itself (useAsync) after the seconds the backend named.
 */
export function FirstRefreshNotice(props: { retryAfterSeconds: number }) {
  return (
    <Alert severity="info" role="status" aria-label="First refresh running">
      <AlertTitle>The first refresh of AWS data is running</AlertTitle>
      The portal has just started and is reading AWS. This view fills in by
      itself; next check in {props.retryAfterSeconds} s.
    </Alert>
  );
}

/**
 * A request for this section failed: the rest of the page is unaffected. While the backend's
 * first refresh runs, says so instead.
 */
export function SectionError(props: {
  what: string;
  error: Error;
  onRetry?: () => void;
}) {
  if (AwsInsightsNotReadyError.is(props.error)) {
    return (
      <FirstRefreshNotice retryAfterSeconds={props.error.retryAfterSeconds} />
    );
  }
  return (
    <Alert
      severity="error"
      role="alert"
      action={
        props.onRetry && (
          <Button color="inherit" size="small" onClick={props.onRetry}>
            Retry
          </Button>
        )
      }
    >
      <AlertTitle>Could not load {props.what}</AlertTitle>
      {props.error.message}
    </Alert>
  );
}

export const CONNECT_AWS_HINT =
  'Connect accounts in app-config (see README, Connect real AWS accounts)';

/** The data is the embedded sample fleet, not real accounts. */
export function SampleBanner() {
  return (
    <Box mb={2}>
      <Alert severity="info" aria-label="Sample fleet">
        <strong>Sample fleet:</strong> no AWS accounts are connected.{' '}
        {CONNECT_AWS_HINT}.
      </Alert>
    </Box>
  );
}

/**
 * Some of the data is old: sources failed and their last good data is shown (the sections
 * name them), or the backend missed at least two refreshes.
 */
export function StaleWarning(props: {
  ageSeconds: number;
  failedSources: number;
}) {
  return (
    <Box mb={2}>
      <Alert severity="warning" role="alert" aria-label="Stale data">
        <strong>Stale data:</strong>{' '}
        {props.failedSources > 0
          ? `${props.failedSources} data ${
              props.failedSources === 1 ? 'source' : 'sources'
            } failed in the last refresh; their last good data, the oldest from ${formatAge(
              props.ageSeconds,
            )} ago, is shown. Each section names the sources it is missing.`
          : `the data is ${formatAge(
              props.ageSeconds,
            )} old; the backend has missed at least two refreshes. Figures may be out of date.`}
      </Alert>
    </Box>
  );
}

/** Nothing of this kind is in scope: what to tag and how to connect AWS. */
export function EmptySection(props: { what: string; environment?: string }) {
  return (
    <Alert severity="info" variant="outlined">
      <AlertTitle>No {props.what}</AlertTitle>
      {props.environment
        ? `No ${props.what} are tagged environment=${props.environment}. `
        : `No ${props.what} in this selection. `}
      Tag AWS resources with <code>environment=&lt;name&gt;</code> to show them
      here. {CONNECT_AWS_HINT}.
    </Alert>
  );
}
