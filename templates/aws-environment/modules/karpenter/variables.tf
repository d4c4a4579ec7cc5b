variable "cluster_name" {
  description = "EKS cluster name (= environment name)."
  type        = string
}

variable "namespace" {
  description = "Namespace of the controller (stage 2 installs the chart there)."
  type        = string
  default     = "karpenter"
}

variable "service_account" {
  description = "Service account of the controller."
  type        = string
  default     = "karpenter"
}

variable "kms_key_arn" {
  description = "The environment KMS key that encrypts the nodes' volumes."
  type        = string
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
