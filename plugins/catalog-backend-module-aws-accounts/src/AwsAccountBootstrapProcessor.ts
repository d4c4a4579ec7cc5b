import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogProcessor } from '@backstage/plugin-catalog-node';
import { isAwsAccountEntity } from './accountOverrides';
import { parseBootstrapRecord } from '@platform-portal/platform-common';
import { applyBootstrapRecord } from './bootstrapRecord';
import { BootstrapRecordReader } from './bootstrapRecordReader';

/**
 * Puts the account bootstrap's role ARNs (and stack id, state bucket) on aws-account entities,
 * from `accounts/<entity name>.json` in the infrastructure repository. A missing or broken record
 * leaves the entity as it is: the catalog must never lose an account over it.
 */
export class AwsAccountBootstrapProcessor implements CatalogProcessor {
  constructor(
    private readonly reader: BootstrapRecordReader,
    private readonly logger: LoggerService,
  ) {}

  getProcessorName(): string {
    return 'AwsAccountBootstrapProcessor';
  }

  async preProcessEntity(entity: Entity): Promise<Entity> {
    if (!isAwsAccountEntity(entity)) return entity;
    try {
      const found = await this.reader.read(entity.metadata.name);
      if (!found) return entity;
      const record = parseBootstrapRecord(found.text, found.source);
      return applyBootstrapRecord(entity, record, found.source);
    } catch (error) {
      this.logger.warn(
        `Bootstrap record of ${entity.metadata.name} not applied: ${
          (error as Error).message
        }`,
      );
      return entity;
    }
  }
}
