output "node_iam_role_name" {
  description = "IAM role of Karpenter nodes (EC2NodeClass spec.role)."
  value       = module.karpenter.node_iam_role_name
}

output "controller_role_arn" {
  description = "IAM role of the controller (Pod Identity)."
  value       = module.karpenter.iam_role_arn
}

output "interruption_queue_name" {
  description = "SQS queue for interruption events."
  value       = module.karpenter.queue_name
}

output "node_iam_role_arn" {
  description = "ARN of the Karpenter node role."
  value       = module.karpenter.node_iam_role_arn
}
