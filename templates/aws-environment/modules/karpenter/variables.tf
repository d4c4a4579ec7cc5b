variable "cluster_name" {
  description = "EKS cluster name."
  type        = string
}

variable "cluster_endpoint" {
  description = "API server endpoint of the cluster."
  type        = string
}

variable "chart_version" {
  description = "Version of the Karpenter Helm chart."
  type        = string
  default     = "1.8.1"

  validation {
    condition     = can(regex("^1\\.[0-9]+\\.[0-9]+$", var.chart_version))
    error_message = "Only Karpenter 1.x (v1 APIs) is supported."
  }
}

variable "namespace" {
  description = "Namespace of the controller."
  type        = string
  default     = "kube-system"
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
