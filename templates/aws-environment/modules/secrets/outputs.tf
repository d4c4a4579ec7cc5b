output "role_arn" {
  description = "IAM role of the operator (Pod Identity, external-secrets/external-secrets)."
  value       = aws_iam_role.this.arn
}
