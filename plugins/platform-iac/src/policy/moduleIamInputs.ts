/**
 * Which inputs of each pinned registry module (data/terraform-module-inputs.json) place the IAM
 * roles, policies and instance profiles it creates. Read from the modules' sources at the pinned
 * versions; a test checks every name against the catalog.
 */
export interface ModuleIamInputs {
  /** Inputs that must be the workload permissions boundary. */
  boundary: string[];
  /** Inputs that must be `"/platform/workloads/"`. */
  path: string[];
  /** Map inputs whose every entry may create a role: each entry sets these keys. */
  entries?: Array<{ input: string; boundary: string; path: string }>;
  /** When any of `inputs` is set, these inputs are required as well. */
  whenSet?: { inputs: string[]; boundary: string[]; path: string[] };
  /** Inputs that must not be `true`: the module would create IAM it cannot place under the path. */
  mustNotBeTrue?: string[];
}

const NODE_GROUP_ENTRY = {
  boundary: 'iam_role_permissions_boundary',
  path: 'iam_role_path',
};

export const MODULE_IAM_INPUTS: Record<string, ModuleIamInputs> = {
  // Its flow-log role comes with an IAM policy that has no path input.
  'terraform-aws-modules/vpc/aws': {
    boundary: [],
    path: [],
    mustNotBeTrue: ['create_flow_log_cloudwatch_iam_role'],
  },
  'terraform-aws-modules/vpc/aws//modules/vpc-endpoints': {
    boundary: [],
    path: [],
  },
  'terraform-aws-modules/eks/aws': {
    boundary: ['iam_role_permissions_boundary'],
    path: ['iam_role_path', 'encryption_policy_path'],
    entries: [
      { input: 'eks_managed_node_groups', ...NODE_GROUP_ENTRY },
      { input: 'self_managed_node_groups', ...NODE_GROUP_ENTRY },
      { input: 'fargate_profiles', ...NODE_GROUP_ENTRY },
    ],
    // EKS Auto Mode's node role.
    whenSet: {
      inputs: ['compute_config', 'create_auto_mode_iam_resources'],
      boundary: ['node_iam_role_permissions_boundary'],
      path: ['node_iam_role_path'],
    },
    // A fixed-name policy with no path input.
    mustNotBeTrue: ['create_cni_ipv6_iam_policy'],
  },
  'terraform-aws-modules/eks/aws//modules/karpenter': {
    boundary: [
      'iam_role_permissions_boundary_arn',
      'node_iam_role_permissions_boundary',
    ],
    path: ['iam_role_path', 'iam_policy_path', 'node_iam_role_path'],
  },
  'terraform-aws-modules/eks/aws//modules/eks-managed-node-group': {
    boundary: ['iam_role_permissions_boundary'],
    path: ['iam_role_path'],
  },
  // The enhanced-monitoring role.
  'terraform-aws-modules/rds-aurora/aws': {
    boundary: ['iam_role_permissions_boundary'],
    path: ['iam_role_path'],
  },
  // Its enhanced-monitoring role has no path input.
  'terraform-aws-modules/rds/aws': {
    boundary: [],
    path: [],
    mustNotBeTrue: ['create_monitoring_role'],
  },
  'terraform-aws-modules/iam/aws//modules/iam-role-for-service-accounts': {
    boundary: ['permissions_boundary'],
    path: ['path', 'policy_path'],
  },
};

/** Every top-level input the table names, for checking against the catalog. */
export function namedInputs(rule: ModuleIamInputs): string[] {
  return [
    ...rule.boundary,
    ...rule.path,
    ...(rule.entries ?? []).map(e => e.input),
    ...(rule.whenSet
      ? [...rule.whenSet.inputs, ...rule.whenSet.boundary, ...rule.whenSet.path]
      : []),
    ...(rule.mustNotBeTrue ?? []),
  ];
}
