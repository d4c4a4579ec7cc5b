output "cluster_secret_store_name" {
  description = "Name of the ClusterSecretStore."
  value       = "aws-secrets-manager"
}

output "role_arn" {
  description = "IAM role of the operator (IRSA)."
  value       = module.irsa.arn
}
