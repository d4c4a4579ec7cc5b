variable "name" {
  description = "Environment name, used as a resource prefix."
  type        = string
}

variable "enable_guardduty" {
  description = "Create a GuardDuty detector (disable when the org delegates it)."
  type        = bool
  default     = true
}

variable "enable_security_hub" {
  description = "Enable Security Hub with the standards below."
  type        = bool
  default     = true
}

variable "security_hub_standards" {
  description = "Security Hub standards ARNs relative to the region, e.g. standards/aws-foundational-security-best-practices/v/1.0.0."
  type        = list(string)
  default = [
    "standards/aws-foundational-security-best-practices/v/1.0.0",
    "standards/cis-aws-foundations-benchmark/v/3.0.0",
  ]
}

variable "enable_config" {
  description = "Create an AWS Config recorder and delivery channel."
  type        = bool
  default     = true
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
