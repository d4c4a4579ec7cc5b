import { InputError } from '@backstage/errors';
import { EventsService } from '@backstage/plugin-events-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { SERVICE_PUBLISHED_TOPIC } from '@platform-portal/platform-common';
import {
  realFolderInside,
  withExpectedRefusals,
} from '@platform-portal/platform-node';
import {
  checkFreeText,
  checkOwner,
  checkServiceName,
  MAX_DESCRIPTION_LENGTH,
  parseRepoLocation,
} from '../service/inputRules';
import { ServiceActionDeps } from '../service/serviceActionDeps';
import { validateServiceRepository } from '../service/validateRepository';
import { examples } from './servicePublish.examples';

export const SERVICE_PUBLISH_ACTION_ID = 'platform:service:publish';

/**
 * Creates the service's NEW repository from the workspace: on GitHub when an integration with
 * credentials exists for the host, else a local bare repository. Never overwrites one that exists;
 * does nothing in a dry run. Trusts no earlier step: it checks the organisation allow-list and
 * runs the validation of platform:service:validate again on what it is about to publish.
 */
export function createServicePublishAction(
  options: ServiceActionDeps & {
    /** Tells the catalog's service-repository provider to re-read at once. */
    events?: EventsService;
  },
) {
  const { services, githubHosts, publisherFor, events } = options;
  const action = createTemplateAction({
    id: SERVICE_PUBLISH_ACTION_ID,
    description:
      'Creates the new service repository (GitHub, or a local git repository without a GitHub integration) with the workspace as its first commit on main.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        repoUrl: z => z.string().describe('RepoUrlPicker value'),
        // Optional in the schema so that their absence is refused with a clear message.
        name: z =>
          z
            .string()
            .optional()
            .describe('Service name the catalog entity must carry (required)'),
        owner: z =>
          z
            .string()
            .optional()
            .describe('Owner the catalog entity must carry (required)'),
        description: z =>
          z.string().optional().describe('Repository description'),
        sourcePath: z =>
          z.string().optional().describe('Workspace folder to publish'),
      },
      output: {
        remoteUrl: z => z.string().optional(),
        repoContentsUrl: z => z.string().optional(),
        commitSha: z => z.string().optional(),
        catalogInfoUrl: z => z.string().optional(),
        workflowRunUrl: z => z.string().optional(),
        target: z => z.string(),
      },
    },
    async handler(ctx) {
      const { location, issues } = parseRepoLocation(ctx.input.repoUrl, {
        hosts: githubHosts,
        owners: services.allowedGithubOrgs,
      });
      if (!location) throw new InputError(issues.join('; '));
      const { name, owner, description } = ctx.input;
      const problems = [
        ...(name === undefined
          ? [
              'name: required; platform:service:publish validates the repository against the service name and owner',
            ]
          : checkServiceName(name)),
        ...checkOwner(owner),
        ...checkFreeText(description, 'description', MAX_DESCRIPTION_LENGTH),
      ];
      if (problems.length > 0) throw new InputError(problems.join('; '));
      const sourceDir = await realFolderInside(
        ctx.workspacePath,
        ctx.input.sourcePath ?? '.',
        'sourcePath',
      );
      await validateServiceRepository(sourceDir, {
        name: name as string,
        owner: owner as string,
        repoSlug: `${location.owner}/${location.repo}`,
      });
      const publisher = publisherFor(location, ctx.logger);
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would create ${location.owner}/${location.repo} (${publisher.kind})`,
        );
        ctx.output('target', `${publisher.kind} (dry run)`);
        return;
      }
      const user = ctx.user?.entity;
      const created = await publisher.create({
        location,
        description: description ?? location.repo,
        sourceDir,
        commitMessage: `Create ${location.repo} from the flask-react-service template`,
        author: {
          name:
            user?.spec?.profile?.displayName ??
            user?.metadata.name ??
            'Platform Portal',
          email: user?.spec?.profile?.email ?? 'portal@localhost',
        },
      });
      ctx.logger.info(
        `Created ${location.owner}/${location.repo} (${publisher.kind}) at ${created.htmlUrl}, commit ${created.commitSha}`,
      );
      try {
        await events?.publish({
          topic: SERVICE_PUBLISHED_TOPIC,
          eventPayload: { repo: location.repo, remoteUrl: created.remoteUrl },
        });
      } catch (error) {
        // The catalog's schedule picks the repository up anyway.
        ctx.logger.warn(`Could not announce the new repository: ${error}`);
      }
      const workflowRunUrl = await publisher
        .firstWorkflowRunUrl(location)
        .catch(() => undefined);
      ctx.output('target', publisher.kind);
      ctx.output('remoteUrl', created.remoteUrl);
      ctx.output('repoContentsUrl', created.htmlUrl);
      ctx.output('commitSha', created.commitSha);
      if (created.catalogInfoUrl)
        ctx.output('catalogInfoUrl', created.catalogInfoUrl);
      if (workflowRunUrl) ctx.output('workflowRunUrl', workflowRunUrl);
    },
  });
  return withExpectedRefusals(action);
}
