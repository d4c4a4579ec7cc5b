export { renderEnvironment } from './renderEnvironment';
export { MODULE_NAMES, DEFAULT_MODULE_SOURCE_PREFIX } from './options';
export type { ModuleName, RenderEnvironmentOptions } from './options';
export { hclString } from './hcl';
