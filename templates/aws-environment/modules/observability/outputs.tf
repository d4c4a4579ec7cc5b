output "alarm_topic_arn" {
  description = "SNS topic receiving all alarms."
  value       = aws_sns_topic.alarms.arn
}

output "application_log_group" {
  description = "CloudWatch log group for application logs."
  value       = aws_cloudwatch_log_group.applications.name
}
