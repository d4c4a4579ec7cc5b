import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  allocateVpcCidr,
  availabilityZones,
  checkEnvironmentPolicies,
  EnvironmentRequest,
  EnvironmentRequestError,
  estimateMonthlyCost,
  MODULE_LIBRARY_FOLDER,
  parseEnvironmentRequest,
  planSubnets,
  policyErrors,
  renderedTreeDigest,
  renderEnvironment,
} from '@platform-portal/platform-iac';
import {
  IacConfig,
  InfrastructureRepository,
  readFiles,
  realFolderInside,
  resolveAccount,
  withExpectedRefusals,
  writeFiles,
} from '@platform-portal/platform-node';
import { EnvironmentGuard } from '../guards/environmentGuard';
import { PlanTokens } from '../guards/planToken';
import { knownEnvironments } from '../knownEnvironments';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { examples } from './environmentPlan.examples';

export const ENVIRONMENT_PLAN_ACTION_ID = 'platform:environment:plan';

/**
 * Authorizes the effective tier and the account, validates an environment request, allocates its
 * VPC block, renders the Terraform root and Kubernetes manifests into the workspace, runs the
 * policy checks and estimates the cost. Nothing is written until every check has passed. Its
 * `planToken` (signed: task, environment, tier, account, digest of the rendered tree) is what
 * platform:iac:publish requires.
 */
export function createEnvironmentPlanAction(options: {
  catalog: CatalogService;
  iac: IacConfig;
  /** Environment folders on its base branch count as taken names and CIDRs. */
  repository: InfrastructureRepository;
  /** Effective tier, its permission, the account rule (shared with publish). */
  guard: EnvironmentGuard;
  /** Signs the plan for publish (the same instance publish verifies with). */
  planTokens: PlanTokens;
}) {
  const { catalog, iac, repository, guard, planTokens } = options;
  const action = createTemplateAction({
    id: ENVIRONMENT_PLAN_ACTION_ID,
    description:
      'Plans an AWS environment: validates the request, allocates the VPC CIDR, renders environments/<name>/ (Terraform + Karpenter manifests), checks policies and estimates the monthly cost.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          z
            .string()
            .describe(
              'Environment name: 2-21 lowercase letters, digits and single dashes, starting with a letter, not ending with a dash',
            ),
        tier: z => z.enum(['dev', 'staging', 'prod', 'other']).describe('Tier'),
        account: z =>
          z.string().describe('Entity ref of the target aws-account resource'),
        region: z => z.string().describe('AWS region, e.g. eu-west-1'),
        owner: z => z.string().describe('Owner group entity ref'),
        cidr: z =>
          z
            .string()
            .optional()
            .describe('VPC block; empty or "auto" allocates one'),
        singleNatGateway: z =>
          z.boolean().optional().describe('One NAT gateway for all AZs'),
        kubernetesVersion: z =>
          z.string().optional().describe('EKS version, e.g. 1.33'),
        karpenter: z =>
          z
            .object({
              allowSpot: z.boolean().optional(),
              allowGraviton: z.boolean().optional(),
              instanceCategories: z.array(z.string()).optional(),
              minInstanceGeneration: z.number().optional(),
              cpuLimit: z.number().optional(),
            })
            .optional()
            .describe('Karpenter node pool options'),
        database: z =>
          z
            .object({
              engine: z.string().optional(),
              instanceClass: z.string().optional(),
              backupRetentionDays: z.number().optional(),
              readReplicas: z.number().optional(),
              multiAz: z.boolean().optional(),
            })
            .optional()
            .describe('Database options'),
        wafRateLimit: z =>
          z.number().optional().describe('Requests per 5 minutes per IP'),
        domain: z => z.string().describe('Public DNS name of the environment'),
        certificateArn: z =>
          z.string().optional().describe('ACM certificate ARN'),
        update: z =>
          z
            .boolean()
            .optional()
            .describe('Allow replacing an existing environment'),
        targetPath: z =>
          z.string().optional().describe('Workspace folder to render into'),
      },
      output: {
        environmentPath: z => z.string(),
        catalogInfoPath: z => z.string(),
        files: z => z.array(z.string()),
        summary: z => z.record(z.string(), z.unknown()),
        summaryMarkdown: z => z.string(),
        digest: z => z.string(),
        planToken: z => z.string(),
      },
    },
    async handler(ctx) {
      const input = ctx.input;
      const credentials = await ctx.getInitiatorCredentials();
      const { tier } = await guard.authorizeTier(
        input.name,
        input.tier,
        credentials,
      );
      const account = await resolveAccount(
        catalog,
        credentials,
        input.account,
        'account',
      );
      await guard.checkAccount(tier, account);
      const stateAccount = await resolveAccount(
        catalog,
        credentials,
        `resource:default/${iac.stateAccount}`,
        'platform.iac.stateAccount',
      );
      const stateRegion = stateAccount.region ?? input.region;

      const cidrInput = input.cidr?.trim();
      let request: EnvironmentRequest;
      try {
        request = parseEnvironmentRequest({
          name: input.name,
          tier,
          account: { name: account.name, accountId: account.accountId },
          region: input.region,
          owner: input.owner,
          network: {
            cidr: cidrInput && cidrInput !== 'auto' ? cidrInput : undefined,
            singleNatGateway: input.singleNatGateway ?? false,
          },
          kubernetes: {
            version: input.kubernetesVersion,
            karpenter: input.karpenter ?? {},
          },
          database: input.database ?? {},
          waf: { rateLimitPer5Minutes: input.wafRateLimit },
          ingress: {
            domain: input.domain,
            certificateArn: input.certificateArn || undefined,
          },
          state: {
            bucket: iac.stateBucketPattern
              .replace('{accountId}', stateAccount.accountId)
              .replace('{region}', stateRegion),
            region: stateRegion,
            accountId: stateAccount.accountId,
          },
        });
      } catch (error) {
        if (error instanceof EnvironmentRequestError)
          throw new InputError(error.message);
        throw error;
      }

      const known = await knownEnvironments(catalog, credentials, repository);
      const same = known.find(e => e.name === request.name);
      if (same && !input.update) {
        throw new InputError(
          `name: environment '${request.name}' already exists (${same.source}); set update to replace it`,
        );
      }
      const others = known.filter(
        (e): e is typeof e & { cidr: string } =>
          e.name !== request.name && !!e.cidr,
      );
      let vpcCidr: string;
      try {
        vpcCidr = allocateVpcCidr({
          pool: iac.cidrPool,
          requested: request.network.cidr,
          existing: others,
        });
      } catch (error) {
        throw new InputError((error as Error).message);
      }
      const network = planSubnets(vpcCidr, availabilityZones(request.region));
      const cost = estimateMonthlyCost(request);
      const files = renderEnvironment({
        request,
        network,
        cost,
        gitops: iac.gitops,
      });
      // The checks read the settings where they live: in the root and in the module library that
      // the template's first step fetched into the workspace.
      const root = await realFolderInside(
        ctx.workspacePath,
        input.targetPath ?? '.',
        'targetPath',
      );
      const library = await readModuleLibrary(
        ctx.workspacePath,
        input.targetPath ?? '.',
      );
      const policies = checkEnvironmentPolicies(request, network, {
        ...library,
        ...files,
      });
      const failed = policyErrors(policies);
      if (failed.length > 0) {
        throw new InputError(
          `Policy checks failed:\n${failed
            .map(p => `- ${p.id}: ${p.message}`)
            .join('\n')}`,
        );
      }

      await writeFiles(root, files);
      // What publish may commit: exactly these files and the library the checks read.
      const digest = renderedTreeDigest({ ...library, ...files }, request.name);
      const planToken = planTokens.sign({
        task: ctx.task.id,
        environment: request.name,
        tier: request.tier,
        account: { name: account.name, accountId: account.accountId },
        digest,
      });
      const environmentPath = `environments/${request.name}`;
      const summary = {
        name: request.name,
        tier: request.tier,
        account: `${account.name} (${account.accountId})`,
        region: request.region,
        vpcCidr: network.vpcCidr,
        subnets: network.azs.map((az, i) => ({
          az,
          public: network.publicSubnets[i],
          private: network.privateSubnets[i],
          database: network.databaseSubnets[i],
          intra: network.intraSubnets[i],
        })),
        monthlyCostUsd: cost.monthlyUsd,
        costLines: cost.lines.map(l => ({
          item: l.item,
          monthlyUsd: l.monthlyUsd,
        })),
        policies: policies.map(p => ({
          id: p.id,
          passed: p.passed,
          message: p.message,
        })),
        files: Object.keys(files).length,
      };
      ctx.logger.info(
        `Planned ${request.name}: VPC ${network.vpcCidr}, ${
          Object.keys(files).length
        } files, ` +
          `about $${cost.monthlyUsd.toFixed(2)}/month, ${
            policies.length
          } policy checks passed`,
      );
      ctx.output('environmentPath', environmentPath);
      ctx.output('catalogInfoPath', `${environmentPath}/catalog-info.yaml`);
      ctx.output('files', Object.keys(files).sort());
      ctx.output('summary', summary);
      ctx.output('summaryMarkdown', summaryMarkdown(summary));
      ctx.output('digest', digest);
      ctx.output('planToken', planToken);
    },
  });
  return withExpectedRefusals(action);
}

