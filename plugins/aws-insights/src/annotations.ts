import { Entity } from '@backstage/catalog-model';

/** Annotations set by catalog-backend-module-aws-insights and on the account entities. */
export const AWS_ARN_ANNOTATION = 'aws.amazon.com/arn';
export const AWS_ACCOUNT_ID_ANNOTATION = 'aws.amazon.com/account-id';
export const AWS_REGION_ANNOTATION = 'aws.amazon.com/region';
export const AWS_NAME_ANNOTATION = 'platform-portal.io/aws-name';
export const ENVIRONMENT_ANNOTATION = 'platform-portal.io/environment';

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
