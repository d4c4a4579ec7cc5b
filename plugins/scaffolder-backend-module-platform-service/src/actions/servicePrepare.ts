import { ConflictError, InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  AWS_ACCOUNT_ID_ANNOTATION,
  AWS_ACCOUNT_ID_PATTERN,
  AWS_REGION_ANNOTATION,
} from '@platform-portal/platform-common';
import { parseServiceRequest, ServiceInputError } from '../service/inputRules';
import { ServiceActionDeps } from '../service/serviceActionDeps';
import {
  describeEnvironment,
  environmentAccountId,
  environmentProblem,
  ServiceEnvironment,
} from '../service/serviceEnvironments';
import { buildTemplateValues } from '../service/templateValues';
import { withExpectedRefusals } from '@platform-portal/platform-node';
import { examples } from './servicePrepare.examples';

export const SERVICE_PREPARE_ACTION_ID = 'platform:service:prepare';

/**
 * Checks the new-service form before anything is rendered or published - name, free text,
 * owner, repository organisation, environments against the catalog, repository not taken - and
 * computes the values of the skeleton (fetch:template) and of each environment's files.
 */
export function createServicePrepareAction(
  options: ServiceActionDeps & { catalog: CatalogService },
) {
  const { catalog, services, githubHosts, publisherFor } = options;
  const action = createTemplateAction({
    id: SERVICE_PREPARE_ACTION_ID,
    description:
      'Validates a new-service request (name, free text, owner, repository organisation, environments in the catalog) and computes the values of the flask-react-service skeleton.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z => z.string().describe('Service name, ^[a-z][a-z0-9-]{1,30}$'),
        description: z =>
          z.string().optional().describe('One line about the service'),
        owner: z => z.string().describe('Owner group entity ref'),
        environments: z =>
          z.array(z.string()).describe('Entity refs of environment resources'),
        scheduling: z =>
          z.string().optional().describe('spot-ok, graviton-ok or critical'),
        database: z => z.boolean().optional().describe('PostgreSQL yes/no'),
        repoUrl: z =>
          z
            .string()
            .describe('RepoUrlPicker value: github.com?owner=acme&repo=orders'),
      },
      output: {
        values: z => z.record(z.string(), z.unknown()),
        environmentValues: z => z.array(z.record(z.string(), z.unknown())),
        entityRef: z => z.string(),
        publishTarget: z => z.string(),
      },
    },
    async handler(ctx) {
      let request;
      try {
        request = parseServiceRequest(ctx.input, {
          hosts: githubHosts,
          owners: services.allowedGithubOrgs,
        });
      } catch (error) {
        if (error instanceof ServiceInputError) {
          throw new InputError(`Invalid service request: ${error.message}`);
        }
        throw error;
      }
      const credentials = await ctx.getInitiatorCredentials();
      const environments: ServiceEnvironment[] = [];
      const problems: string[] = [];
      for (const ref of request.environmentRefs) {
        const entity = await catalog
          .getEntityByRef(ref, { credentials })
          .catch(() => undefined);
        // The reference environments name their account with dependsOn, not an annotation.
        const accounts = [];
        for (const dep of (entity?.spec?.dependsOn as string[] | undefined) ??
          []) {
          const account = await catalog
            .getEntityByRef(dep, { credentials })
            .catch(() => undefined);
          if (account) accounts.push(account);
        }
        const accountId = entity
          ? environmentAccountId(entity, accounts)
          : undefined;
        const problem = environmentProblem(entity, ref, accountId);
        if (problem || !entity) problems.push(`environments: ${problem}`);
        else
          environments.push(
            describeEnvironment(entity, request.name, accountId),
          );
      }
      if (problems.length > 0) {
        throw new InputError(`Invalid service request: ${problems.join('; ')}`);
      }
      const registryAccountRef = `resource:default/${services.registryAccount}`;
      const registryAccount = await catalog.getEntityByRef(registryAccountRef, {
        credentials,
      });
      const registryId =
        registryAccount?.metadata.annotations?.[AWS_ACCOUNT_ID_ANNOTATION];
      if (!registryId || !AWS_ACCOUNT_ID_PATTERN.test(registryId)) {
        throw new InputError(
          `platform.services.registryAccount: ${registryAccountRef} (the account holding ECR) is not an aws-account with a 12-digit id in the catalog`,
        );
      }
      const registryRegion =
        registryAccount?.metadata.annotations?.[AWS_REGION_ANNOTATION] ??
        environments[0].region;

      const publisher = publisherFor(request.repo, ctx.logger);
      if (await publisher.exists(request.repo)) {
        throw new ConflictError(
          `repoUrl: repository ${request.repo.owner}/${request.repo.repo} already exists (${publisher.kind}); choose another name`,
        );
      }
      const { values, environmentValues } = buildTemplateValues(
        request,
        environments,
        { accountId: registryId, region: registryRegion },
      );
      ctx.logger.info(
        `Service ${request.name} for ${values.environments
          .map(e => `${e.name} (${e.tier})`)
          .join(', ')}; repository ${values.repoSlug} via ${publisher.kind}`,
      );
      ctx.output('values', values);
      ctx.output('environmentValues', environmentValues);
      ctx.output('entityRef', `component:default/${request.name}`);
      ctx.output('publishTarget', publisher.kind);
    },
  });
  return withExpectedRefusals(action);
}
