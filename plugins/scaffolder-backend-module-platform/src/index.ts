/**
 * Scaffolder actions of the Platform Portal.
 *
 * @packageDocumentation
 */
export { scaffolderModulePlatform as default } from './module';
export { createEnvironmentPlanAction } from './actions/environmentPlan';
export { createIacValidateAction } from './actions/iacValidate';
export { createIacPublishAction } from './actions/iacPublish';
export { GitHubPublisher } from './publish/GitHubPublisher';
export { LocalGitPublisher } from './publish/LocalGitPublisher';
export type {
  IacPublisher,
  PublishRequest,
  PublishResult,
} from './publish/types';
