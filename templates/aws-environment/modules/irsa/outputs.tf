output "role_arns" {
  description = "Role ARN per role key."
  value       = { for k, r in aws_iam_role.this : k => r.arn }
}
