import type { PolicyResult } from '../../types';
import { address, dataSources, resources, TfFile } from '../environmentFiles';
import { parseHclBody } from '../hclBody';
import { result } from '../requestChecks';

const KUBERNETES_PROVIDERS = ['kubernetes', 'helm', 'kubectl'];
const KUBERNETES_TYPE = /^(kubernetes|helm|kubectl)_/;

/** What in one stage-1 file needs a Kubernetes API: provider blocks, requirements, resources. */
function kubernetesUses(file: TfFile): string[] {
  const found: string[] = [];
  for (const block of file.body.blocks) {
    if (
      block.type === 'provider' &&
      KUBERNETES_PROVIDERS.includes(block.labels[0])
    ) {
      found.push(`provider "${block.labels[0]}"`);
    }
    if (block.type === 'terraform') {
      for (const inner of parseHclBody(block.body).blocks) {
        if (inner.type !== 'required_providers') continue;
        for (const [name, value] of parseHclBody(inner.body).attributes) {
          const source = /source\s*[=:]\s*"([^"]+)"/.exec(value)?.[1] ?? '';
          const provider = source.split('/').pop() ?? '';
          if (
            KUBERNETES_PROVIDERS.includes(name) ||
            KUBERNETES_PROVIDERS.includes(provider)
          ) {
            found.push(`required_providers.${name}`);
          }
        }
      }
    }
  }
  const k8s = [
    ...resources([file], KUBERNETES_TYPE),
    ...dataSources([file], KUBERNETES_TYPE),
  ];
  return [...found, ...k8s.map(address)];
}

/**
 * `stage1-aws-only` (A1, A2): stage 1 is planned on an empty account by a runner without network
 * access to the cluster, so neither the root nor the local modules it calls may use the
 * kubernetes, helm or kubectl providers.
 */
export function stageOneAwsOnly(tf: TfFile[]): PolicyResult {
  const uses = tf.flatMap(file =>
    kubernetesUses(file).map(u => `${file.path}: ${u}`),
  );
  return result(
    'stage1-aws-only',
    'error',
    uses.length === 0,
    'stage 1 holds AWS resources only (no kubernetes/helm/kubectl provider or resource)',
    `stage1-aws-only: stage 1 must not use the kubernetes/helm/kubectl providers (delivered by Argo CD in stage 2): ${uses.join(
      '; ',
    )}`,
  );
}

/**
 * Resources that exist once per account and region (or once per account): a second environment
 * in the same account fails to create them, and destroying one environment would remove them for
 * all. They belong to the account baseline (`accounts/<account>/<region>/`).
 */
const ONCE_PER_ACCOUNT: RegExp[] = [
  /^aws_guardduty_/,
  /^aws_securityhub_/,
  /^aws_config_configuration_recorder(_status)?$/,
  /^aws_config_delivery_channel$/,
  /^aws_config_retention_configuration$/,
  /^aws_cloudtrail$/,
  /^aws_cloudtrail_organization_delegated_admin_account$/,
  /^aws_ebs_encryption_by_default$/,
  /^aws_ebs_default_kms_key$/,
  /^aws_accessanalyzer_/,
  /^aws_iam_service_linked_role$/,
  /^aws_iam_account_password_policy$/,
  /^aws_iam_account_alias$/,
  /^aws_s3_account_public_access_block$/,
  /^aws_macie2_account$/,
  /^aws_inspector2_enabler$/,
  /^aws_detective_graph$/,
];

/** `no-once-per-account-resources` (A5). */
export function noOncePerAccountResources(tf: TfFile[]): PolicyResult {
  const found = resources(tf).filter(r =>
    ONCE_PER_ACCOUNT.some(p => p.test(r.block.labels[0])),
  );
  const listed = found.map(r => `${r.file.path}: ${address(r)}`);
  return result(
    'no-once-per-account-resources',
    'error',
    found.length === 0,
    'no once-per-account resource (GuardDuty, Security Hub, Config, CloudTrail, EBS default encryption, Access Analyzer, service-linked roles) in the environment',
    `no-once-per-account-resources: these belong to the account baseline, not an environment (a second environment in the account fails): ${listed.join(
      '; ',
    )}`,
  );
}
