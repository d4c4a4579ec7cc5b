import { Entity } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { CatalogProcessor } from '@backstage/plugin-catalog-node';
import {
  applyAwsAccountOverride,
  AwsAccountOverride,
  readAwsAccountOverrides,
} from './accountOverrides';

/**
 * Replaces the placeholder account id and region of `aws-account` resources with the values from
 * `platform.awsAccounts`, so the committed catalog can stay free of real account ids.
 */
export class AwsAccountConfigProcessor implements CatalogProcessor {
  static fromConfig(config: Config): AwsAccountConfigProcessor {
    return new AwsAccountConfigProcessor(readAwsAccountOverrides(config));
  }

  constructor(private readonly overrides: Map<string, AwsAccountOverride>) {}

  getProcessorName(): string {
    return 'AwsAccountConfigProcessor';
  }

  async preProcessEntity(entity: Entity): Promise<Entity> {
    return applyAwsAccountOverride(entity, this.overrides);
  }
}
