import type { EnvironmentRequest, NetworkPlan, PolicyResult } from '../types';
import { environmentText, fileChecks } from './fileChecks';
import { databaseIsPrivateInFiles } from './rules/database';
import {
  databaseSubnetsArePrivate,
  networkChecks,
  requestChecks,
  result,
} from './requestChecks';

/**
 * The database must not be reachable from the internet: its subnets are
 * not public ones, and (when files are given) the rendered Terraform sets
 * `publicly_accessible = false` and never `true`.
 */
function noPublicDatabase(
  request: EnvironmentRequest,
  network: NetworkPlan,
  files?: Record<string, string>,
): PolicyResult {
  if (!databaseSubnetsArePrivate(network)) {
    return result(
      'no-public-database',
      'error',
      false,
      '',
      'database subnets overlap public subnets',
    );
  }
  if (files === undefined) {
    return result(
      'no-public-database',
      'error',
      true,
      'database subnets are separate from public subnets',
      '',
    );
  }
  const text = environmentText(request, files);
  const mainTf = `environments/${request.name}/main.tf`;
  return result(
    'no-public-database',
    'error',
    text !== undefined && databaseIsPrivateInFiles(text),
    'database is in private subnets with publicly_accessible = false',
    text === undefined
      ? `${mainTf} was not rendered`
      : `${mainTf} must set publicly_accessible = false on the database and never true`,
  );
}

/**
 * Runs every policy check. Request and network checks always run; checks
 * on rendered Terraform run only when `files` is given. The result order
 * and ids are stable so callers can show and compare them.
 */
export function checkEnvironmentPolicies(
  request: EnvironmentRequest,
  network: NetworkPlan,
  files?: Record<string, string>,
): PolicyResult[] {
  return [
    ...requestChecks(request),
    ...networkChecks(network),
    noPublicDatabase(request, network, files),
    ...(files ? fileChecks(request, files) : []),
  ];
}

/** The failed checks that must block the change (severity `error`). */
export function policyErrors(results: PolicyResult[]): PolicyResult[] {
  return results.filter(r => !r.passed && r.severity === 'error');
}
