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

variable "kms_key_arn" {
  description = "The environment KMS key: control-plane log group, core node volumes, EBS CSI volumes."
  type        = string
}

variable "gitops_hub_role_arn" {
  description = "IAM role of the Argo CD hub (EKS Argo CD capability) that delivers stage 2; gets cluster admin through an access entry."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/", var.gitops_hub_role_arn))
    error_message = "gitops_hub_role_arn must be an IAM role ARN."
  }
}

variable "pipeline_role_arns" {
  description = "The account bootstrap's Terraform roles in this account: apply administers the cluster's secrets-encryption KMS key. Neither gets Kubernetes access (stage 1 is AWS only)."
  type = object({
    plan  = string
    apply = string
  })

  validation {
    condition = (
      can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/terraform-plan$", var.pipeline_role_arns.plan)) &&
      can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/terraform-apply$", var.pipeline_role_arns.apply))
    )
    error_message = "pipeline_role_arns must name the bootstrap roles: plan = arn:aws:iam::<account id>:role/terraform-plan, apply = ...:role/terraform-apply."
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
