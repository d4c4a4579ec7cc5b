import { PermissionsService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  BootstrapConfig,
  IacConfig,
  resolveInside,
} from '@platform-portal/platform-node';
import { promises as fs } from 'node:fs';
import { authorizeAccountBootstrap } from '../bootstrap/authorizeAccountBootstrap';
import { BootstrapStackDeployer } from '../bootstrap/BootstrapStackDeployer';
import {
  BootstrapTarget,
  resolveBootstrapTarget,
} from '../bootstrap/bootstrapTarget';
import { CloudFormationClientFactory } from '../bootstrap/cloudFormationClient';
import { requiredSetting } from '../bootstrap/requiredSetting';
import {
  ACCOUNT_ROLES,
  BOOTSTRAP_STACK_NAME,
  bootstrapParameters,
  parseGitHubRepository,
} from '../bootstrap/stackParameters';
import { examples } from './awsBootstrapAccount.examples';

export const AWS_BOOTSTRAP_ACCOUNT_ACTION_ID = 'platform:aws:bootstrap-account';

/** CloudFormation's limit for a TemplateBody sent inline. */
const MAX_TEMPLATE_BYTES = 51_200;

/**
 * Creates or updates the `platform-bootstrap` CloudFormation stack in an account from the
 * template file in the workspace, streaming stack events into the log. Dry run shows the
 * change set instead and leaves the account as it was.
 */
export function createAwsBootstrapAccountAction(options: {
  catalog: CatalogService;
  permissions: PermissionsService;
  /** `platform.permissions.platformTeam`, named when the initiator is refused. */
  platformTeam: string;
  iac: IacConfig;
  bootstrap: BootstrapConfig;
  /** Clients for the target account (the module builds them from the AWS credentials factory). */
  cloudFormation: CloudFormationClientFactory;
}) {
  const { catalog, permissions, platformTeam, iac } = options;
  const settings = options.bootstrap;
  return createTemplateAction({
    id: AWS_BOOTSTRAP_ACCOUNT_ACTION_ID,
    description:
      'Bootstraps an AWS account with the platform-bootstrap CloudFormation stack (Terraform state bucket in the shared account, portal read-only role, GitHub OIDC deploy role): creates it, or updates it when it exists. Platform team only.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        account: z =>
          z.string().describe('Entity ref of the aws-account resource'),
        templatePath: z =>
          z
            .string()
            .optional()
            .describe(
              'Workspace path of the CloudFormation template (default cloudformation/platform-bootstrap.yaml)',
            ),
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
        accountRole: z =>
          z
            .enum(ACCOUNT_ROLES)
            .optional()
            .describe(
              'shared (gets the state bucket), workload or management; default from the entity',
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
        accountRef: input.account,
        region: input.region,
        accountRole: input.accountRole,
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
          portalPrincipalArn: requiredSetting(
            settings.portalPrincipalArn,
            'portalPrincipalArn',
          ),
          externalId: requiredSetting(settings.externalId, 'externalId'),
          existingOidcProviderArn:
            input.existingOidcProviderArn || settings.existingOidcProviderArn,
          stateAccountId: target.stateAccount?.accountId,
          stateBucketName: target.stateBucketName,
          deployRoleManagedPolicyArn: settings.deployRoleManagedPolicyArn,
        },
        {
          portalPrincipalArn: 'platform.bootstrap.portalPrincipalArn',
          externalId: 'platform.bootstrap.externalId',
          deployRoleManagedPolicyArn:
            'platform.bootstrap.deployRoleManagedPolicyArn',
        },
      );
      const templateBody = await readTemplate(
        ctx.workspacePath,
        input.templatePath ?? 'cloudformation/platform-bootstrap.yaml',
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
      } catch (error) {
        throw explainAwsError(error);
      }
    },
  });
}

function describeTarget(target: BootstrapTarget): string {
  const { account, region, role, stateAccount } = target;
  let trust =
    ', no shared account in the catalog: only GitHub OIDC may assume its deploy role';
  if (role === 'shared') trust = `, state bucket ${target.stateBucketName}`;
  else if (stateAccount) {
    trust = `, shared account ${stateAccount.name} (${stateAccount.accountId}) may assume its deploy role`;
  }
  return `Account ${account.name} (${account.accountId}), ${region}: role ${role}${trust}`;
}

async function readTemplate(workspace: string, path: string): Promise<string> {
  if (!/\.(ya?ml|json|template)$/.test(path)) {
    throw new InputError(
      `templatePath must name a .yaml, .yml, .json or .template file, got '${path}'`,
    );
  }
  const file = resolveInside(workspace, path, 'templatePath');
  let body: string;
  try {
    body = await fs.readFile(file, 'utf8');
  } catch {
    throw new InputError(
      `templatePath: '${path}' is not in the workspace (fetch templates/aws-account-bootstrap/cloudformation first)`,
    );
  }
  if (Buffer.byteLength(body) > MAX_TEMPLATE_BYTES) {
    throw new InputError(
      `templatePath: '${path}' is larger than CloudFormation's ${MAX_TEMPLATE_BYTES}-byte inline limit`,
    );
  }
  return body;
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
