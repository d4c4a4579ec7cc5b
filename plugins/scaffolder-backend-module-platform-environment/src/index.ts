/**
 * Scaffolder actions for AWS environments (templates/aws-environment): plan, validate, publish.
 *
 * @packageDocumentation
 */
export { scaffolderModulePlatformEnvironment as default } from './module';
export { createEnvironmentPlanAction } from './actions/environmentPlan';
export { createIacValidateAction } from './actions/iacValidate';
export { createIacPublishAction } from './actions/iacPublish';
export { EnvironmentGuard } from './guards/environmentGuard';
export type { EnvironmentGuardOptions } from './guards/environmentGuard';
export { PlanTokens } from './guards/planToken';
export type { PlanClaims } from './guards/planToken';
