module "aurora" {
  source  = "terraform-aws-modules/rds-aurora/aws"
  version = "10.2.0"

  name                        = var.name
  storage_encrypted           = true
  kms_key_id                  = var.kms_key_arn
  manage_master_user_password = true

  master_user_secret_kms_key_id = var.kms_key_arn
  skip_final_snapshot           = false
}

module "rds" {
  source  = "terraform-aws-modules/rds/aws"
  version = "7.2.0"

  identifier                       = "${var.name}-reporting"
  storage_encrypted                = true
  kms_key_id                       = var.kms_key_arn
  skip_final_snapshot              = false
  final_snapshot_identifier_prefix = "final"
}

resource "aws_cloudwatch_log_group" "applications" {
  name       = "/eks/${var.cluster_name}/applications"
  kms_key_id = var.kms_key_arn
}

resource "aws_sns_topic" "alarms" {
  name              = "${var.name}-alarms"
  kms_master_key_id = var.kms_key_arn
}

resource "aws_cloudwatch_metric_alarm" "db_cpu" {
  alarm_name    = "${var.name}-db-cpu-high"
  alarm_actions = [aws_sns_topic.alarms.arn]
}

variable "name" {
  type = string
}

variable "cluster_name" {
  type = string
}

variable "kms_key_arn" {
  type = string
}
