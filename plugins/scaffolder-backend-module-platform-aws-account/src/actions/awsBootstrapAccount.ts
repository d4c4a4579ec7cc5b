import { PermissionsService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  BootstrapConfig,
  IacConfig,
  withExpectedRefusals,
} from '@platform-portal/platform-node';
import { authorizeAccountBootstrap } from '../bootstrap/authorizeAccountBootstrap';
import { BootstrapStackDeployer } from '../bootstrap/BootstrapStackDeployer';
import {
  BootstrapTarget,
  resolveBootstrapTarget,
} from '../bootstrap/bootstrapTarget';
import {
  BundledTemplate,
  verifiedTemplateBody,
} from '../bootstrap/bundledTemplate';
import { CloudFormationClientFactory } from '../bootstrap/cloudFormationClient';
import { requiredSetting } from '../bootstrap/requiredSetting';
import {
  BOOTSTRAP_STACK_NAME,
  bootstrapParameters,
  parseGitHubRepository,
} from '../bootstrap/stackParameters';
import { examples } from './awsBootstrapAccount.examples';

export const AWS_BOOTSTRAP_ACCOUNT_ACTION_ID = 'platform:aws:bootstrap-account';

/**
 * Creates or updates the `platform-bootstrap` CloudFormation stack in an account from the
 * template bundled with this package (never from the task workspace), streaming stack events
 * into the log. Dry run shows the change set instead and leaves the account as it was.
 */
export function createAwsBootstrapAccountAction(options: {
  catalog: CatalogService;
  permissions: PermissionsService;
  /** `platform.permissions.platformTeam`, named when the initiator is refused. */
  platformTeam: string;
  iac: IacConfig;
  bootstrap: BootstrapConfig;
  /** `platform.bootstrap.workloadAccounts` (readWorkloadAccounts). */
  workloadAccounts: readonly string[];
  /** The bundled template, read and digested once at module start-up. */
  template: BundledTemplate;
  /** Clients for the target account (the module builds them from the AWS credentials factory). */
  cloudFormation: CloudFormationClientFactory;
}) {
  const { catalog, permissions, platformTeam, iac, template } = options;
  const settings = options.bootstrap;
  return withExpectedRefusals(
    createTemplateAction({
      id: AWS_BOOTSTRAP_ACCOUNT_ACTION_ID,
      description:
        'Bootstraps an AWS account with the platform-bootstrap CloudFormation stack bundled with the portal (Terraform state bucket in the shared account, portal read-only role, terraform-plan and terraform-apply roles for GitHub OIDC, permissions boundary): creates it, or updates it when it exists. The state account and the accounts it may reach come from config only. Platform team only.',
      examples,
      supportsDryRun: true,
      schema: {
        input: {
          account: z =>
            z.string().describe('Entity ref of the aws-account resource'),
          stackName: z =>
            z
              .string()
              .optional()
              .describe('Stack name (default platform-bootstrap)'),
          region: z =>
            z
              .string()
              .optional()
              .describe(
                "Region of the stack (default the account's region annotation)",
              ),
          repository: z =>
            z
              .string()
              .optional()
              .describe(
                'GitHub <org>/<repo> whose workflows may deploy (default platform.bootstrap.githubRepository or platform.iac.repositoryUrl)',
              ),
          existingOidcProviderArn: z =>
            z
              .string()
              .optional()
              .describe(
                "The account's GitHub OIDC provider if it has one; empty creates it",
              ),
        },
        output: {
          stackId: z => z.string(),
          stackName: z => z.string(),
          status: z => z.string(),
          changed: z => z.boolean(),
          operation: z => z.string(),
          accountId: z => z.string(),
          region: z => z.string(),
          outputs: z => z.record(z.string(), z.string()),
          templateSha256: z =>
            z.string().describe('sha256 of the bundled template deployed'),
          changes: z =>
            z
              .array(
                z.object({
                  action: z.string(),
                  logicalResourceId: z.string(),
                  resourceType: z.string(),
                  replacement: z.string().optional(),
                }),
              )
              .optional(),
        },
      },
      async handler(ctx) {
        const input = ctx.input;
        const credentials = await ctx.getInitiatorCredentials();
        await authorizeAccountBootstrap(permissions, credentials, platformTeam);

        const stackName = input.stackName ?? BOOTSTRAP_STACK_NAME;
        if (!/^[A-Za-z][A-Za-z0-9-]{0,127}$/.test(stackName)) {
          throw new InputError(
            `stackName must start with a letter and hold only letters, digits and dashes, got '${stackName}'`,
          );
        }
        const target = await resolveBootstrapTarget({
          catalog,
          credentials,
          iac,
          workloadAccounts: options.workloadAccounts,
          accountRef: input.account,
          region: input.region,
        });
        const repositorySource =
          input.repository || settings.githubRepository || iac.repository?.url;
        if (!repositorySource) {
          throw new InputError(
            'repository: pass <org>/<repo>, or configure platform.bootstrap.githubRepository or platform.iac.repositoryUrl',
          );
        }
        const parameters = bootstrapParameters(
          {
            accountRole: target.role,
            repository: parseGitHubRepository(repositorySource, 'repository'),
            applyEnvironments: target.applyEnvironments,
            portalPrincipalArn: requiredSetting(
              settings.portalPrincipalArn,
              'portalPrincipalArn',
            ),
            externalId: requiredSetting(settings.externalId, 'externalId'),
            existingOidcProviderArn:
              input.existingOidcProviderArn || settings.existingOidcProviderArn,
            stateAccountId: target.stateAccount.accountId,
            stateBucketName: target.stateBucketName,
            workloadAccountIds: target.workloadAccounts.map(a => a.accountId),
            applyRoleManagedPolicyArn: settings.deployRoleManagedPolicyArn,
          },
          {
            portalPrincipalArn: 'platform.bootstrap.portalPrincipalArn',
            externalId: 'platform.bootstrap.externalId',
            applyRoleManagedPolicyArn:
              'platform.bootstrap.deployRoleManagedPolicyArn',
            workloadAccountIds: 'platform.bootstrap.workloadAccounts',
            stateAccountId: 'platform.iac.stateAccount',
          },
        );
        // The bundled file, checked against the digest taken at start-up; the workspace is
        // never read, whatever earlier steps of the template put there.
        const templateBody = verifiedTemplateBody(template);
        ctx.logger.info(
          `Template: the bundled platform-bootstrap.yaml, sha256 ${template.sha256}`,
        );

        const { account, region } = target;
        ctx.logger.info(describeTarget(target));
        const client = await options.cloudFormation(account.accountId, region);
        const deployer = new BootstrapStackDeployer(client, {
          logger: ctx.logger,
          pollIntervalMs: settings.pollIntervalMs,
          timeoutMs: settings.timeoutMs,
        });
        const request = { stackName, templateBody, parameters };

        try {
          if (ctx.isDryRun) {
            const preview = await deployer.preview(request);
            ctx.logger.info(`Dry run: ${preview.plan}`);
            for (const c of preview.changes) {
              ctx.logger.info(
                `  ${c.action} ${c.logicalResourceId} (${c.resourceType})${
                  c.replacement ? ` replacement: ${c.replacement}` : ''
                }`,
              );
            }
            ctx.output('stackId', '');
            ctx.output('stackName', stackName);
            ctx.output('status', 'DRY_RUN');
            ctx.output('changed', preview.changes.length > 0);
            ctx.output('operation', preview.changeSetType ?? 'none');
            ctx.output('accountId', account.accountId);
            ctx.output('region', region);
            ctx.output('outputs', {});
            ctx.output('templateSha256', template.sha256);
            ctx.output('changes', preview.changes);
            return;
          }
          const result = await deployer.deploy(request);
          ctx.logger.info(
            `Stack ${stackName} ${result.status}${
              result.changed ? '' : ' (unchanged)'
            }: ${Object.entries(result.outputs)
              .map(([k, v]) => `${k}=${v}`)
              .join(', ')}`,
          );
          ctx.output('stackId', result.stackId);
          ctx.output('stackName', stackName);
          ctx.output('status', result.status);
          ctx.output('changed', result.changed);
          ctx.output('operation', result.operation);
          ctx.output('accountId', account.accountId);
          ctx.output('region', region);
          ctx.output('outputs', result.outputs);
          ctx.output('templateSha256', template.sha256);
        } catch (error) {
          throw explainAwsError(error);
        }
      },
    }),
  );
}

