# EKS Pod Identity trust: the agent on the node assumes the role for the pod.
data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole", "sts:TagSession"]
    principals {
      type        = "Service"
      identifiers = ["pods.eks.amazonaws.com"]
    }
  }
}

locals {
  attachments = merge([
    for role, cfg in var.roles : {
      for arn in cfg.policy_arns : "${role}:${arn}" => { role = role, arn = arn }
    }
  ]...)
}

# Path and boundary: terraform-apply creates roles only under /platform/workloads/ and only
# with the workload boundary (platform-bootstrap stack), which also caps what a workload may do.
resource "aws_iam_role" "this" {
  for_each             = var.roles
  name                 = "${var.cluster_name}-${each.key}"
  path                 = "/platform/workloads/"
  permissions_boundary = var.permissions_boundary_arn
  assume_role_policy   = data.aws_iam_policy_document.trust.json
  tags                 = var.tags
}

resource "aws_iam_role_policy_attachment" "this" {
  for_each   = local.attachments
  role       = aws_iam_role.this[each.value.role].name
  policy_arn = each.value.arn
}

resource "aws_iam_role_policy" "inline" {
  for_each = { for k, v in var.roles : k => v if v.policy_json != null }
  name     = "inline"
  role     = aws_iam_role.this[each.key].id
  policy   = each.value.policy_json
}

resource "aws_eks_pod_identity_association" "this" {
  for_each        = var.roles
  cluster_name    = var.cluster_name
  namespace       = each.value.namespace
  service_account = each.value.service_account
  role_arn        = aws_iam_role.this[each.key].arn
  tags            = var.tags
}
