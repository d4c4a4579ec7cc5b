/*
 * EventsService topics between the portal's plugins: the publisher announces, the catalog module
 * re-reads at once instead of waiting for its schedule.
 */

/** Emitted by platform:iac:publish after a commit to the infrastructure repository. */
export const INFRASTRUCTURE_PUBLISHED_TOPIC =
  'platform.infrastructure.published';

/** Emitted by platform:service:publish after it created a service repository. */
export const SERVICE_PUBLISHED_TOPIC =
  'platform-portal.service-repository-published';

/**
 * Emitted by the aws-insights backend after every refresh, on the replica that ran it; the
 * payload is an AwsInsightsRefreshedEvent. Readers fetch the fleet through the typed client.
 */
export const AWS_INSIGHTS_REFRESHED_TOPIC = 'aws-insights.refreshed';

/** Payload of AWS_INSIGHTS_REFRESHED_TOPIC. */
export interface AwsInsightsRefreshedEvent {
  /** ISO time of the refresh: the `generatedAt` the fleet now carries. */
  generatedAt: string;
  /** True when the refresh produced the embedded sample fleet. */
  sample: boolean;
}
