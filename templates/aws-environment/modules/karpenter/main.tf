locals {
  service_account = "karpenter"
  # Deterministic so the EC2NodeClass manifests can reference it by name.
  node_role_name = "${var.cluster_name}-karpenter-node"
}

module "karpenter" {
  source  = "terraform-aws-modules/eks/aws//modules/karpenter"
  version = "21.19.0"

  cluster_name = var.cluster_name

  # v21 uses EKS Pod Identity for the controller instead of IRSA.
  create_pod_identity_association = true
  namespace                       = var.namespace
  service_account                 = local.service_account

  # Roles and the controller policy under /platform/workloads/ with the workload boundary, as
  # terraform-apply requires (platform-bootstrap stack). The boundary also lets the controller
  # manage the nodes' instance profiles and pass the node role.
  iam_role_path                     = "/platform/workloads/"
  iam_role_permissions_boundary_arn = var.permissions_boundary_arn
  iam_policy_path                   = "/platform/workloads/"

  node_iam_role_name                 = local.node_role_name
  node_iam_role_use_name_prefix      = false
  node_iam_role_path                 = "/platform/workloads/"
  node_iam_role_permissions_boundary = var.permissions_boundary_arn
  node_iam_role_additional_policies = {
    AmazonSSMManagedInstanceCore = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
  }

  # SQS queue + EventBridge rules for Spot interruption and rebalance events.
  enable_spot_termination = true

  tags = var.tags
}

resource "helm_release" "karpenter" {
  name       = "karpenter"
  namespace  = var.namespace
  repository = "oci://public.ecr.aws/karpenter"
  chart      = "karpenter"
  version    = var.chart_version
  wait       = true

  values = [yamlencode({
    serviceAccount = { name = local.service_account }
    settings = {
      clusterName       = var.cluster_name
      clusterEndpoint   = var.cluster_endpoint
      interruptionQueue = module.karpenter.queue_name
    }
    # Run on the tainted core node group, never on nodes Karpenter manages itself.
    nodeSelector = { "workload-class" = "core" }
    tolerations = [{
      key      = "CriticalAddonsOnly"
      operator = "Exists"
      effect   = "NoSchedule"
    }]
    replicas = 2
  })]
}
