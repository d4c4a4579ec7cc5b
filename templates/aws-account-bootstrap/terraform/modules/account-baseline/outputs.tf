output "logs_kms_key_arn" {
  description = "KMS key of the Config snapshots and CloudTrail logs."
  value       = aws_kms_key.logs.arn
}

output "ebs_kms_key_arn" {
  description = "Default KMS key of EBS encryption in this region."
  value       = aws_kms_key.ebs.arn
}

output "config_bucket" {
  description = "Bucket of the AWS Config snapshots, null when Config is off."
  value       = try(aws_s3_bucket.logs["config"].bucket, null)
}

output "cloudtrail_bucket" {
  description = "Bucket of the CloudTrail logs, null outside the home region."
  value       = try(aws_s3_bucket.logs["cloudtrail"].bucket, null)
}

output "guardduty_detector_id" {
  description = "GuardDuty detector, null when GuardDuty is off."
  value       = try(aws_guardduty_detector.this[0].id, null)
}

output "excluded" {
  description = "The parts switched off in this root (organisation-managed or missing at the endpoint)."
  value = [for k, on in {
    guardduty                 = var.enable_guardduty
    guardduty_features        = var.enable_guardduty && length(var.guardduty_features) > 0
    security_hub              = var.enable_security_hub
    security_hub_standards    = var.enable_security_hub && length(var.security_hub_standards) > 0
    config                    = var.enable_config
    cloudtrail                = var.enable_cloudtrail
    ebs_encryption_by_default = var.enable_ebs_encryption_by_default
    access_analyzer           = var.enable_access_analyzer
  } : k if !on]
}
