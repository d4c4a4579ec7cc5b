/**
 * Scaffolder actions for new services (templates/flask-react-service): prepare, validate,
 * publish; and the output checks that tools outside the runtime reuse.
 *
 * @packageDocumentation
 */
export { scaffolderModulePlatformService as default } from './module';
export { createServicePrepareAction } from './actions/servicePrepare';
export { createServiceValidateAction } from './actions/serviceValidate';
export { createServicePublishAction } from './actions/servicePublish';
export { checkServiceOutput, lintWorkflows } from './service/outputChecks';
export { validateManifests } from './service/manifests';
export type { OutputProblem } from './service/manifests';
