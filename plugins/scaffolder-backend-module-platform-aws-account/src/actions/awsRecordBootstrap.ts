import { PermissionsService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ACCOUNT_ROLE_ANNOTATION,
  bootstrapRecordPath,
  renderBootstrapRecord,
} from '@platform-portal/platform-common';
import { MODULE_LIBRARY_FOLDER } from '@platform-portal/platform-iac';
import {
  IacConfig,
  InfrastructureRepository,
  readFiles,
  resolveAccount,
  withExpectedRefusals,
} from '@platform-portal/platform-node';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { authorizeAccountBootstrap } from '../bootstrap/authorizeAccountBootstrap';
import {
  BOOTSTRAP_STACK_NAME,
  stateBucketName,
} from '../bootstrap/stackParameters';
import { accountBaselineChange } from './accountBaselineFiles';
import {
  ORGANIZATION_FOLDER,
  organizationFiles,
  OrganizationSettings,
} from './organizationFiles';
import { examples } from './awsRecordBootstrap.examples';

export const AWS_RECORD_BOOTSTRAP_ACTION_ID = 'platform:aws:record-bootstrap';

/** What every bootstrap stack outputs (the shared account adds its state bucket). */
const REQUIRED_OUTPUTS = [
  'PlanRoleArn',
  'ApplyRoleArn',
  'PortalReadOnlyRoleArn',
] as const;

const STACK_ARN =
  /^arn:aws[a-z-]*:cloudformation:[a-z0-9-]+:(\d{12}):stack\/[A-Za-z][A-Za-z0-9-]*\/[\w-]+$/;

/** Task workspace files under modules/ (the template fetches the account module library there). */
async function workspaceLibrary(
  workspacePath: string,
): Promise<Record<string, string>> {
  const dir = join(workspacePath, MODULE_LIBRARY_FOLDER);
  if (!existsSync(dir)) return {};
  return Object.fromEntries(
    Object.entries(await readFiles(dir)).map(([p, c]) => [
      `${MODULE_LIBRARY_FOLDER}/${p}`,
      c,
    ]),
  );
}

/**
 * Records a bootstrapped account's stack outputs (role ARNs, state bucket) as
 * `accounts/<entity name>.json` in the infrastructure repository, the same one environments go to,
 * and in the same change its account baseline roots `accounts/<name>/<region>/` (GuardDuty,
 * Security Hub, Config, CloudTrail, EBS encryption by default, Access Analyzer) plus the account
 * module library folders the base branch lacks: a pull request from `bootstrap/<name>` on GitHub,
 * a commit on the base branch of the local repository. The catalog module aws-accounts puts the
 * record on the account entity.
 */
