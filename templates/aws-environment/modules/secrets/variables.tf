variable "cluster_name" {
  description = "EKS cluster name (= environment name)."
  type        = string
}

variable "region" {
  description = "Region of the Secrets Manager secrets."
  type        = string
}

variable "secret_arns" {
  description = "Secrets Manager ARNs (wildcards allowed) the operator may read: the environment's <environment>/platform/* secrets, never services' secrets or the database master secret."
  type        = list(string)

  validation {
    condition     = alltrue([for a in var.secret_arns : can(regex("^arn:aws[a-z-]*:secretsmanager:", a))])
    error_message = "secret_arns must be Secrets Manager ARNs."
  }

  validation {
    condition     = alltrue([for a in var.secret_arns : !strcontains(a, ":secret:rds!")])
    error_message = "secret_arns must not include RDS-managed master secrets (rds!...)."
  }
}

variable "kms_key_arns" {
  description = "KMS keys encrypting those secrets (decrypt through Secrets Manager only)."
  type        = list(string)
  default     = []
}

variable "permissions_boundary_arn" {
  description = "Permissions boundary of every IAM role this module creates: the account bootstrap's platform-workload-boundary, without which terraform-apply may not create roles."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:policy/platform-bootstrap/platform-workload-boundary$", var.permissions_boundary_arn))
    error_message = "permissions_boundary_arn must be arn:aws:iam::<account id>:policy/platform-bootstrap/platform-workload-boundary."
  }
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
