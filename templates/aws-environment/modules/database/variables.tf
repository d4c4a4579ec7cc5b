variable "name" {
  description = "Identifier prefix of the database."
  type        = string
}

variable "engine" {
  description = "aurora-postgresql, aurora-serverless-v2 or rds-postgresql."
  type        = string

  validation {
    condition     = contains(["aurora-postgresql", "aurora-serverless-v2", "rds-postgresql"], var.engine)
    error_message = "engine must be aurora-postgresql, aurora-serverless-v2 or rds-postgresql."
  }
}

variable "engine_version" {
  description = "PostgreSQL major.minor version."
  type        = string
  default     = "16.6"
}

variable "instance_class" {
  description = "Instance class (ignored for aurora-serverless-v2, which uses db.serverless)."
  type        = string
}

variable "vpc_id" {
  description = "VPC of the database."
  type        = string
}

variable "db_subnet_group_name" {
  description = "Existing DB subnet group (database subnets)."
  type        = string
}

variable "allowed_cidr_blocks" {
  description = "CIDRs allowed to connect on 5432 (the private subnets)."
  type        = list(string)
}

variable "kms_key_arn" {
  description = "KMS key for storage, the master secret and Performance Insights."
  type        = string
}

variable "backup_retention_days" {
  description = "Automated backup retention."
  type        = number
  default     = 7

  validation {
    condition     = var.backup_retention_days >= 1 && var.backup_retention_days <= 35
    error_message = "backup_retention_days must be between 1 and 35."
  }
}

variable "read_replicas" {
  description = "Number of read replicas."
  type        = number
  default     = 0

  validation {
    condition     = var.read_replicas >= 0 && var.read_replicas <= 5
    error_message = "read_replicas must be between 0 and 5."
  }
}

variable "azs" {
  description = "Availability zones of the database subnets; Aurora instances are spread over them in order."
  type        = list(string)
  default     = []
}

variable "multi_az" {
  description = "Keep a standby in another AZ."
  type        = bool
  default     = false
}

variable "deletion_protection" {
  description = "Protect the database against deletion."
  type        = bool
  default     = true
}

variable "serverless_max_acu" {
  description = "Maximum Aurora capacity units for aurora-serverless-v2."
  type        = number
  default     = 8
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
