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

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
