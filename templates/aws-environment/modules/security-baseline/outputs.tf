output "kms_key_arn" {
  description = "ARN of the environment KMS key (rotation enabled)."
  value       = aws_kms_key.main.arn
}

output "kms_alias_arn" {
  description = "ARN of alias/<name>: what stage 2 uses (the EBS StorageClass, the EC2NodeClass) without a stage-1 output."
  value       = aws_kms_alias.main.arn
}
