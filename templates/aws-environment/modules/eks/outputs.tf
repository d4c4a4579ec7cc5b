output "cluster_name" {
  description = "Name of the cluster."
  value       = module.eks.cluster_name
}

output "cluster_endpoint" {
  description = "API server endpoint."
  value       = module.eks.cluster_endpoint
}

output "cluster_certificate_authority_data" {
  description = "Base64 CA certificate of the cluster."
  value       = module.eks.cluster_certificate_authority_data
}

output "oidc_provider_arn" {
  description = "ARN of the IRSA OIDC provider."
  value       = module.eks.oidc_provider_arn
}

output "node_security_group_id" {
  description = "Security group shared by the nodes."
  value       = module.eks.node_security_group_id
}

output "cluster_primary_security_group_id" {
  description = "Primary security group created by EKS."
  value       = module.eks.cluster_primary_security_group_id
}

output "cluster_arn" {
  description = "ARN of the cluster (the Argo CD hub registers it by this ARN)."
  value       = module.eks.cluster_arn
}

output "ebs_csi_role_arn" {
  description = "Pod Identity role of the EBS CSI controller."
  value       = aws_iam_role.ebs_csi.arn
}
