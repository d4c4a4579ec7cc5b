/**
 * Test helpers shared by the Platform Portal's packages (integration tests and benchmarks only).
 *
 * @packageDocumentation
 */
export { commandOnPath, freePort } from './process';
export { MOTO_ACCOUNT_ID, startMotoServer } from './motoServer';
export type { MotoServer } from './motoServer';
export { startFakeGitHub } from './fakeGitHub';
export type {
  CheckRunInput,
  CommitStatusInput,
  DeploymentInput,
  DeploymentStatusInput,
  EnvironmentInput,
  FakeCommit,
  FakeGitHub,
  FakeGitHubIntegrationConfig,
  FakeGitHubOptions,
  FakeGitHubOrganization,
  FakeGitHubToken,
  FakePullRequest,
  FakePushEvent,
  FakeRepositoryState,
  FakeRepositorySummary,
  GitHubObject,
  IssueInput,
  RecordedRequest,
  RulesetInput,
  WorkflowDispatch,
  WorkflowRunInput,
} from './fakeGitHub';
