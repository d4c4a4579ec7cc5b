import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';

/**
 * An entity provider whose entities are exactly what its source holds now: each refresh reads
 * everything and replaces the previous set (a `full` mutation), so deletions need no tracking.
 */
export abstract class FullRefreshEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  constructor(protected readonly logger: LoggerService) {}

  abstract getProviderName(): string;

  /** Every entity the source holds now. */
  protected abstract read(): Promise<Entity[]>;

  /** What the source is, for the log. */
  protected abstract describeSource(): string;

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
  }

  /** Replaces this provider's entities with the source's; answers how many there are. */
  async refresh(): Promise<number> {
    if (!this.connection) return 0;
    const entities = await this.read();
    await this.connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({
        entity,
        locationKey: this.getProviderName(),
      })),
    });
    this.logger.debug(
      `Read ${entities.length} entities from ${this.describeSource()}`,
    );
    return entities.length;
  }
}
