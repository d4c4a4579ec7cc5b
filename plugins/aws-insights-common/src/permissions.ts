import { createPermission } from '@backstage/plugin-permission-common';

/** Read the AWS insights (fleet, environments, clusters, databases, web ACLs, history). */
export const awsInsightsReadPermission = createPermission({
  name: 'aws-insights.read',
  attributes: { action: 'read' },
});

export const awsInsightsPermissions = [awsInsightsReadPermission];
