import { createPermission } from '@backstage/plugin-permission-common';

/** Read the AWS insights (fleet, environments, clusters, databases, web ACLs, history). */
export const awsInsightsReadPermission = createPermission({
  name: 'aws-insights.read',
  attributes: { action: 'read' },
});

/**
 * See the sampled requests of a WAF web ACL: client IPs, countries and URIs, i.e. personal
 * data. Without it, GET /web-acls/{name} leaves `sampledBlocked` out (`sampledVisible: false`).
 */
export const awsInsightsWafSampledRequestsReadPermission = createPermission({
  name: 'aws-insights.waf.sampled-requests.read',
  attributes: { action: 'read' },
});

export const awsInsightsPermissions = [
  awsInsightsReadPermission,
  awsInsightsWafSampledRequestsReadPermission,
];
