import { DEFAULT_NAMESPACE, Entity } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { CatalogProcessor } from '@backstage/plugin-catalog-node';
import { PRODUCTION_ACCOUNT_ANNOTATION } from '@platform-portal/platform-common';
import { readIacConfig } from '@platform-portal/platform-node';
import { isAwsAccountEntity } from './accountOverrides';

/**
 * Marks the aws-accounts named in `platform.iac.productionAccounts` with
 * `platform-portal.io/production-account: "true"`, so the scaffolder forms (which cannot read
 * backend config) can disable the accounts a tier may not use. The config stays the one source:
 * a value written in a catalog file is dropped. The environment actions check the config
 * themselves; this annotation only informs the forms.
 */
export class AwsAccountProductionProcessor implements CatalogProcessor {
  static fromConfig(config: Config): AwsAccountProductionProcessor {
    return new AwsAccountProductionProcessor(
      readIacConfig(config).productionAccounts,
    );
  }

  private readonly productionAccounts: ReadonlySet<string>;

  /** @param productionAccounts entity names in the default namespace, as the actions read them */
  constructor(productionAccounts: string[]) {
    this.productionAccounts = new Set(productionAccounts);
  }

  getProcessorName(): string {
    return 'AwsAccountProductionProcessor';
  }

  async preProcessEntity(entity: Entity): Promise<Entity> {
    if (!isAwsAccountEntity(entity)) return entity;
    const { [PRODUCTION_ACCOUNT_ANNOTATION]: _declared, ...annotations } =
      entity.metadata.annotations ?? {};
    const namespace = entity.metadata.namespace ?? DEFAULT_NAMESPACE;
    if (
      namespace === DEFAULT_NAMESPACE &&
      this.productionAccounts.has(entity.metadata.name)
    ) {
      annotations[PRODUCTION_ACCOUNT_ANNOTATION] = 'true';
    }
    return { ...entity, metadata: { ...entity.metadata, annotations } };
  }
}
