import { LoggerService } from '@backstage/backend-plugin-api';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { readEnvironmentEntities } from './readEnvironmentEntities';

/** Keeps the catalog's environment entities equal to what the local infrastructure repo holds. */
export class InfrastructureRepoEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  constructor(
    private readonly repoDir: string,
    private readonly baseBranch: string,
    private readonly logger: LoggerService,
  ) {}

  getProviderName(): string {
    return 'platform-infrastructure-repo';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
  }

  /** Replaces this provider's entities with the repository's current environments. */
  async refresh(): Promise<number> {
    if (!this.connection) return 0;
    const entities = await readEnvironmentEntities(
      this.repoDir,
      this.baseBranch,
    );
    await this.connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({
        entity,
        locationKey: this.getProviderName(),
      })),
    });
    this.logger.debug(
      `Read ${entities.length} environments from ${this.repoDir}`,
    );
    return entities.length;
  }
}
