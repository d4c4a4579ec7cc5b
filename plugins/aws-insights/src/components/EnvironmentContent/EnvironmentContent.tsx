import { Alert, Box, Flex, Text } from '@backstage/ui';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { AwsInsightsNotReadyError } from '@platform-portal/plugin-aws-insights-common';
import { awsInsightsApiRef } from '../../api';
import { isNotFound, useAsync } from '../../hooks/useAsync';
import { FreshnessStamp } from '../common/Freshness';
import { CONNECT_AWS_HINT, SectionError } from '../common/StatusAlerts';
import {
  InsightsDashboard,
  InsightsDashboardSkeleton,
} from '../Dashboard/InsightsDashboard';

/** The environment entity's "Platform" tab: the dashboards filtered to this environment. */
export function EnvironmentContent() {
  const { entity } = useEntity();
  const name = entity.metadata.name;
  const api = useApi(awsInsightsApiRef);
  const state = useAsync(() => api.getEnvironment(name), [api, name]);

  if (state.error && isNotFound(state.error)) {
    return (
      <Alert
        status="info"
        icon
        title={`No AWS resources for environment ${name}`}
        description={
          <>
            No EKS cluster, RDS database or WAF web ACL is tagged{' '}
            <code>environment={name}</code>. Tag the environment's resources
            with it to see their capacity, cost and health here.{' '}
            {CONNECT_AWS_HINT}.
          </>
        }
      />
    );
  }
  if (state.error) {
    // While the first refresh runs (503) the notice shows above the skeleton.
    return (
      <>
        <SectionError
          what={`environment ${name} (GET /environments/${name})`}
          error={state.error}
          onRetry={state.retry}
        />
        {AwsInsightsNotReadyError.is(state.error) && (
          <InsightsDashboardSkeleton />
        )}
      </>
    );
  }
  if (!state.value) return <InsightsDashboardSkeleton />;
  const fleet = state.value;
  return (
    <Box>
      <Flex justify="between" align="baseline" gap="2" mb="3">
        <Text as="h2" variant="title-x-small" weight="bold">
          AWS resources tagged environment={name}
        </Text>
        <FreshnessStamp
          generatedAt={fleet.generatedAt}
          dataAsOf={fleet.dataAsOf}
          stale={fleet.stale}
          staleAfter={fleet.staleAfter}
          color="textSecondary"
        />
      </Flex>
      <InsightsDashboard
        fleet={fleet}
        environment={name}
        historyScope={`environment:${name}`}
      />
    </Box>
  );
}
