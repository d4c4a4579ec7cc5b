data "aws_caller_identity" "current" {}
data "aws_region" "current" {}
data "aws_partition" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  # The region name: `name` is deprecated in hashicorp/aws 6.x, `id` holds it in 5.x and 6.x.
  region    = data.aws_region.current.id
  partition = data.aws_partition.current.partition

  volume_role_names = coalesce(var.volume_role_names, [
    "${var.name}-karpenter-node",
    "${var.name}-karpenter-controller",
    "${var.name}-ebs-csi",
  ])
  volume_role_arns = concat(
    [for r in local.volume_role_names : "arn:${local.partition}:iam::${local.account_id}:role/platform/workloads/${r}"],
    ["arn:${local.partition}:iam::${local.account_id}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling"],
  )
  # Services that use the key on behalf of a caller of this account.
  via_services = [for s in ["ec2", "rds", "secretsmanager", "sns"] : "${s}.${local.region}.amazonaws.com"]
}

# Customer managed key for the environment's data: logs, alarm topic, volumes, database, secrets.
resource "aws_kms_key" "main" {
  description             = "${var.name} environment data"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = data.aws_iam_policy_document.kms.json
  tags                    = var.tags
}

resource "aws_kms_alias" "main" {
  name          = "alias/${var.name}"
  target_key_id = aws_kms_key.main.key_id
}

data "aws_iam_policy_document" "kms" {
  statement {
    sid       = "AccountAdministration"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account_id}:root"]
    }
  }

  statement {
    sid       = "CloudWatchLogs"
    actions   = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["logs.${local.region}.amazonaws.com"]
    }
    condition {
      test     = "ArnLike"
      variable = "kms:EncryptionContext:aws:logs:arn"
      values   = ["arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:*"]
    }
  }

  # CloudWatch alarms publish to the encrypted SNS topic: without this the alarms are dropped.
  statement {
    sid       = "CloudWatchAlarmsToSns"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey*"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }

  # EBS, RDS/Aurora, Secrets Manager and SNS use the key for callers of this account only.
  statement {
    sid = "AwsServicesInThisAccount"
    actions = [
      "kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*",
      "kms:CreateGrant", "kms:ListGrants", "kms:DescribeKey",
    ]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "StringEquals"
      variable = "kms:CallerAccount"
      values   = [local.account_id]
    }
    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = local.via_services
    }
  }

  # Karpenter (controller and nodes), the EBS CSI driver and Auto Scaling (managed node groups)
  # create and attach encrypted volumes. Matched by aws:PrincipalArn: the roles are created after
  # the key, and KMS rejects a policy whose Principal names a role that does not exist.
  statement {
    sid       = "VolumeRoles"
    actions   = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "ArnEquals"
      variable = "aws:PrincipalArn"
      values   = local.volume_role_arns
    }
  }

  statement {
    sid       = "VolumeRoleGrants"
    actions   = ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "ArnEquals"
      variable = "aws:PrincipalArn"
      values   = local.volume_role_arns
    }
    condition {
      test     = "Bool"
      variable = "kms:GrantIsForAWSResource"
      values   = ["true"]
    }
  }
}
