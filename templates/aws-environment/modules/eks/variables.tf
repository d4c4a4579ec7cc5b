variable "name" {
  description = "EKS cluster name."
  type        = string
}

variable "kubernetes_version" {
  description = "Kubernetes minor version, e.g. 1.33."
  type        = string

  validation {
    condition     = can(regex("^1\\.[0-9]{2}$", var.kubernetes_version))
    error_message = "kubernetes_version must look like 1.33."
  }
}

variable "vpc_id" {
  description = "VPC of the cluster."
  type        = string
}

variable "private_subnet_ids" {
  description = "Private subnets for the nodes."
  type        = list(string)
}

variable "control_plane_subnet_ids" {
  description = "Intra subnets for the control plane ENIs."
  type        = list(string)
}

variable "endpoint_public_access" {
  description = "Expose the API server endpoint publicly (the private endpoint is always on)."
  type        = bool
  default     = false
}

variable "core_instance_types" {
  description = "Instance types of the core node group (Karpenter controller, CoreDNS)."
  type        = list(string)
  default     = ["m7g.large"]
}

variable "core_node_count" {
  description = "Desired/min size of the core node group; one per AZ is recommended."
  type        = number
  default     = 2

  validation {
    condition     = var.core_node_count >= 2 && var.core_node_count <= 6
    error_message = "core_node_count must be between 2 and 6."
  }
}

variable "log_retention_days" {
  description = "Retention of the control plane log group."
  type        = number
  default     = 90
}

variable "deletion_protection" {
  description = "Protect the cluster against deletion."
  type        = bool
  default     = true
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
