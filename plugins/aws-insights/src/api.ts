import { createApiRef } from '@backstage/frontend-plugin-api';
import { AwsInsightsApi } from '@platform-portal/plugin-aws-insights-common';

/** The AWS insights backend, through the typed client of the -common package. */
export const awsInsightsApiRef = createApiRef<AwsInsightsApi>().with({
  id: 'plugin.aws-insights.api',
  pluginId: 'aws-insights',
});
