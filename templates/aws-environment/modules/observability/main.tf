locals {
  db_namespace = "AWS/RDS"
  db_dimensions = var.database_is_aurora ? {
    DBClusterIdentifier = var.database_identifier
    } : {
    DBInstanceIdentifier = var.database_identifier
  }
}

resource "aws_cloudwatch_log_group" "applications" {
  name              = "/eks/${var.cluster_name}/applications"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
  tags              = var.tags
}

resource "aws_sns_topic" "alarms" {
  name              = "${var.name}-alarms"
  kms_master_key_id = var.kms_key_arn
  tags              = var.tags
}

resource "aws_sns_topic_subscription" "email" {
  for_each  = toset(var.alarm_emails)
  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "email"
  endpoint  = each.value
}

resource "aws_cloudwatch_metric_alarm" "cluster_failed_requests" {
  alarm_name          = "${var.name}-eks-apiserver-5xx"
  alarm_description   = "EKS API server returns 5xx"
  namespace           = "AWS/EKS"
  metric_name         = "apiserver_request_total_5XX"
  dimensions          = { ClusterName = var.cluster_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 2
  threshold           = 50
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "waf_blocked" {
  alarm_name        = "${var.name}-waf-blocked-spike"
  alarm_description = "Unusual number of requests blocked by WAF"
  namespace         = "AWS/WAFV2"
  metric_name       = "BlockedRequests"
  # Regional web ACLs publish their metrics with a Region dimension: without it the alarm
  # watches a metric that does not exist and never fires.
  dimensions          = { WebACL = var.waf_acl_name, Rule = "ALL", Region = var.region }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1000
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "db_cpu" {
  alarm_name          = "${var.name}-db-cpu-high"
  alarm_description   = "Database CPU above 80% for 15 minutes"
  namespace           = local.db_namespace
  metric_name         = "CPUUtilization"
  dimensions          = local.db_dimensions
  statistic           = "Average"
  period              = 300
  evaluation_periods  = 3
  threshold           = 80
  comparison_operator = "GreaterThanThreshold"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "db_connections" {
  alarm_name          = "${var.name}-db-connections-high"
  alarm_description   = "Database connections near the limit"
  namespace           = local.db_namespace
  metric_name         = "DatabaseConnections"
  dimensions          = local.db_dimensions
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 2
  threshold           = 400
  comparison_operator = "GreaterThanThreshold"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  tags                = var.tags
}
