import { InputError } from '@backstage/errors';
import { EventsService } from '@backstage/plugin-events-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ENVIRONMENT_NAME_PATTERN,
  INFRASTRUCTURE_PUBLISHED_TOPIC,
} from '@platform-portal/platform-common';
import {
  environmentFolder,
  ifMissingProblem,
  MODULE_LIBRARY_FOLDER,
  renderedTree,
  renderedTreeDigest,
} from '@platform-portal/platform-iac';
import {
  InfrastructureRepository,
  readFiles,
  realFolderInside,
  withExpectedRefusals,
} from '@platform-portal/platform-node';
import { EnvironmentGuard } from '../guards/environmentGuard';
import { PlanTokens } from '../guards/planToken';
import { examples } from './iacPublish.examples';

export const IAC_PUBLISH_ACTION_ID = 'platform:iac:publish';

/**
 * Commits `environments/<name>/` (and the module library folders the base branch lacks) to the
 * infrastructure repository as ONE commit on `env/<name>` and opens or updates its pull request.
 * Reruns move the same branch and reuse the same pull request.
 *
 * It trusts no earlier step: it commits only the tree that platform:environment:plan rendered in
 * the same task (the signed `planToken` carries its digest), re-authorizes the effective tier
 * for the initiating user, re-checks the account, and never commits anything outside
 * `environments/<name>/` and `modules/`.
 */
export function createIacPublishAction(options: {
  repository: InfrastructureRepository;
  /** Effective tier, its permission, the account rule (shared with plan). */
  guard: EnvironmentGuard;
  /** Verifies the plan's token (the same instance plan signs with). */
  planTokens: PlanTokens;
  /** Tells the catalog's infrastructure-repo provider to re-read at once. */
  events?: EventsService;
}) {
  const { repository, guard, planTokens } = options;
  const action = createTemplateAction({
    id: IAC_PUBLISH_ACTION_ID,
    description:
      'Publishes an environment that platform:environment:plan rendered in the same task to the infrastructure repository: one commit on env/<name> plus a pull request (GitHub, when platform.iac.repositoryUrl is set), or a branch in the local git repository otherwise.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        environment: z =>
          z.string().describe('Environment name (folder environments/<name>)'),
        // Optional in the schema so that its absence is refused with a clear message.
        planToken: z =>
          z
            .string()
            .optional()
            .describe(
              'steps.<plan>.output.planToken: binds the commit to what the plan rendered',
            ),
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
              'Module library folders copied only when the base branch lacks them (default: modules/*); nothing outside modules/',
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
      // Module folders are grouped one level down (modules/vpc, modules/eks, ...).
      const ifMissing = ctx.input.ifMissing ?? [`${MODULE_LIBRARY_FOLDER}/`];
      for (const entry of ifMissing) {
        const problem = ifMissingProblem(entry);
        if (problem) throw new InputError(problem);
      }
      const optionalPrefixes = ifMissing.map(p => p.replace(/\/*$/, '/'));
      const root = await realFolderInside(
        ctx.workspacePath,
        ctx.input.sourcePath ?? '.',
        'sourcePath',
      );

      const claims = planTokens.verify(ctx.input.planToken);
      if (claims.task !== ctx.task.id) {
        throw new InputError(
          'planToken: issued in another task; publish only what the plan of this task rendered',
        );
      }
      if (claims.environment !== name) {
        throw new InputError(
          `planToken: issued for environment '${claims.environment}', not '${name}'`,
        );
      }
      const envFolder = environmentFolder(name);
      const tree = renderedTree(await readFiles(root), name);
      if (!Object.keys(tree).some(p => p.startsWith(`${envFolder}/`))) {
        throw new InputError(
          `environment: the workspace has no ${envFolder}/ (run platform:environment:plan first)`,
        );
      }
      if (renderedTreeDigest(tree, name) !== claims.digest) {
        throw new InputError(
          `planToken: ${envFolder}/ or ${MODULE_LIBRARY_FOLDER}/ in the workspace differ from what platform:environment:plan rendered in this task; only the planned files are published`,
        );
      }
      // Authorize again, for the initiating user: the environment may have changed tier since
      // the plan, and the plan may not have run with the rules of this backend.
      await guard.authorizeTier(
        name,
        claims.tier,
        await ctx.getInitiatorCredentials(),
      );
      await guard.checkAccount(claims.tier, claims.account);

      const optionalFolders = [
        ...new Set(
          Object.keys(tree)
            .filter(p => optionalPrefixes.some(prefix => p.startsWith(prefix)))
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
        Object.entries(tree).filter(
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
  return withExpectedRefusals(action);
}
