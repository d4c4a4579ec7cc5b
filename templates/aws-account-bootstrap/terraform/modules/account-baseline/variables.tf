variable "name_prefix" {
  description = "Prefix of the baseline's names (buckets, KMS aliases, trail, recorder, analyzer)."
  type        = string
  default     = "platform-baseline"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,24}$", var.name_prefix))
    error_message = "name_prefix: 2-25 lowercase letters, digits and dashes, starting with a letter (bucket names hold it with the account id and region)."
  }
}

variable "home_region" {
  description = "The account's home region: the multi-region CloudTrail trail, global resource types in AWS Config and (with create_service_linked_roles) the service-linked roles live only in the root of this region."
  type        = string
}

variable "create_service_linked_roles" {
  description = "Create the AWS Config service-linked role (AWSServiceRoleForConfig). IAM is global: true in exactly one root per account (the home region's), false everywhere else and where the role exists already."
  type        = bool
  default     = false
}

# Switches for what the organisation manages centrally (a delegated administrator) and for
# endpoints that lack an API (moto_server in CI: see the integration test). Everything defaults on.
variable "enable_guardduty" {
  description = "GuardDuty detector with the features in guardduty_features."
  type        = bool
  default     = true
}

variable "guardduty_features" {
  description = "GuardDuty protection plans enabled on the detector (aws_guardduty_detector_feature names); empty where the endpoint has no feature API."
  type        = list(string)
  default     = ["EKS_AUDIT_LOGS", "RUNTIME_MONITORING", "RDS_LOGIN_EVENTS", "S3_DATA_EVENTS"]
}

variable "enable_security_hub" {
  description = "Security Hub with control findings consolidated per control."
  type        = bool
  default     = true
}

variable "security_hub_standards" {
  description = "Security Hub standards, relative to the region's ARN (one by default: AWS Foundational Security Best Practices)."
  type        = list(string)
  default     = ["standards/aws-foundational-security-best-practices/v/1.0.0"]
}

variable "enable_config" {
  description = "AWS Config recorder, delivery channel and its bucket."
  type        = bool
  default     = true
}

variable "enable_cloudtrail" {
  description = "Multi-region CloudTrail trail and its bucket (home region only)."
  type        = bool
  default     = true
}

variable "enable_ebs_encryption_by_default" {
  description = "EBS encryption by default with the baseline's EBS key as the default key."
  type        = bool
  default     = true
}

variable "enable_access_analyzer" {
  description = "IAM Access Analyzer for the account (one per region)."
  type        = bool
  default     = true
}

variable "enable_s3_account_public_access_block" {
  description = "Block public access to S3 for the whole account (an account-wide setting: home region root only)."
  type        = bool
  default     = true
}

variable "log_retention_days" {
  description = "Days Config snapshots and CloudTrail logs are kept in their buckets (noncurrent versions: 30 days)."
  type        = number
  default     = 2555

  validation {
    condition     = var.log_retention_days >= 365
    error_message = "log_retention_days: at least 365 days of audit logs."
  }
}

variable "log_archive_after_days" {
  description = "Days after which logs move to S3 Glacier Flexible Retrieval."
  type        = number
  default     = 90
}

variable "force_destroy_buckets" {
  description = "Let terraform destroy delete non-empty log buckets. Only for throw-away accounts and tests."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags added to every resource that takes them."
  type        = map(string)
  default     = {}
}
