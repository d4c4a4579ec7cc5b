/**
 * Scaffolder actions of the Platform Portal.
 *
 * @packageDocumentation
 */
export { scaffolderModulePlatform as default } from './module';
export { createEnvironmentPlanAction } from './actions/environmentPlan';
export { createIacValidateAction } from './actions/iacValidate';
export { createIacPublishAction } from './actions/iacPublish';
export { createAwsBootstrapAccountAction } from './actions/awsBootstrapAccount';
export { createAwsRecordBootstrapAction } from './actions/awsRecordBootstrap';
export { createServicePrepareAction } from './actions/servicePrepare';
export { createServiceValidateAction } from './actions/serviceValidate';
export { createServicePublishAction } from './actions/servicePublish';
export { GitHubPublisher } from './publish/GitHubPublisher';
export { LocalGitPublisher } from './publish/LocalGitPublisher';
export type {
  IacPublisher,
  PublishRequest,
  PublishResult,
} from './publish/types';
