# AWS side of External Secrets (stage 1): the operator's Pod Identity role. The chart and the
# stores are stage 2. The caller passes the platform prefix (<environment>/platform/*): every
# SecretStore without an identity of its own reads with this role, so it must reach neither the
# services' secrets nor the database master secret (an RDS-managed rds!... secret).
locals {
  namespace       = "external-secrets"
  service_account = "external-secrets"
  role_name       = "${var.cluster_name}-external-secrets"
}

data "aws_iam_policy_document" "trust" {
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
resource "aws_iam_role" "this" {
  name                 = local.role_name
  path                 = "/platform/workloads/"
  permissions_boundary = var.permissions_boundary_arn
  assume_role_policy   = data.aws_iam_policy_document.trust.json
  tags                 = var.tags
}

data "aws_iam_policy_document" "read" {
  statement {
    sid = "ReadEnvironmentSecrets"
    actions = [
      "secretsmanager:GetSecretValue",
      "secretsmanager:DescribeSecret",
      "secretsmanager:ListSecretVersionIds",
      "secretsmanager:GetResourcePolicy",
    ]
    resources = var.secret_arns
  }

  dynamic "statement" {
    for_each = length(var.kms_key_arns) > 0 ? [1] : []
    content {
      sid       = "DecryptThroughSecretsManager"
      actions   = ["kms:Decrypt"]
      resources = var.kms_key_arns
      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["secretsmanager.${var.region}.amazonaws.com"]
      }
    }
  }
}

resource "aws_iam_role_policy" "read" {
  name   = "read-environment-secrets"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.read.json
}

# The chart's service account; no role-ARN annotation needed.
resource "aws_eks_pod_identity_association" "this" {
  cluster_name    = var.cluster_name
  namespace       = local.namespace
  service_account = local.service_account
  role_arn        = aws_iam_role.this.arn
  tags            = var.tags
}
