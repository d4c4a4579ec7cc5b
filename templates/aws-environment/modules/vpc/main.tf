module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "6.6.0"

  name = var.name
  cidr = var.cidr
  azs  = var.azs

  public_subnets   = var.public_subnets
  private_subnets  = var.private_subnets
  database_subnets = var.database_subnets
  intra_subnets    = var.intra_subnets

  enable_dns_hostnames = true
  enable_dns_support   = true

  # One NAT per AZ keeps egress alive when an AZ fails; single NAT is a dev/staging saving.
  enable_nat_gateway     = true
  single_nat_gateway     = var.single_nat_gateway
  one_nat_gateway_per_az = !var.single_nat_gateway

  create_database_subnet_group       = true
  create_database_subnet_route_table = true

  # Dedicated network ACLs per subnet tier (nacl.tf) instead of the allow-all default ACL.
  public_dedicated_network_acl   = true
  public_inbound_acl_rules       = local.public_inbound_acl_rules
  public_outbound_acl_rules      = local.allow_all_outbound
  private_dedicated_network_acl  = true
  private_inbound_acl_rules      = local.private_inbound_acl_rules
  private_outbound_acl_rules     = local.allow_all_outbound
  database_dedicated_network_acl = true
  database_inbound_acl_rules     = local.database_inbound_acl_rules
  database_outbound_acl_rules    = local.database_outbound_acl_rules
  intra_dedicated_network_acl    = true
  intra_inbound_acl_rules        = local.vpc_only_acl_rules
  intra_outbound_acl_rules       = local.vpc_only_acl_rules

  enable_flow_log                      = true
  create_flow_log_cloudwatch_log_group = true
  # The module's own delivery role comes with an IAM policy outside /platform/workloads/,
  # which terraform-apply may not create: the role below is used instead.
  create_flow_log_cloudwatch_iam_role             = false
  flow_log_cloudwatch_iam_role_arn                = aws_iam_role.flow_log.arn
  flow_log_max_aggregation_interval               = 60
  flow_log_cloudwatch_log_group_retention_in_days = var.flow_log_retention_days
  flow_log_cloudwatch_log_group_kms_key_id        = var.kms_key_arn

  public_subnet_tags = {
    "kubernetes.io/role/elb" = "1"
  }

  # Karpenter discovers node subnets by this tag.
  private_subnet_tags = {
    "kubernetes.io/role/internal-elb" = "1"
    "karpenter.sh/discovery"          = var.cluster_name
  }

  tags = var.tags
}

data "aws_caller_identity" "current" {}

data "aws_iam_policy_document" "flow_log_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["vpc-flow-logs.amazonaws.com"]
    }

    # Only flow logs of this account may use the role (confused deputy).
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

# Path and boundary: terraform-apply creates roles only under /platform/workloads/ and only
# with the workload boundary (platform-bootstrap stack).
resource "aws_iam_role" "flow_log" {
  name                 = "${var.name}-vpc-flow-log"
  path                 = "/platform/workloads/"
  permissions_boundary = var.permissions_boundary_arn
  assume_role_policy   = data.aws_iam_policy_document.flow_log_assume.json
  tags                 = var.tags
}

data "aws_iam_policy_document" "flow_log" {
  statement {
    actions = [
      "logs:CreateLogStream",
      "logs:PutLogEvents",
      "logs:DescribeLogGroups",
      "logs:DescribeLogStreams",
    ]
    resources = ["${module.vpc.vpc_flow_log_destination_arn}:*"]
  }
}

resource "aws_iam_role_policy" "flow_log" {
  name   = "flow-log-delivery"
  role   = aws_iam_role.flow_log.id
  policy = data.aws_iam_policy_document.flow_log.json
}

resource "aws_security_group" "endpoints" {
  name_prefix = "${var.name}-vpce-"
  description = "HTTPS from the VPC to interface endpoints"
  vpc_id      = module.vpc.vpc_id
  tags        = var.tags

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "endpoints_https" {
  security_group_id = aws_security_group.endpoints.id
  description       = "HTTPS from the VPC"
  cidr_ipv4         = var.cidr
  from_port         = 443
  to_port           = 443
  ip_protocol       = "tcp"
}

module "vpc_endpoints" {
  source  = "terraform-aws-modules/vpc/aws//modules/vpc-endpoints"
  version = "6.6.0"

  vpc_id             = module.vpc.vpc_id
  security_group_ids = [aws_security_group.endpoints.id]

  endpoints = {
    # Gateway endpoint: S3 traffic (ECR layers, backups) skips the NAT gateways.
    s3 = {
      service         = "s3"
      service_type    = "Gateway"
      route_table_ids = concat(module.vpc.private_route_table_ids, module.vpc.intra_route_table_ids)
      tags            = { Name = "${var.name}-s3" }
    }
    secretsmanager = {
      service             = "secretsmanager"
      private_dns_enabled = true
      subnet_ids          = module.vpc.private_subnets
      tags                = { Name = "${var.name}-secretsmanager" }
    }
  }

  tags = var.tags
}
