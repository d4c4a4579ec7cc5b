locals {
  controller_namespace       = "kube-system"
  controller_service_account = "aws-load-balancer-controller"
  controller_name            = "${var.cluster_name}-aws-lb-controller"
  partition                  = data.aws_partition.current.partition
  account_id                 = data.aws_caller_identity.current.account_id
  region                     = data.aws_region.current.region
  elb_arn                    = "arn:${local.partition}:elasticloadbalancing:${local.region}:${local.account_id}"
  cluster_tag                = "elbv2.k8s.aws/cluster"
}

data "aws_partition" "current" {}
data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

data "aws_iam_policy_document" "controller_trust" {
  statement {
    actions = ["sts:AssumeRole", "sts:TagSession"]
    principals {
      type        = "Service"
      identifiers = ["pods.eks.amazonaws.com"]
    }
  }
}

# Path and boundary: terraform-apply creates roles only under /platform/workloads/ and only
# with the workload boundary (platform-bootstrap stack).
resource "aws_iam_role" "controller" {
  name                 = local.controller_name
  path                 = "/platform/workloads/"
  permissions_boundary = var.permissions_boundary_arn
  assume_role_policy   = data.aws_iam_policy_document.controller_trust.json
  tags                 = var.tags
}

resource "aws_iam_policy" "controller" {
  name        = local.controller_name
  path        = "/platform/workloads/"
  description = "AWS Load Balancer Controller of ${var.cluster_name}"
  policy      = data.aws_iam_policy_document.controller.json
  tags        = var.tags
}

resource "aws_iam_role_policy_attachment" "controller" {
  role       = aws_iam_role.controller.name
  policy_arn = aws_iam_policy.controller.arn
}

# The chart's service account; no role-ARN annotation needed.
resource "aws_eks_pod_identity_association" "controller" {
  cluster_name    = var.cluster_name
  namespace       = local.controller_namespace
  service_account = local.controller_service_account
  role_arn        = aws_iam_role.controller.arn
  tags            = var.tags
}
