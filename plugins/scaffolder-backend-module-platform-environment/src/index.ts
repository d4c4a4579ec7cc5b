/**
 * Scaffolder actions for AWS environments (templates/aws-environment): plan, validate, publish.
 *
 * @packageDocumentation
 */
export { scaffolderModulePlatformEnvironment as default } from './module';
export { createEnvironmentPlanAction } from './actions/environmentPlan';
export { createIacValidateAction } from './actions/iacValidate';
export { createIacPublishAction } from './actions/iacPublish';
