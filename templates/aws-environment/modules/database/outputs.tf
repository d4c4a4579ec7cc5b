output "endpoint" {
  description = "Writer endpoint."
  value       = local.is_rds ? module.rds[0].db_instance_address : module.aurora[0].cluster_endpoint
}

output "reader_endpoint" {
  description = "Reader endpoint (Aurora) or first replica address (RDS), null when none."
  value       = local.is_rds ? try(module.rds_replica[0].db_instance_address, null) : module.aurora[0].cluster_reader_endpoint
}

output "master_user_secret_arn" {
  description = "Secrets Manager secret holding the master credentials."
  value       = local.is_rds ? module.rds[0].db_instance_master_user_secret_arn : module.aurora[0].cluster_master_user_secret[0].secret_arn
}

output "identifier" {
  description = "Cluster or instance identifier (for alarms)."
  value       = local.is_rds ? module.rds[0].db_instance_identifier : module.aurora[0].cluster_id
}
