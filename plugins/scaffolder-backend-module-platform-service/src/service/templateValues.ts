import { ServiceEnvironment, sortForDelivery } from './serviceEnvironments';
import { ServiceRequest } from './inputRules';

/** Where images go: ECR of the shared account. */
export interface ImageRegistry {
  accountId: string;
  region: string;
}

/** The `values` of the skeleton's fetch:template step. */
export interface ServiceTemplateValues {
  [key: string]: unknown;
  name: string;
  description: string;
  owner: string;
  scheduling: string;
  database: boolean;
  repoSlug: string;
  repoHtmlUrl: string;
  repoCloneUrl: string;
  registry: { accountId: string; region: string; host: string };
  ciRoleArn: string;
  environments: ServiceEnvironment[];
}

/**
 * Everything the skeleton renders, computed once here so the template's expressions stay trivial
 * and the same values drive the per-environment files (`each` over `environmentValues`).
 */
export function buildTemplateValues(
  request: ServiceRequest,
  environments: ServiceEnvironment[],
  registry: ImageRegistry,
): {
  values: ServiceTemplateValues;
  environmentValues: Array<Record<string, unknown>>;
} {
  const { repo } = request;
  const repoHtmlUrl = `https://${repo.host}/${repo.owner}/${repo.repo}`;
  const values: ServiceTemplateValues = {
    name: request.name,
    description:
      request.description || `${request.name}: Flask API and React SPA`,
    owner: request.owner,
    scheduling: request.scheduling,
    database: request.database,
    repoSlug: `${repo.owner}/${repo.repo}`,
    repoHtmlUrl,
    repoCloneUrl: `${repoHtmlUrl}.git`,
    registry: {
      ...registry,
      host: `${registry.accountId}.dkr.ecr.${registry.region}.amazonaws.com`,
    },
    ciRoleArn: `arn:aws:iam::${registry.accountId}:role/github-actions-${request.name}`,
    environments: sortForDelivery(environments),
  };
  const environmentValues = values.environments.map(environment => ({
    name: values.name,
    database: values.database,
    repoCloneUrl: values.repoCloneUrl,
    environment: { ...environment },
  }));
  return { values, environmentValues };
}
