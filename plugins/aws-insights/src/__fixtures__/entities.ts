import { Entity } from '@backstage/catalog-model';

export const prodEnvironment: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'prod', namespace: 'default' },
  spec: {
    type: 'environment',
    owner: 'group:default/platform-team',
    dependsOn: ['resource:default/prod-account'],
  },
};

export const prodAccount: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'prod-account',
    namespace: 'default',
    title: 'prod (workloads)',
    annotations: {
      'aws.amazon.com/account-id': '000000000005',
      'aws.amazon.com/region': 'eu-west-1',
    },
  },
  spec: { type: 'aws-account', owner: 'group:default/platform-team' },
  relations: [
    { type: 'dependencyOf', targetRef: 'resource:default/prod' },
    { type: 'ownedBy', targetRef: 'group:default/platform-team' },
  ],
};

const insightsResource = (
  name: string,
  type: string,
  arn: string,
  awsName: string,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name,
    namespace: 'default',
    title: awsName,
    annotations: {
      'aws.amazon.com/arn': arn,
      'aws.amazon.com/account-id': '000000000005',
      'aws.amazon.com/region': 'eu-west-1',
      'platform-portal.io/aws-name': awsName,
      'platform-portal.io/environment': 'prod',
    },
  },
  spec: { type, owner: 'group:default/platform-team' },
});

export const prodClusterEntity = insightsResource(
  'prod-eks',
  'kubernetes-cluster',
  'arn:aws:eks:eu-west-1:000000000005:cluster/prod-eks',
  'prod-eks',
);
export const prodDatabaseEntity = insightsResource(
  'prod-aurora-pg',
  'database',
  'arn:aws:rds:eu-west-1:000000000005:cluster:prod-aurora-pg',
  'prod-aurora-pg',
);
export const prodWafEntity = insightsResource(
  'prod-web-acl',
  'waf',
  'arn:aws:wafv2:eu-west-1:000000000005:regional/webacl/prod-web-acl/1',
  'prod-web-acl',
);
