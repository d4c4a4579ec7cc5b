export { renderEnvironment } from './renderEnvironment';
export {
  MODULE_NAMES,
  DEFAULT_MODULE_SOURCE_PREFIX,
  DEFAULT_GITOPS,
  DEFAULT_GITOPS_HUB_ROLE_NAME,
} from './options';
export type {
  GitOpsOptions,
  ModuleName,
  RenderEnvironmentOptions,
} from './options';
export { hclString } from './hcl';
