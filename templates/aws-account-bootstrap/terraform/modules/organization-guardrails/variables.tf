variable "name_prefix" {
  description = "Prefix of the service control policies' names."
  type        = string
  default     = "platform"
}

variable "policy_target_ids" {
  description = "Where the SCPs are attached: the organisation root (r-...) and/or workload OUs (ou-...). The management account is never affected by SCPs."
  type        = list(string)

  validation {
    condition     = length(var.policy_target_ids) > 0 && alltrue([for id in var.policy_target_ids : can(regex("^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|[0-9]{12})$", id))])
    error_message = "policy_target_ids: at least one root (r-...), OU (ou-...-...) or account id."
  }
}

variable "allowed_regions" {
  description = "Regions where anything but the global services may be used."
  type        = list(string)

  validation {
    condition     = length(var.allowed_regions) > 0
    error_message = "allowed_regions: at least one region."
  }
}

variable "global_service_actions" {
  description = "Actions exempt from the region deny: global services whose endpoint lives in one region (AWS's example region SCP)."
  type        = list(string)
  default = [
    "a4b:*", "acm:*", "aws-marketplace-management:*", "aws-marketplace:*", "aws-portal:*",
    "budgets:*", "ce:*", "chime:*", "cloudfront:*", "config:*", "cur:*", "directconnect:*",
    "ec2:DescribeRegions", "ec2:DescribeTransitGateways", "ec2:DescribeVpnGateways", "fms:*",
    "globalaccelerator:*", "health:*", "iam:*", "importexport:*", "kms:*", "mobileanalytics:*",
    "networkmanager:*", "organizations:*", "pricing:*", "route53:*", "route53domains:*",
    "route53-recovery-cluster:*", "route53-recovery-control-config:*",
    "route53-recovery-readiness:*", "s3:GetAccountPublic*", "s3:ListAllMyBuckets",
    "s3:ListMultiRegionAccessPoints", "s3:PutAccountPublic*", "shield:*", "sts:*", "support:*",
    "trustedadvisor:*", "waf-regional:*", "waf:*", "wafv2:*", "wellarchitected:*",
  ]
}

variable "bootstrap_role_names" {
  description = "Roles of the account bootstrap (stack platform-bootstrap) that only its deployer may change."
  type        = list(string)
}

variable "bootstrap_policy_paths" {
  description = "IAM paths of the bootstrap's managed policies (the permissions boundary), e.g. /platform-bootstrap/."
  type        = list(string)
}

variable "bootstrap_stack_name" {
  description = "Name of the bootstrap CloudFormation stack."
  type        = string
}

variable "bootstrap_deployer_role_names" {
  description = "Roles that deploy the bootstrap stack (the portal's platform.bootstrap.roleName; CloudFormation acts with their credentials) and may change the protected resources. Also exempt from the region deny."
  type        = list(string)
  default     = ["OrganizationAccountAccessRole"]
}

variable "accounts" {
  description = "Member accounts with a monthly budget: id, limit in USD and who gets the alerts (80% forecast, 100% actual)."
  type = map(object({
    account_id         = string
    monthly_budget_usd = number
    alert_emails       = list(string)
  }))
  default = {}

  validation {
    condition = alltrue([for a in values(var.accounts) :
      can(regex("^[0-9]{12}$", a.account_id)) && a.monthly_budget_usd > 0 && length(a.alert_emails) > 0
    ])
    error_message = "accounts: a 12-digit account_id, a positive monthly_budget_usd and at least one alert email each."
  }
}

variable "enable_budgets" {
  description = "Create the budgets of `accounts` (false only where the endpoint lacks the Budgets notification API, e.g. moto_server in CI)."
  type        = bool
  default     = true
}

variable "tags" {
  description = "Tags added to every resource that takes them."
  type        = map(string)
  default     = {}
}
