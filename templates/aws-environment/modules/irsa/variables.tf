variable "cluster_name" {
  description = "EKS cluster the roles are bound to."
  type        = string
}

variable "roles" {
  description = "Workload roles keyed by short name: service account binding and permissions."
  type = map(object({
    namespace       = string
    service_account = string
    policy_arns     = optional(list(string), [])
    policy_json     = optional(string)
  }))
  default = {}

  validation {
    condition     = alltrue([for k, _ in var.roles : can(regex("^[a-z][a-z0-9-]{0,30}$", k))])
    error_message = "Role keys must be lowercase names of at most 31 characters."
  }
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
