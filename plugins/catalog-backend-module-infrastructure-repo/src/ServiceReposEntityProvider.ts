import { LoggerService } from '@backstage/backend-plugin-api';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { readServiceEntities } from './readServiceEntities';

/**
 * Keeps the catalog's entities equal to the catalog-info.yaml files of the service repositories
 * the portal created locally (platform:service:publish without a GitHub integration).
 */
export class ServiceReposEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  constructor(
    private readonly servicesDir: string,
    private readonly logger: LoggerService,
  ) {}

  getProviderName(): string {
    return 'platform-service-repos';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
  }

  async refresh(): Promise<number> {
    if (!this.connection) return 0;
    const entities = await readServiceEntities(this.servicesDir);
    await this.connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({
        entity,
        locationKey: this.getProviderName(),
      })),
    });
    this.logger.debug(
      `Read ${entities.length} service entities from ${this.servicesDir}`,
    );
    return entities.length;
  }
}
