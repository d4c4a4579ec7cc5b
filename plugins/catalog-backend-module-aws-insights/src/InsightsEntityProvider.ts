import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { stringifyError } from '@backstage/errors';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { FleetResponse } from '@platform-portal/plugin-aws-insights-common';
import { fleetToEntities } from './toEntities';

export const INSIGHTS_PLUGIN_ID = 'aws-insights';

export interface InsightsEntityProviderOptions {
  discovery: DiscoveryService;
  auth: AuthService;
  logger: LoggerService;
  /** Owner of resources without a usable `owner` tag (default group:default/platform-team). */
  defaultOwner?: string;
  /** For tests; the global fetch otherwise. */
  fetch?: typeof fetch;
  /** How long one fleet request may take (default 30 s). */
  requestTimeoutMs?: number;
}

/**
 * What a refresh did. `not-ready`: the insights plugin has no fleet yet (its first refresh is
 * running) or is still starting; `failed`: anything else. Neither touches the catalog.
 */
export type InsightsRefreshResult =
  | { status: 'applied'; entities: number; sample: boolean }
  | { status: 'not-ready' | 'failed'; reason: string };

class NotReadyError extends Error {}

/**
 * EKS clusters, databases and WAF web ACLs from the AWS insights plugin as Resource entities.
 * Each successful refresh replaces this provider's entities in full; a failed one leaves them
 * alone, so an insights outage never empties the catalog.
 */
export class InsightsEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: InsightsEntityProviderOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  getProviderName(): string {
    return 'aws-insights';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
  }

  async refresh(signal?: AbortSignal): Promise<InsightsRefreshResult> {
    const { logger } = this.options;
    if (!this.connection) {
      return { status: 'not-ready', reason: 'not connected to the catalog' };
    }
    let fleet: FleetResponse;
    let entities: Entity[];
    try {
      fleet = await this.fetchFleet(signal);
      entities = fleetToEntities(fleet, {
        defaultOwner: this.options.defaultOwner,
      });
    } catch (error) {
      const reason = stringifyError(error);
      if (error instanceof NotReadyError) {
        logger.info(`AWS insights fleet not available yet: ${reason}`);
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

  private async fetchFleet(signal?: AbortSignal): Promise<FleetResponse> {
    const { discovery, auth } = this.options;
    const baseUrl = await discovery.getBaseUrl(INSIGHTS_PLUGIN_ID);
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: INSIGHTS_PLUGIN_ID,
    });
    const timeout = AbortSignal.timeout(
      this.options.requestTimeoutMs ?? 30_000,
    );
    const response = await this.fetch(`${baseUrl}/fleet`, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    if (!response.ok) {
      const detail = await response.text().catch(() => '');
      const message = `GET ${baseUrl}/fleet answered ${response.status} ${
        response.statusText
      } ${detail.slice(0, 300)}`.trim();
      // 404: the first insights refresh has not finished; 503: the plugin is still starting.
      if (response.status === 404 || response.status === 503) {
        throw new NotReadyError(message);
      }
      throw new Error(message);
    }
    const body = (await response.json()) as FleetResponse;
    if (
      !Array.isArray(body?.clusters) ||
      !Array.isArray(body.databases) ||
      !Array.isArray(body.wafs)
    ) {
      throw new Error(
        'the fleet response has no clusters/databases/wafs lists',
      );
    }
    return body;
  }
}
