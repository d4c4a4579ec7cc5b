locals {
  ebs_csi_service_account = "ebs-csi-controller-sa"
  ebs_csi_role_name       = "${var.name}-ebs-csi"
}

# Pod Identity role of the EBS CSI controller (kube-system/ebs-csi-controller-sa); the add-on
# itself creates the association (addons.aws-ebs-csi-driver.pod_identity_association).
data "aws_iam_policy_document" "pod_identity_trust" {
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
resource "aws_iam_role" "ebs_csi" {
  name                 = local.ebs_csi_role_name
  path                 = "/platform/workloads/"
  permissions_boundary = var.permissions_boundary_arn
  assume_role_policy   = data.aws_iam_policy_document.pod_identity_trust.json
  tags                 = var.tags
}

resource "aws_iam_role_policy_attachment" "ebs_csi" {
  role       = aws_iam_role.ebs_csi.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"
}

# Volumes of the default StorageClass are encrypted with the environment key: the driver
# creates them and lets EC2 use the key through grants.
data "aws_iam_policy_document" "ebs_csi_kms" {
  statement {
    sid       = "GrantsForAttachedVolumes"
    actions   = ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"]
    resources = [var.kms_key_arn]
    condition {
      test     = "Bool"
      variable = "kms:GrantIsForAWSResource"
      values   = ["true"]
    }
  }

  statement {
    sid = "EncryptVolumes"
    actions = [
      "kms:Encrypt",
      "kms:Decrypt",
      "kms:ReEncrypt*",
      "kms:GenerateDataKey*",
      "kms:DescribeKey",
    ]
    resources = [var.kms_key_arn]
  }
}

resource "aws_iam_role_policy" "ebs_csi_kms" {
  name   = "environment-key"
  role   = aws_iam_role.ebs_csi.id
  policy = data.aws_iam_policy_document.ebs_csi_kms.json
}
