variable "name" {
  description = "Environment name, used as the VPC name and resource prefix."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,20}$", var.name))
    error_message = "name must match ^[a-z][a-z0-9-]{1,20}$."
  }
}

variable "cidr" {
  description = "IPv4 CIDR block of the VPC."
  type        = string

  validation {
    condition     = can(cidrhost(var.cidr, 0))
    error_message = "cidr must be a valid IPv4 CIDR block."
  }
}

variable "azs" {
  description = "Exactly three availability zones."
  type        = list(string)

  validation {
    condition     = length(var.azs) == 3
    error_message = "Exactly three availability zones are required."
  }
}

variable "public_subnets" {
  description = "Public subnet CIDRs, one per AZ (load balancers, NAT gateways)."
  type        = list(string)
}

variable "private_subnets" {
  description = "Private subnet CIDRs, one per AZ (nodes and pods)."
  type        = list(string)
}

variable "database_subnets" {
  description = "Database subnet CIDRs, one per AZ."
  type        = list(string)
}

variable "intra_subnets" {
  description = "Intra subnet CIDRs, one per AZ, without internet route (EKS control plane ENIs)."
  type        = list(string)
}

variable "single_nat_gateway" {
  description = "Use one NAT gateway for all AZs instead of one per AZ (cheaper, less resilient)."
  type        = bool
  default     = false
}

variable "cluster_name" {
  description = "EKS cluster name, used for load balancer and Karpenter discovery subnet tags."
  type        = string
}

variable "flow_log_retention_days" {
  description = "Retention of the VPC flow log group in days."
  type        = number
  default     = 90

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1827, 3653], var.flow_log_retention_days)
    error_message = "flow_log_retention_days must be a CloudWatch Logs retention value."
  }
}

variable "kms_key_arn" {
  description = "KMS key used to encrypt the flow log group."
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
