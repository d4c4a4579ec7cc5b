export { startFakeGitHub } from './startFakeGitHub';
export type {
  FakeGitHub,
  FakeGitHubIntegrationConfig,
  FakeRepositoryState,
} from './FakeGitHub';
export type { WorkflowDispatch } from './store';
export type {
  CheckRunInput,
  CommitStatusInput,
  DeploymentInput,
  DeploymentStatusInput,
  EnvironmentInput,
  FakeCommit,
  FakeGitHubOptions,
  FakeGitHubOrganization,
  FakeGitHubToken,
  FakePullRequest,
  FakePushEvent,
  FakeRepositorySummary,
  GitHubObject,
  IssueInput,
  RecordedRequest,
  RulesetInput,
  WorkflowRunInput,
} from './types';
