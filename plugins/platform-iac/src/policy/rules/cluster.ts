import type { PolicyResult } from '../../types';
import {
  argumentsOf,
  listStrings,
  Located,
  registryModules,
  resources,
  TfFile,
} from '../environmentFiles';
import { objectEntries } from '../hclBody';
import { result } from '../requestChecks';

const EKS = 'terraform-aws-modules/eks/aws';
export const CONTROL_PLANE_LOG_TYPES = [
  'api',
  'audit',
  'authenticator',
  'controllerManager',
  'scheduler',
];

const isSet = (value: string | undefined) =>
  value !== undefined && value !== 'null' && value !== '""';

/** A log group for the control plane (`/aws/eks/<cluster>/cluster`) encrypted with a key. */
function encryptedControlPlaneLogGroup(tf: TfFile[]): boolean {
  return resources(tf, 'aws_cloudwatch_log_group').some(({ block }) => {
    const args = argumentsOf(block).attributes;
    return (
      /\/aws\/eks\//.test(args.get('name') ?? '') &&
      isSet(args.get('kms_key_id'))
    );
  });
}

function moduleLogProblems(tf: TfFile[], { file, block }: Located): string[] {
  const args = argumentsOf(block).attributes;
  const at = `${file.path}: module.${block.labels[0]}`;
  const types = listStrings(args.get('enabled_log_types'));
  const missing = CONTROL_PLANE_LOG_TYPES.filter(t => !types.includes(t));
  const problems = missing.length
    ? [
        `${at} enabled_log_types lacks ${missing.join(', ')}${
          args.has('enabled_log_types')
            ? ''
            : ' (module default: api, audit, authenticator)'
        }`,
      ]
    : [];
  const ownGroup = args.get('create_cloudwatch_log_group') !== 'false';
  const encrypted = ownGroup
    ? isSet(args.get('cloudwatch_log_group_kms_key_id'))
    : encryptedControlPlaneLogGroup(tf);
  if (!encrypted) {
    problems.push(
      `${at} control-plane log group has no KMS key (cloudwatch_log_group_kms_key_id)`,
    );
  }
  return problems;
}

function resourceLogProblems(tf: TfFile[], { file, block }: Located): string[] {
  const types = listStrings(
    argumentsOf(block).attributes.get('enabled_cluster_log_types'),
  );
  const missing = CONTROL_PLANE_LOG_TYPES.filter(t => !types.includes(t));
  const at = `${file.path}: aws_eks_cluster.${block.labels[1]}`;
  return [
    ...(missing.length
      ? [`${at} enabled_cluster_log_types lacks ${missing.join(', ')}`]
      : []),
    ...(encryptedControlPlaneLogGroup(tf)
      ? []
      : [`${at} has no KMS-encrypted /aws/eks/ log group`]),
  ];
}

/** `control-plane-logs`: all five EKS control-plane log types, into a KMS-encrypted log group. */
export function controlPlaneLogs(tf: TfFile[]): PolicyResult {
  const modules = registryModules(tf, EKS);
  const clusters = resources(tf, 'aws_eks_cluster');
  const problems =
    modules.length + clusters.length === 0
      ? ['no EKS cluster in stage 1']
      : [
          ...modules.flatMap(m => moduleLogProblems(tf, m)),
          ...clusters.flatMap(c => resourceLogProblems(tf, c)),
        ];
  return result(
    'control-plane-logs',
    'error',
    problems.length === 0,
    `EKS logs ${CONTROL_PLANE_LOG_TYPES.join(
      ', ',
    )} to a KMS-encrypted log group`,
    `control-plane-logs: ${problems.join('; ')}`,
  );
}

/** The add-ons of the cluster: `addons` entries of the eks module and `aws_eks_addon` resources. */
function addons(
  tf: TfFile[],
): Array<{ name: string; args: Map<string, string>; at: string }> {
  const fromModule = registryModules(tf, EKS).flatMap(({ file, block }) =>
    [...objectEntries(argumentsOf(block).attributes.get('addons') ?? '')].map(
      ([name, entry]) => ({
        name,
        args: objectEntries(entry),
        at: `${file.path}: module.${block.labels[0]} addons.${name}`,
      }),
    ),
  );
  const fromResources = resources(tf, 'aws_eks_addon').map(
    ({ file, block }) => {
      const args = argumentsOf(block).attributes;
      return {
        name: (args.get('addon_name') ?? '').replace(/"/g, ''),
        args,
        at: `${file.path}: aws_eks_addon.${block.labels[1]}`,
      };
    },
  );
  return [...fromModule, ...fromResources];
}

/** Where the cluster is declared, for messages about what it lacks. */
function clusterAt(tf: TfFile[]): string {
  const [eks] = [
    ...registryModules(tf, EKS),
    ...resources(tf, 'aws_eks_cluster'),
  ];
  if (!eks) return 'stage 1 has no EKS cluster:';
  const { file, block } = eks;
  return `${file.path}: ${
    block.type === 'module' ? 'module.' : ''
  }${block.labels.join('.')}`;
}

/** `vpc-cni-network-policy`: the VPC CNI add-on enforces Kubernetes NetworkPolicy. */
export function vpcCniNetworkPolicy(tf: TfFile[]): PolicyResult {
  const cni = addons(tf).filter(a => a.name === 'vpc-cni');
  const enforced = cni.filter(a =>
    /enableNetworkPolicy"?\s*[=:]\s*\\?"?true/.test(
      a.args.get('configuration_values') ?? '',
    ),
  );
  return result(
    'vpc-cni-network-policy',
    'error',
    cni.length > 0 && enforced.length === cni.length,
    'the VPC CNI add-on enforces NetworkPolicy (enableNetworkPolicy = "true")',
    cni.length === 0
      ? `vpc-cni-network-policy: ${clusterAt(tf)} has no vpc-cni add-on`
      : `vpc-cni-network-policy: ${cni
          .filter(a => !enforced.includes(a))
          .map(a => a.at)
          .join(
            '; ',
          )} must set configuration_values = jsonencode({ enableNetworkPolicy = "true" })`,
  );
}

/**
 * `ebs-csi-addon` (A4): the EBS CSI driver is an EKS add-on of stage 1 with an identity
 * (Pod Identity for kube-system/ebs-csi-controller-sa, or a role ARN), so the default gp3
 * StorageClass of stage 2 has a provisioner.
 */
export function ebsCsiAddon(tf: TfFile[]): PolicyResult {
  const csi = addons(tf).filter(a => a.name === 'aws-ebs-csi-driver');
  const text = tf.map(f => f.text).join('\n');
  const podIdentity =
    /ebs-csi-controller-sa/.test(text) &&
    resources(tf, 'aws_eks_pod_identity_association').length +
      csi.filter(a => a.args.has('pod_identity_association')).length >
      0;
  const identity =
    podIdentity || csi.some(a => isSet(a.args.get('service_account_role_arn')));
  return result(
    'ebs-csi-addon',
    'error',
    csi.length > 0 && identity,
    'the EBS CSI driver is an EKS add-on with its own identity',
    csi.length === 0
      ? `ebs-csi-addon: ${clusterAt(
          tf,
        )} has no aws-ebs-csi-driver add-on (PersistentVolumeClaims stay Pending)`
      : `ebs-csi-addon: ${csi[0].at} has no identity: a Pod Identity association for kube-system/ebs-csi-controller-sa or service_account_role_arn`,
  );
}
