import {
  FleetSnapshot,
  HistoryPoint,
} from '@platform-portal/plugin-aws-insights-common';
import type { CurrentFleet } from './CurrentFleet';

/**
 * The AWS insights of one deployment: refreshes (one replica at a time, on the scheduler) and
 * the one way to read their result. Every replica reads the same refresh from the shared cache.
 */
export interface AwsInsightsService {
  /** True when no `awsInsights.accounts` are configured: the sample fleet is served. */
  readonly sampleMode: boolean;

  /**
   * One refresh: read AWS (or generate the sample fleet), keep the last good data of failed
   * sources, aggregate, store for every replica, record the history, and publish
   * `aws-insights.refreshed`.
   */
  refresh(): Promise<FleetSnapshot>;

  /**
   * The latest refresh that finished anywhere. Rejects with FleetNotReadyError (503, with the
   * seconds to wait) before the first one.
   */
  getCurrent(): Promise<CurrentFleet>;

  /** Capacity and mix points of `fleet`, `environment:<name>` or `cluster:<arn>`, oldest first. */
  getHistory(scope: string, days: number): Promise<HistoryPoint[]>;
}
