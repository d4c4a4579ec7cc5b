variable "cluster_name" {
  description = "EKS cluster name (= environment name)."
  type        = string
}

variable "domain" {
  description = "Public DNS name of the environment: a Route 53 zone of that name is created, and the certificate covers it and *.<domain>."
  type        = string
}

variable "certificate_arn" {
  description = "ACM certificate to use instead of requesting one; when null a DNS-validated certificate for domain and *.domain is requested."
  type        = string
  default     = null
}

variable "wait_for_certificate_validation" {
  description = "Wait in the apply until the certificate is issued. Turn on only once the parent zone delegates to route53_name_servers, or the apply blocks until it times out."
  type        = bool
  default     = false
}

variable "access_log_retention_days" {
  description = "Days the ALB access logs are kept."
  type        = number
  default     = 90

  validation {
    condition     = var.access_log_retention_days >= 1
    error_message = "access_log_retention_days must be at least 1."
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
