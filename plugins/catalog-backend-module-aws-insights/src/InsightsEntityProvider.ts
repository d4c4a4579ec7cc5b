import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { stringifyError } from '@backstage/errors';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  AWS_INSIGHTS_PLUGIN_ID,
  AwsInsightsApi,
  AwsInsightsNotReadyError,
  FleetResponse,
} from '@platform-portal/plugin-aws-insights-common';
import { fleetToEntities } from './toEntities';

export interface InsightsEntityProviderOptions {
  /** The typed client of the insights API (AwsInsightsClient). */
  client: Pick<AwsInsightsApi, 'getFleet'>;
  /** Issues the service token the insights API asks for. */
  auth: AuthService;
  logger: LoggerService;
  /** Owner of resources without a usable `owner` tag (default group:default/platform-team). */
  defaultOwner?: string;
}

/**
 * What a refresh did. `not-ready`: not connected to the catalog yet, or the insights plugin has
 * no fleet yet (503: its first refresh is running; its aws-insights.refreshed event will come);
 * `failed`: anything else. Neither touches the catalog.
 */
export type InsightsRefreshResult =
  | { status: 'applied'; entities: number; sample: boolean }
  | { status: 'not-ready' | 'failed'; reason: string };

/**
 * EKS clusters, databases and WAF web ACLs from the AWS insights plugin as Resource entities.
 * Each successful refresh replaces this provider's entities in full; a failed one leaves them
 * alone, so an insights outage never empties the catalog.
 */
export class InsightsEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  constructor(private readonly options: InsightsEntityProviderOptions) {}

  getProviderName(): string {
    return 'aws-insights';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
  }

  /** Reads the current fleet through the client and applies it. Never throws. */
  async refresh(): Promise<InsightsRefreshResult> {
    const { logger } = this.options;
    if (!this.connection) {
      return { status: 'not-ready', reason: 'not connected to the catalog' };
    }
    let fleet: FleetResponse;
    let entities: Entity[];
    try {
      fleet = await this.readFleet();
      entities = fleetToEntities(fleet, {
        defaultOwner: this.options.defaultOwner,
      });
    } catch (error) {
      const reason = stringifyError(error);
      if (AwsInsightsNotReadyError.is(error)) {
        logger.info(
          `AWS insights has no fleet yet (${error.message}); waiting for its aws-insights.refreshed event`,
        );
        return { status: 'not-ready', reason };
      }
      logger.warn(
        `Could not read the AWS insights fleet, keeping the current entities: ${reason}`,
      );
      return { status: 'failed', reason };
    }

    await this.connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({
        entity,
        locationKey: `${this.getProviderName()}:fleet`,
      })),
    });
    logger.info(
      `Applied ${entities.length} AWS resources from the ${
        fleet.sample ? 'sample' : 'live'
      } insights fleet of ${fleet.generatedAt}`,
    );
    return {
      status: 'applied',
      entities: entities.length,
      sample: fleet.sample,
    };
  }

  private async readFleet(): Promise<FleetResponse> {
    const { auth, client } = this.options;
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: AWS_INSIGHTS_PLUGIN_ID,
    });
    return client.getFleet({}, { token });
  }
}
