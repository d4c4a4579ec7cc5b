locals {
  # Deterministic names, so stage 2 (EC2NodeClass spec.role, the chart's interruptionQueue)
  # needs no output of this stage. At most 21 (environment name) + 21 characters.
  node_role_name       = "${var.cluster_name}-karpenter-node"
  controller_role_name = "${var.cluster_name}-karpenter-controller"
  queue_name           = "${var.cluster_name}-karpenter"
}

module "karpenter" {
  source  = "terraform-aws-modules/eks/aws//modules/karpenter"
  version = "21.19.0"

  cluster_name = var.cluster_name

  # v21 uses EKS Pod Identity for the controller instead of IRSA: the association binds the
  # chart's service account (namespace karpenter, service account karpenter).
  create_pod_identity_association = true
  namespace                       = var.namespace
  service_account                 = var.service_account

  # Roles and the controller policy under /platform/workloads/ with the workload boundary, as
  # terraform-apply requires (platform-bootstrap stack). The boundary also lets the controller
  # manage the nodes' instance profiles and pass the node role. Explicit names: no name_prefix.
  iam_role_name                     = local.controller_role_name
  iam_role_use_name_prefix          = false
  iam_role_path                     = "/platform/workloads/"
  iam_role_permissions_boundary_arn = var.permissions_boundary_arn
  iam_policy_name                   = local.controller_role_name
  iam_policy_use_name_prefix        = false
  iam_policy_path                   = "/platform/workloads/"

  # Nodes' root volumes are encrypted with the environment key (stage 2 EC2NodeClass kmsKeyID):
  # the controller launches them, so it may use the key and create grants for EC2.
  iam_policy_statements = [
    {
      sid       = "EnvironmentKeyGrants"
      actions   = ["kms:CreateGrant"]
      resources = [var.kms_key_arn]
      condition = [{
        test     = "Bool"
        variable = "kms:GrantIsForAWSResource"
        values   = ["true"]
      }]
    },
    {
      sid       = "EnvironmentKeyVolumes"
      actions   = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"]
      resources = [var.kms_key_arn]
    },
  ]

  # Named as in the module's examples/karpenter, with use_name_prefix off so the name is exact.
  node_iam_role_name                 = local.node_role_name
  node_iam_role_use_name_prefix      = false
  node_iam_role_path                 = "/platform/workloads/"
  node_iam_role_permissions_boundary = var.permissions_boundary_arn
  # The module attaches AmazonEKSWorkerNodePolicy, AmazonEC2ContainerRegistryPullOnly (images
  # from the shared account's ECR, whose repository policies admit this account) and the CNI
  # policy; SSM for session access without SSH.
  node_iam_role_additional_policies = {
    AmazonSSMManagedInstanceCore = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
  }

  # SQS queue + EventBridge rules for Spot interruption and rebalance events.
  enable_spot_termination = true
  queue_name              = local.queue_name

  tags = var.tags
}
