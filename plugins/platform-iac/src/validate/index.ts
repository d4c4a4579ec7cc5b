export { validateRenderedFiles } from './validateRenderedFiles';
export { declaredVariables } from './terraform';
export { loadModuleInputs } from './moduleInputs';
export type { ModuleInputsCatalog } from './moduleInputs';
export { localModuleVariables } from './localModules';