/** The `modules/` library in the workspace; the policy checks need it. */
async function readModuleLibrary(
  workspacePath: string,
  targetPath: string,
): Promise<Record<string, string>> {
  const folder = await realFolderInside(
    workspacePath,
    join(targetPath, MODULE_LIBRARY_FOLDER),
    'targetPath',
  );
  const files = existsSync(folder) ? await readFiles(folder) : {};
  if (Object.keys(files).length === 0) {
    throw new InputError(
      'The workspace has no modules/ library: fetch templates/aws-environment/modules before planning',
    );
  }
  return Object.fromEntries(
    Object.entries(files).map(([p, text]) => [
      `${MODULE_LIBRARY_FOLDER}/${p}`,
      text,
    ]),
  );
}

type Summary = {
  name: string;
  tier: string;
  account: string;
  region: string;
  vpcCidr: string;
  subnets: Array<Record<string, string>>;
  monthlyCostUsd: number;
  policies: Array<{ id: string; passed: boolean; message: string }>;
};

function summaryMarkdown(s: Summary): string {
  const rows = s.subnets
    .map(
      r =>
        `| ${r.az} | ${r.public} | ${r.private} | ${r.database} | ${r.intra} |`,
    )
    .join('\n');
  const checks = s.policies.map(
    p => `- ${p.passed ? 'pass' : 'FAIL'} ${p.id}: ${p.message}`,
  );
  return [
    `**${s.name}** (${s.tier}) in ${s.account}, ${s.region}: VPC \`${s.vpcCidr}\`, ` +
      `estimated **$${s.monthlyCostUsd.toFixed(2)}/month**.`,
    '',
    '| AZ | public | private | database | intra |',
    '| --- | --- | --- | --- | --- |',
    rows,
    '',
    ...checks,
  ].join('\n');
}