export function createAwsRecordBootstrapAction(options: {
  catalog: CatalogService;
  permissions: PermissionsService;
  platformTeam: string;
  repository: InfrastructureRepository;
  /** Where the baseline roots keep their state (as environments do). */
  iac: Pick<IacConfig, 'stateAccount' | 'stateBucketPattern'>;
  /** `platform.bootstrap.baselineRegions`: regions besides the home region. */
  baselineRegions?: readonly string[];
  /** `platform.bootstrap.organization`: organization/ goes with the management account's record. */
  organization?: OrganizationSettings;
}) {
  const { catalog, permissions, platformTeam, repository, iac } = options;
  return withExpectedRefusals(
    createTemplateAction({
      id: AWS_RECORD_BOOTSTRAP_ACTION_ID,
      description:
        "Commits a bootstrapped account's stack outputs to accounts/<name>.json and its account baseline Terraform roots to accounts/<name>/<region>/ (with the account module library when the base branch lacks it) in the infrastructure repository (pull request from bootstrap/<name> on GitHub, a commit on the base branch of the local repository); the catalog shows the outputs on the account entity. Platform team only.",
      examples,
      supportsDryRun: true,
      schema: {
        input: {
          account: z =>
            z.string().describe('Entity ref of the aws-account resource'),
          stackId: z => z.string().describe('ARN of the bootstrap stack'),
          stackName: z => z.string().optional().describe('Stack name'),
          region: z => z.string().describe('Region of the stack'),
          outputs: z =>
            z
              .record(z.string(), z.string())
              .describe(
                'Stack outputs (PlanRoleArn, ApplyRoleArn, PortalReadOnlyRoleArn, ...)',
              ),
          regions: z =>
            z
              .array(z.string())
              .optional()
              .describe(
                'Regions that get an account baseline root besides the home region (default platform.bootstrap.baselineRegions)',
              ),
        },
        output: {
          path: z => z.string(),
          changed: z => z.boolean(),
          target: z => z.string(),
          branch: z => z.string().optional(),
          commitSha: z => z.string().optional(),
          pullRequestUrl: z => z.string().optional(),
          baselineRoots: z => z.array(z.string()),
        },
      },
      async handler(ctx) {
        const input = ctx.input;
        const credentials = await ctx.getInitiatorCredentials();
        await authorizeAccountBootstrap(permissions, credentials, platformTeam);
        const account = await resolveAccount(
          catalog,
          credentials,
          input.account,
          'account',
        );
        const stackAccount = input.stackId.match(STACK_ARN)?.[1];
        if (!stackAccount) {
          throw new InputError(
            `stackId must be a CloudFormation stack ARN, got '${input.stackId}'`,
          );
        }
        if (stackAccount !== account.accountId) {
          throw new InputError(
            `stackId belongs to account ${stackAccount}, not to ${account.name} (${account.accountId})`,
          );
        }
        const missing = REQUIRED_OUTPUTS.filter(key => !input.outputs[key]);
        if (missing.length > 0) {
          throw new InputError(
            `outputs must hold ${REQUIRED_OUTPUTS.join(
              ', ',
            )} (the outputs of platform:aws:bootstrap-account); missing ${missing.join(
              ', ',
            )}`,
          );
        }

        const path = bootstrapRecordPath(account.name);
        const content = renderBootstrapRecord({
          account: account.name,
          accountId: account.accountId,
          region: input.region,
          stackName: input.stackName ?? BOOTSTRAP_STACK_NAME,
          stackId: input.stackId,
          outputs: input.outputs,
        });
        const stateAccount = await resolveAccount(
          catalog,
          credentials,
          `resource:default/${iac.stateAccount}`,
          'platform.iac.stateAccount',
        );
        const stateRegion = stateAccount.region ?? input.region;
        const baselineState = {
          bucket: stateBucketName(
            iac.stateBucketPattern,
            stateAccount.accountId,
            stateRegion,
          ),
          region: stateRegion,
          accountId: stateAccount.accountId,
        };
        const baseline = await accountBaselineChange({
          account,
          stackRegion: input.region,
          regions: input.regions ?? options.baselineRegions ?? [],
          state: baselineState,
          workspaceFiles: await workspaceLibrary(ctx.workspacePath),
          repository,
        });
        const management =
          options.organization &&
          account.entity.metadata.annotations?.[ACCOUNT_ROLE_ANNOTATION] ===
            'management';
        const files = {
          [path]: content,
          ...baseline.files,
          ...(management
            ? await organizationFiles({
                catalog,
                credentials,
                managementAccount: account,
                settings: options.organization!,
                state: baselineState,
              })
            : {}),
        };
        ctx.output('path', path);
        ctx.output('target', repository.target);
        ctx.output('baselineRoots', baseline.rootFolders);
        const stale = baseline.libraryFolders.length > 0 ? [path] : [];
        for (const [file, text] of Object.entries(files)) {
          if (stale.length > 0) break;
          if ((await repository.readFile(file)) !== text) stale.push(file);
        }
        if (stale.length === 0) {
          ctx.logger.info(
            `${path} on the base branch of ${
              repository.target
            } is up to date: nothing to commit (nor in ${baseline.rootFolders.join(
              ', ',
            )})`,
          );
          ctx.output('changed', false);
          return;
        }
        // A local repository has no review step and the stack exists already: the record goes
        // straight to the base branch. On GitHub it is a pull request like every other change.
        const branch =
          repository.kind === 'local'
            ? repository.baseBranch
            : `bootstrap/${account.name}`;
        if (ctx.isDryRun) {
          ctx.logger.info(
            `Dry run: would commit ${
              Object.keys(files).length
            } files (${path}, ${baseline.rootFolders.join(', ')}${
              baseline.libraryFolders.length > 0
                ? `, ${baseline.libraryFolders.join(', ')}`
                : ''
            }) to ${branch} of ${repository.target}`,
          );
          ctx.output('changed', true);
          ctx.output('branch', branch);
          return;
        }
        const result = await repository.proposeChange({
          branch,
          files,
          replaceFolders: management
            ? [...baseline.rootFolders, ORGANIZATION_FOLDER]
            : baseline.rootFolders,
          commitMessage: `Record the bootstrap of AWS account ${account.name} and its account baseline`,
          pullRequest: {
            title: `Record the bootstrap of AWS account ${account.name}`,
            body: `Stack \`${
              input.stackId
            }\` outputs, recorded by the Platform Portal so the catalog shows them on ${stringifyEntityRef(
              account.entity,
            )}.\n\nAccount baseline (GuardDuty, Security Hub, AWS Config, CloudTrail in the home region ${
              baseline.homeRegion
            }, EBS encryption by default, IAM Access Analyzer): ${baseline.rootFolders
              .map(f => `\`${f}/\``)
              .join(
                ', ',
              )}; apply the home region's root first (it creates the Config service-linked role), then the others, with terraform-apply.`,
          },
        });
        ctx.logger.info(
          `Committed ${path} as ${result.commitSha} on ${branch} of ${
            result.target
          }${
            result.pullRequestUrl
              ? `; pull request ${result.pullRequestUrl}`
              : ''
          }`,
        );
        // Best effort: the catalog also picks the record up on its next processing round.
        await catalog
          .refreshEntity(stringifyEntityRef(account.entity), { credentials })
          .catch(error =>
            ctx.logger.warn(
              `Could not ask the catalog to refresh ${account.name}: ${error}`,
            ),
          );
        ctx.output('changed', true);
        ctx.output('branch', result.branch);
        ctx.output('commitSha', result.commitSha);
        if (result.pullRequestUrl)
          ctx.output('pullRequestUrl', result.pullRequestUrl);
      },
    }),
  );
}
