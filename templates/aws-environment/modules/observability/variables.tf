variable "name" {
  description = "Environment name, used as a prefix."
  type        = string
}

variable "cluster_name" {
  description = "EKS cluster name."
  type        = string
}

variable "region" {
  description = "Region of the environment (dimension of the regional WAF metrics)."
  type        = string
}

variable "waf_acl_name" {
  description = "Name of the WAF web ACL to alarm on."
  type        = string
}

variable "database_identifier" {
  description = "Aurora cluster or RDS instance identifier."
  type        = string
}

variable "database_is_aurora" {
  description = "Whether database_identifier is an Aurora cluster."
  type        = bool
}

variable "kms_key_arn" {
  description = "KMS key encrypting log groups and the alarm topic."
  type        = string
}

variable "log_retention_days" {
  description = "Retention of the application log group."
  type        = number
  default     = 30
}

variable "alarm_emails" {
  description = "E-mail addresses subscribed to the alarm topic."
  type        = list(string)
  default     = []
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
