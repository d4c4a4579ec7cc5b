module "karpenter" {
  source  = "terraform-aws-modules/eks/aws//modules/karpenter"
  version = "21.19.0"

  cluster_name                  = module.eks.cluster_name
  iam_role_name                 = "${var.name}-karpenter-controller"
  iam_role_use_name_prefix      = false
  iam_policy_name               = "${var.name}-karpenter-controller"
  iam_policy_use_name_prefix    = false
  node_iam_role_name            = "${var.name}-karpenter-node"
  node_iam_role_use_name_prefix = false
  queue_name                    = "${var.name}-karpenter"
}
