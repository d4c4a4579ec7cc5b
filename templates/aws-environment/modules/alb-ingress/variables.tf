variable "cluster_name" {
  description = "EKS cluster name."
  type        = string
}

variable "oidc_provider_arn" {
  description = "IRSA OIDC provider of the cluster."
  type        = string
}

variable "vpc_id" {
  description = "VPC of the cluster."
  type        = string
}

variable "region" {
  description = "AWS region of the cluster."
  type        = string
}

variable "waf_acl_arn" {
  description = "WAFv2 web ACL attached to every ALB of the ingress class."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:wafv2:", var.waf_acl_arn))
    error_message = "waf_acl_arn must be a WAFv2 ARN."
  }
}

variable "domain" {
  description = "Public DNS name served by the ALB."
  type        = string
}

variable "certificate_arn" {
  description = "ACM certificate; when null a DNS-validated certificate is requested for domain."
  type        = string
  default     = null
}

variable "chart_version" {
  description = "Version of the aws-load-balancer-controller chart (1.14+ supports wafv2AclArn)."
  type        = string
  default     = "1.14.0"
}

variable "ingress_class_name" {
  description = "Name of the IngressClass."
  type        = string
  default     = "alb"
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
