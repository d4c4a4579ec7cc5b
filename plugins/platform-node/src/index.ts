/**
 * Shared backend library of the Platform Portal: what several plugins and modules need in the
 * same form - the infrastructure repository (GitHub or local, decided once), typed readers of
 * `platform.iac` / `platform.services` / `platform.bootstrap`, the git helper, the AWS
 * credentials factory, account resolution and workspace file helpers.
 *
 * @packageDocumentation
 */
export type {
  ChangeRequest,
  InfrastructureRepository,
  ProposedChange,
  RepositoryFile,
} from './infrastructure/types';
export { createInfrastructureRepository } from './infrastructure/createInfrastructureRepository';
export { GitHubInfrastructureRepository } from './infrastructure/GitHubInfrastructureRepository';
export type { GitHubInfrastructureRepositoryOptions } from './infrastructure/GitHubInfrastructureRepository';
export { LocalInfrastructureRepository } from './infrastructure/LocalInfrastructureRepository';
export { infrastructureRepositoryServiceRef } from './infrastructure/infrastructureRepositoryServiceRef';
export { GitHosting } from './git/gitHosting';
export type { GitHubAccess } from './git/gitHosting';
export { runGit } from './git/runGit';
export { commitTree, PORTAL_GIT_IDENTITY } from './git/commitTree';
export type { RunGitOptions } from './git/runGit';
export { portalDataDir } from './config/dataDir';
export { parseRepositoryUrl, readIacConfig } from './config/iacConfig';
export type { IacConfig, RepositoryCoordinates } from './config/iacConfig';
export { readServicesConfig } from './config/servicesConfig';
export type { ServicesConfig } from './config/servicesConfig';
export { readBootstrapConfig } from './config/bootstrapConfig';
export type { BootstrapConfig } from './config/bootstrapConfig';
export {
  awsCredentialsFactoryServiceRef,
  credentialsForAccount,
  DefaultAwsCredentialsFactory,
} from './aws/awsCredentials';
export type {
  AwsCredentialsFactory,
  AwsSdkCredentials,
} from './aws/awsCredentials';
export { resolveAccount } from './catalog/resolveAccount';
export type { ResolvedAccount } from './catalog/resolveAccount';
export {
  listFiles,
  readFiles,
  resolveInside,
  writeFiles,
} from './workspace/workspaceFiles';
export type { WorkspaceFile } from './workspace/workspaceFiles';
export { realFolderInside } from './workspace/realFolderInside';
export {
  EXPECTED_REFUSALS,
  withExpectedRefusals,
  withoutStackTrace,
} from './scaffolder/expectedRefusals';
