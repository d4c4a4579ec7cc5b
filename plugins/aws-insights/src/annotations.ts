import { Entity } from '@backstage/catalog-model';
import { AWS_NAME_ANNOTATION } from '@platform-portal/platform-common';

/** The annotations the cards read (names from platform-common, the one home of annotations). */
export {
  AWS_ACCOUNT_ID_ANNOTATION,
  AWS_ARN_ANNOTATION,
} from '@platform-portal/platform-common';

export const annotation = (entity: Entity, key: string) =>
  entity.metadata.annotations?.[key];

const isResourceOfType = (type: string) => (entity: Entity) =>
  entity.kind.toLocaleLowerCase('en-US') === 'resource' &&
  entity.spec?.type === type;

export const isEnvironment = isResourceOfType('environment');
export const isKubernetesCluster = isResourceOfType('kubernetes-cluster');
export const isDatabase = isResourceOfType('database');
export const isWaf = isResourceOfType('waf');
export const isAwsAccount = isResourceOfType('aws-account');

/** The AWS name an insights resource is looked up by (web ACL / DB identifier), else its title. */
export function awsName(entity: Entity): string {
  return (
    annotation(entity, AWS_NAME_ANNOTATION) ??
    entity.metadata.title ??
    entity.metadata.name
  );
}
