variable "name" {
  description = "Environment name: the key's alias is alias/<name>, the roles below are named after it."
  type        = string
}

variable "volume_role_names" {
  description = "Roles (path /platform/workloads/) that create or attach EBS volumes encrypted with the key. Null: the library's fixed names <name>-karpenter-node, <name>-karpenter-controller and <name>-ebs-csi."
  type        = list(string)
  default     = null
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
