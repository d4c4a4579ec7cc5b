import { Entity } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import { CatalogProcessor, LocationSpec } from '@backstage/plugin-catalog-node';

/**
 * `aws-account` resources decide where the portal deploys and whose state it trusts, so only
 * the organisation's own locations may declare them: `file` locations (the catalog shipped with
 * the portal, configured by the platform team) and the URL prefixes in
 * `platform.catalog.trustedLocationPrefixes`. Anything else fails processing and never reaches the
 * catalog. (Catalog rules cannot say this: they allow or refuse whole kinds, and Resources of
 * other types must stay open to app teams.)
 */
export class AwsAccountLocationProcessor implements CatalogProcessor {
  constructor(private readonly trustedUrlPrefixes: string[]) {}

  getProcessorName(): string {
    return 'AwsAccountLocationProcessor';
  }

  async preProcessEntity(
    entity: Entity,
    location: LocationSpec,
  ): Promise<Entity> {
    if (entity.kind !== 'Resource' || entity.spec?.type !== 'aws-account') {
      return entity;
    }
    if (this.isTrusted(location)) return entity;
    throw new NotAllowedError(
      `aws-account resource '${entity.metadata.name}' comes from ${location.type}:${location.target}; ` +
        'only the organisation’s own locations (file locations and platform.catalog.trustedLocationPrefixes) may declare AWS accounts',
    );
  }

  private isTrusted(location: LocationSpec): boolean {
    if (location.type === 'file') return true;
    return this.trustedUrlPrefixes.some(prefix =>
      location.target.startsWith(prefix),
    );
  }
}