function describeTarget(target: BootstrapTarget): string {
  const { account, region, role, stateAccount, workloadAccounts } = target;
  const who = `Account ${account.name} (${account.accountId}), ${region}: role ${role}`;
  const environments = `terraform-apply trusts main and GitHub environment(s) ${target.applyEnvironments.join(
    ', ',
  )}`;
  if (role === 'shared') {
    const reach = workloadAccounts.length
      ? workloadAccounts.map(a => `${a.name} (${a.accountId})`).join(', ')
      : 'no account (platform.bootstrap.workloadAccounts is empty)';
    return `${who}, state bucket ${target.stateBucketName}; its Terraform roles may assume those of ${reach}; ${environments}`;
  }
  return `${who}; the state account ${stateAccount.name} (${stateAccount.accountId}, platform.iac.stateAccount) may assume its terraform-plan and terraform-apply; ${environments}`;
}

/** Throttling that outlasted the SDK's retries gets a message saying what to do. */
function explainAwsError(error: unknown): unknown {
  const e = error as {
    name?: string;
    message?: string;
    $metadata?: { attempts?: number };
  };
  if (/Throttl|TooManyRequests|RequestLimitExceeded/.test(e?.name ?? '')) {
    return new Error(
      `AWS kept throttling CloudFormation calls (${
        e.$metadata?.attempts ?? 'several'
      } attempts): ${
        e.message
      }. Nothing is lost; run the template again in a few minutes.`,
    );
  }
  return error;
}
