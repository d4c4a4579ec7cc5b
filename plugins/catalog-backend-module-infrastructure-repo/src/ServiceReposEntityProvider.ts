import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { FullRefreshEntityProvider } from './FullRefreshEntityProvider';
import { readServiceEntities } from './readServiceEntities';

/**
 * Keeps the catalog's entities equal to the catalog-info.yaml files of the service repositories
 * the portal created locally (platform:service:publish without a GitHub integration).
 */
export class ServiceReposEntityProvider extends FullRefreshEntityProvider {
  constructor(private readonly servicesDir: string, logger: LoggerService) {
    super(logger);
  }

  getProviderName(): string {
    return 'platform-service-repos';
  }

  protected read(): Promise<Entity[]> {
    return readServiceEntities(this.servicesDir);
  }

  protected describeSource(): string {
    return this.servicesDir;
  }
}
