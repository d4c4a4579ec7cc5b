# The once-per-account-and-region security services. Nothing here may ever be created by an
# environment root: the second environment in an account would fail.

resource "aws_guardduty_detector" "this" {
  count                        = var.enable_guardduty ? 1 : 0
  enable                       = true
  finding_publishing_frequency = "FIFTEEN_MINUTES"
  tags                         = var.tags
}

resource "aws_guardduty_detector_feature" "this" {
  for_each    = var.enable_guardduty ? toset(var.guardduty_features) : toset([])
  detector_id = aws_guardduty_detector.this[0].id
  name        = each.value
  status      = "ENABLED"

  # Runtime monitoring of EKS: GuardDuty manages its security agent as an EKS add-on.
  dynamic "additional_configuration" {
    for_each = each.value == "RUNTIME_MONITORING" ? ["EKS_ADDON_MANAGEMENT"] : []
    content {
      name   = additional_configuration.value
      status = "ENABLED"
    }
  }
}

resource "aws_securityhub_account" "this" {
  count                     = var.enable_security_hub ? 1 : 0
  enable_default_standards  = false
  control_finding_generator = "SECURITY_CONTROL"
  auto_enable_controls      = true
}

resource "aws_securityhub_standards_subscription" "this" {
  for_each      = var.enable_security_hub ? toset(var.security_hub_standards) : toset([])
  standards_arn = "arn:${local.partition}:securityhub:${local.region}::${each.value}"
  depends_on    = [aws_securityhub_account.this]
}

resource "aws_accessanalyzer_analyzer" "this" {
  count         = var.enable_access_analyzer ? 1 : 0
  analyzer_name = "${var.name_prefix}-account"
  type          = "ACCOUNT"
  tags          = var.tags
}

resource "aws_ebs_encryption_by_default" "this" {
  count   = var.enable_ebs_encryption_by_default ? 1 : 0
  enabled = true
}

resource "aws_ebs_default_kms_key" "this" {
  count   = var.enable_ebs_encryption_by_default ? 1 : 0
  key_arn = aws_kms_key.ebs.arn
}

# Account-wide (all regions): set once, by the home region's root.
resource "aws_s3_account_public_access_block" "this" {
  count                   = var.enable_s3_account_public_access_block && local.is_home ? 1 : 0
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
