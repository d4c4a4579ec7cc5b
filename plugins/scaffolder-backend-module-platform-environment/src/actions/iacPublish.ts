import { InputError } from '@backstage/errors';
import { EventsService } from '@backstage/plugin-events-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ENVIRONMENT_NAME_PATTERN,
  INFRASTRUCTURE_PUBLISHED_TOPIC,
} from '@platform-portal/platform-common';
import {
  InfrastructureRepository,
  readFiles,
  resolveInside,
} from '@platform-portal/platform-node';
import { examples } from './iacPublish.examples';

export const IAC_PUBLISH_ACTION_ID = 'platform:iac:publish';

/**
 * Commits `environments/<name>/` (and the module library folders the base branch lacks) to the
 * infrastructure repository as ONE commit on `env/<name>` and opens or updates its pull request.
 * Reruns move the same branch and reuse the same pull request.
 */
export function createIacPublishAction(options: {
  repository: InfrastructureRepository;
  /** Tells the catalog's infrastructure-repo provider to re-read at once. */
  events?: EventsService;
}) {
  return createTemplateAction({
    id: IAC_PUBLISH_ACTION_ID,
    description:
      'Publishes an environment to the infrastructure repository: one commit on env/<name> plus a pull request (GitHub, when platform.iac.repositoryUrl is set), or a branch in the local git repository otherwise.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        environment: z =>
          z.string().describe('Environment name (folder environments/<name>)'),
        update: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Allow changing an environment that exists on the base branch',
            ),
        sourcePath: z =>
          z.string().optional().describe('Workspace folder holding the files'),
        ifMissing: z =>
          z
            .array(z.string())
            .optional()
            .describe(
              'Folders copied only when the base branch lacks them (default: modules/*)',
            ),
        description: z =>
          z.string().optional().describe('Pull request body (markdown)'),
      },
      output: {
        target: z => z.string(),
        branch: z => z.string(),
        commitSha: z => z.string(),
        commitUrl: z => z.string(),
        pullRequestUrl: z => z.string().optional(),
        catalogInfoUrl: z => z.string().optional(),
        files: z => z.array(z.string()),
      },
    },
    async handler(ctx) {
      const name = ctx.input.environment;
      if (!ENVIRONMENT_NAME_PATTERN.test(name)) {
        throw new InputError(
          `environment: '${name}' must match ${ENVIRONMENT_NAME_PATTERN}`,
        );
      }
      const envFolder = `environments/${name}`;
      const root = resolveInside(
        ctx.workspacePath,
        ctx.input.sourcePath ?? '.',
        'sourcePath',
      );
      const workspace = await readFiles(root);
      const owned = Object.keys(workspace).filter(p =>
        p.startsWith(`${envFolder}/`),
      );
      if (owned.length === 0) {
        throw new InputError(
          `environment: the workspace has no ${envFolder}/ (run platform:environment:plan first)`,
        );
      }

      const { repository } = options;
      // Module folders are grouped one level down (modules/vpc, modules/eks, ...).
      const ifMissing = (ctx.input.ifMissing ?? ['modules/']).map(p =>
        p.replace(/\/*$/, '/'),
      );
      const optionalFolders = [
        ...new Set(
          Object.keys(workspace)
            .filter(p => ifMissing.some(prefix => p.startsWith(prefix)))
            .map(p => p.split('/').slice(0, 2).join('/')),
        ),
      ];
      const existing = await repository.existingPaths([
        envFolder,
        ...optionalFolders,
      ]);
      if (existing.has(envFolder) && !ctx.input.update) {
        throw new InputError(
          `environment: ${envFolder} already exists on the base branch of ${repository.target}; set update: true to change it`,
        );
      }
      const files = Object.fromEntries(
        Object.entries(workspace).filter(
          ([p]) =>
            p.startsWith(`${envFolder}/`) ||
            optionalFolders.some(
              f => p.startsWith(`${f}/`) && !existing.has(f),
            ),
        ),
      );
      const branch = `env/${name}`;
      const paths = Object.keys(files).sort();
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would commit ${paths.length} files to ${branch} of ${repository.target}`,
        );
        ctx.output('target', repository.target);
        ctx.output('branch', branch);
        ctx.output('commitSha', 'dry-run');
        ctx.output('commitUrl', 'dry-run');
        ctx.output('files', paths);
        return;
      }

      const profile = ctx.user?.entity?.spec?.profile as
        | { displayName?: string; email?: string }
        | undefined;
      const verb = existing.has(envFolder) ? 'Update' : 'Add';
      const result = await repository.proposeChange({
        branch,
        files,
        replaceFolders: [envFolder],
        commitMessage: `${verb} environment ${name}`,
        pullRequest: {
          title: `${verb} environment ${name}`,
          body:
            ctx.input.description ??
            `Generated by the Platform Portal for environment ${name}.`,
        },
        author: profile?.email
          ? { name: profile.displayName ?? profile.email, email: profile.email }
          : undefined,
      });
      const pullRequest = result.pullRequestUrl
        ? `; pull request ${result.pullRequestUrl}${
            result.pullRequestReused ? ' (updated)' : ''
          }`
        : '';
      ctx.logger.info(
        `Committed ${paths.length} files as ${result.commitSha} on ${branch} of ${result.target}${pullRequest}`,
      );
      await options.events?.publish({
        topic: INFRASTRUCTURE_PUBLISHED_TOPIC,
        eventPayload: {
          environment: name,
          branch,
          commitSha: result.commitSha,
        },
      });
      ctx.output('target', result.target);
      ctx.output('branch', result.branch);
      ctx.output('commitSha', result.commitSha);
      ctx.output('commitUrl', result.commitUrl);
      if (result.pullRequestUrl)
        ctx.output('pullRequestUrl', result.pullRequestUrl);
      const catalogInfoUrl = repository.fileUrl(
        branch,
        `${envFolder}/catalog-info.yaml`,
      );
      if (catalogInfoUrl) ctx.output('catalogInfoUrl', catalogInfoUrl);
      ctx.output('files', paths);
    },
  });
}
