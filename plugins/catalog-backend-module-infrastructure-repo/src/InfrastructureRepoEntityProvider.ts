import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { InfrastructureRepository } from '@platform-portal/platform-node';
import { environmentEntities } from './environmentEntities';
import { FullRefreshEntityProvider } from './FullRefreshEntityProvider';

/**
 * Keeps the catalog's environment entities equal to what the infrastructure repository holds,
 * on GitHub or local alike (the shared InfrastructureRepository service).
 */
export class InfrastructureRepoEntityProvider extends FullRefreshEntityProvider {
  constructor(
    private readonly repository: InfrastructureRepository,
    logger: LoggerService,
  ) {
    super(logger);
  }

  getProviderName(): string {
    return 'platform-infrastructure-repo';
  }

  protected async read(): Promise<Entity[]> {
    const files = await this.repository.readEnvironmentFiles();
    return environmentEntities(
      files,
      this.repository.url,
      this.repository.baseBranch,
    );
  }

  protected describeSource(): string {
    return this.repository.target;
  }
}
