# Fixture: a root that creates IAM in every way the policy knows, each one compliant.
locals {
  workload_boundary_arn = "arn:aws:iam::${var.account_id}:policy/platform-bootstrap/platform-workload-boundary"
}

module "app_roles" {
  source = "../../modules/app-roles"

  permissions_boundary_arn = local.workload_boundary_arn
}

module "eks" {
  source  = "terraform-aws-modules/eks/aws"
  version = "21.19.0"

  iam_role_path                 = "/platform/workloads/"
  iam_role_permissions_boundary = local.workload_boundary_arn
  encryption_policy_path        = "/platform/workloads/"
  encryption_config             = { resources = ["secrets"] }

  eks_managed_node_groups = {
    core = {
      instance_types                = ["m7g.large"]
      iam_role_path                 = "/platform/workloads/"
      iam_role_permissions_boundary = "arn:aws:iam::123456789012:policy/platform-bootstrap/platform-workload-boundary"
      labels                        = { "workload-class" = "core" }
    }
  }
}

module "karpenter" {
  source  = "terraform-aws-modules/eks/aws//modules/karpenter"
  version = "21.19.0"

  iam_role_path                      = "/platform/workloads/"
  iam_role_permissions_boundary_arn  = local.workload_boundary_arn
  iam_policy_path                    = "/platform/workloads/"
  node_iam_role_path                 = "/platform/workloads/"
  node_iam_role_permissions_boundary = local.workload_boundary_arn
}

module "irsa" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-role-for-service-accounts"
  version = "6.5.0"

  name                 = "${var.environment}-external-dns"
  path                 = "/platform/workloads/"
  policy_path          = "/platform/workloads/"
  permissions_boundary = local.workload_boundary_arn
}

module "aurora" {
  source  = "terraform-aws-modules/rds-aurora/aws"
  version = "10.2.0"

  iam_role_path                 = "/platform/workloads/"
  iam_role_permissions_boundary = local.workload_boundary_arn
}

module "rds" {
  source  = "terraform-aws-modules/rds/aws"
  version = "7.2.0"

  create_monitoring_role = false
}

module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "6.6.0"

  create_flow_log_cloudwatch_iam_role = false
  flow_log_cloudwatch_iam_role_arn    = aws_iam_role.flow_log.arn
}

resource "aws_iam_role" "flow_log" {
  name_prefix          = "flow-log-"
  path                 = "/platform/workloads/"
  permissions_boundary = local.workload_boundary_arn
  assume_role_policy   = jsonencode({ Statement = [{ Action = "sts:AssumeRole", Effect = "Allow" }] })
}

resource "aws_iam_policy" "reader" {
  name   = "reader"
  path   = "/platform/workloads/"
  policy = jsonencode({ Statement = [{ Action = "s3:GetObject", Effect = "Allow", Resource = "*" }] })
}
