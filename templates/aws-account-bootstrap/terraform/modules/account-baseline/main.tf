data "aws_caller_identity" "current" {}
data "aws_region" "current" {}
data "aws_partition" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  # The region name: `name` is deprecated in hashicorp/aws 6.x, `id` holds it in 5.x and 6.x.
  region    = data.aws_region.current.id
  partition = data.aws_partition.current.partition
  is_home   = local.region == var.home_region

  trail_name = "${var.name_prefix}-trail"
  # Known before the trail exists, so the bucket and key policies need no reference to it.
  trail_arn = "arn:${local.partition}:cloudtrail:${var.home_region}:${local.account_id}:trail/${local.trail_name}"

  # IAM is global: the role may come from this root or from the home region's.
  config_role_arn      = "arn:${local.partition}:iam::${local.account_id}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"
  autoscaling_role_arn = "arn:${local.partition}:iam::${local.account_id}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling"

  buckets = merge(
    var.enable_config ? {
      config = "${var.name_prefix}-config-${local.account_id}-${local.region}"
    } : {},
    var.enable_cloudtrail && local.is_home ? {
      cloudtrail = "${var.name_prefix}-cloudtrail-${local.account_id}"
    } : {},
  )
}
