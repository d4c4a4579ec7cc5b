variable "name" {
  description = "Name of the web ACL."
  type        = string
}

variable "rate_limit_per_5_minutes" {
  description = "Requests per 5 minutes per client IP before the rate rule blocks."
  type        = number
  default     = 2000

  validation {
    condition     = var.rate_limit_per_5_minutes >= 10 && var.rate_limit_per_5_minutes <= 2000000000
    error_message = "rate_limit_per_5_minutes must be between 10 and 2,000,000,000 (AWS WAF limits)."
  }
}

variable "log_retention_days" {
  description = "Retention of the WAF log group."
  type        = number
  default     = 90
}

variable "kms_key_arn" {
  description = "KMS key encrypting the WAF log group."
  type        = string
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
