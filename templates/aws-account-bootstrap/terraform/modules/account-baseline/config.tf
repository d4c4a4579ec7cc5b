# AWS Config: one recorder and delivery channel per region, recording with the service-linked
# role. The role is global: created by the root with create_service_linked_roles (the home
# region's), referenced by its fixed ARN everywhere.

resource "aws_iam_service_linked_role" "config" {
  count            = var.enable_config && var.create_service_linked_roles ? 1 : 0
  aws_service_name = "config.amazonaws.com"
  tags             = var.tags
}

resource "aws_config_configuration_recorder" "this" {
  count    = var.enable_config ? 1 : 0
  name     = var.name_prefix
  role_arn = local.config_role_arn

  recording_group {
    all_supported = true
    # IAM and the other global types once per account, in the home region.
    include_global_resource_types = local.is_home
  }

  depends_on = [aws_iam_service_linked_role.config]
}

resource "aws_config_delivery_channel" "this" {
  count          = var.enable_config ? 1 : 0
  name           = var.name_prefix
  s3_bucket_name = aws_s3_bucket.logs["config"].bucket
  s3_kms_key_arn = aws_kms_key.logs.arn

  snapshot_delivery_properties {
    delivery_frequency = "TwentyFour_Hours"
  }

  depends_on = [aws_config_configuration_recorder.this, aws_s3_bucket_policy.logs]
}

resource "aws_config_configuration_recorder_status" "this" {
  count      = var.enable_config ? 1 : 0
  name       = aws_config_configuration_recorder.this[0].name
  is_enabled = true
  depends_on = [aws_config_delivery_channel.this]
}

# CloudTrail: one multi-region trail per account, in the home region's root.
resource "aws_cloudtrail" "this" {
  count                         = var.enable_cloudtrail && local.is_home ? 1 : 0
  name                          = local.trail_name
  s3_bucket_name                = aws_s3_bucket.logs["cloudtrail"].id
  kms_key_id                    = aws_kms_key.logs.arn
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true
  enable_logging                = true
  tags                          = var.tags

  depends_on = [aws_s3_bucket_policy.logs]
}
