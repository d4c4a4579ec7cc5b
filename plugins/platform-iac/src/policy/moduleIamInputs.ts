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

/**
 * An IAM role a pinned registry module creates and the inputs that name it (read from the
 * modules' main.tf and variables.tf at the pinned versions). With `prefix` true (or unset and
 * `prefixDefault` true) the module uses `name_prefix`, which IAM limits to 38 characters.
 */
export interface ModuleRoleName {
  role: string;
  /** A managed policy (128 characters) rather than a role (64). */
  policy?: boolean;
  /** Input holding the explicit name. */
  name: string;
  /** Input turning the name into a prefix, and its upstream default. */
  prefix: string;
  prefixDefault: boolean;
  /** The name the module uses when `name` is unset: a template over its other inputs. */
  fallback: string;
  /** Input that switches the role off, and its upstream default. */
  create?: { input: string; default: boolean };
  /** The role exists only when one of these inputs is set (e.g. monitoring intervals). */
  onlyWhenSet?: string[];
}

export const MODULE_ROLE_NAMES: Record<string, ModuleRoleName[]> = {
  'terraform-aws-modules/vpc/aws': [
    {
      role: 'flow log',
      name: 'vpc_flow_log_iam_role_name',
      prefix: 'vpc_flow_log_iam_role_use_name_prefix',
      prefixDefault: true,
      fallback: '"vpc-flow-log-role"',
      create: { input: 'create_flow_log_cloudwatch_iam_role', default: false },
    },
  ],
  'terraform-aws-modules/eks/aws': [
    {
      role: 'cluster',
      name: 'iam_role_name',
      prefix: 'iam_role_use_name_prefix',
      prefixDefault: true,
      fallback: '"${name}-cluster"',
      create: { input: 'create_iam_role', default: true },
    },
    {
      role: 'cluster encryption policy',
      policy: true,
      name: 'encryption_policy_name',
      prefix: 'encryption_policy_use_name_prefix',
      prefixDefault: true,
      fallback: '"${name}-cluster-ClusterEncryption"',
      create: { input: 'attach_encryption_policy', default: true },
    },
    {
      role: 'EKS Auto Mode node',
      name: 'node_iam_role_name',
      prefix: 'node_iam_role_use_name_prefix',
      prefixDefault: true,
      fallback: '"${name}-eks-auto"',
      onlyWhenSet: ['compute_config', 'create_auto_mode_iam_resources'],
    },
  ],
  'terraform-aws-modules/eks/aws//modules/eks-managed-node-group': [
    {
      role: 'node group',
      name: 'iam_role_name',
      prefix: 'iam_role_use_name_prefix',
      prefixDefault: true,
      fallback: '"${name}-eks-node-group"',
      create: { input: 'create_iam_role', default: true },
    },
  ],
  'terraform-aws-modules/eks/aws//modules/karpenter': [
    {
      role: 'controller',
      name: 'iam_role_name',
      prefix: 'iam_role_use_name_prefix',
      prefixDefault: true,
      fallback: '"KarpenterController"',
      create: { input: 'create_iam_role', default: true },
    },
    {
      role: 'controller policy',
      policy: true,
      name: 'iam_policy_name',
      prefix: 'iam_policy_use_name_prefix',
      prefixDefault: true,
      fallback: '"KarpenterController"',
      create: { input: 'create_iam_role', default: true },
    },
    {
      role: 'node',
      name: 'node_iam_role_name',
      prefix: 'node_iam_role_use_name_prefix',
      prefixDefault: true,
      fallback: '"Karpenter-${cluster_name}"',
      create: { input: 'create_node_iam_role', default: true },
    },
  ],
  'terraform-aws-modules/rds-aurora/aws': [
    {
      role: 'enhanced monitoring',
      name: 'iam_role_name',
      prefix: 'iam_role_use_name_prefix',
      prefixDefault: false,
      fallback: '"${name}-monitor"',
      create: { input: 'create_monitoring_role', default: true },
      onlyWhenSet: ['cluster_monitoring_interval', 'monitoring_interval'],
    },
  ],
  'terraform-aws-modules/rds/aws': [
    {
      role: 'enhanced monitoring',
      name: 'monitoring_role_name',
      prefix: 'monitoring_role_use_name_prefix',
      prefixDefault: false,
      fallback: '"rds-monitoring-role"',
      create: { input: 'create_monitoring_role', default: false },
    },
  ],
  'terraform-aws-modules/iam/aws//modules/iam-role-for-service-accounts': [
    {
      role: 'service account',
      name: 'name',
      prefix: 'use_name_prefix',
      prefixDefault: true,
      fallback: '""',
      create: { input: 'create', default: true },
    },
  ],
};

/** Map inputs of the eks module whose every entry is a node group with its own role. */
export const NODE_GROUP_MAP_INPUTS = ['eks_managed_node_groups'];
