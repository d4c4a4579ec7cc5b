output "kms_key_arn" {
  description = "ARN of the environment KMS key (rotation enabled)."
  value       = aws_kms_key.main.arn
}

output "guardduty_detector_id" {
  description = "GuardDuty detector, null when disabled."
  value       = try(aws_guardduty_detector.this[0].id, null)
}

output "config_bucket" {
  description = "Bucket receiving AWS Config snapshots, null when disabled."
  value       = try(aws_s3_bucket.config[0].bucket, null)
}
