module "eks" {
  source  = "terraform-aws-modules/eks/aws"
  version = "21.19.0"

  name                     = var.name
  iam_role_name            = "${var.name}-cluster"
  iam_role_use_name_prefix = false

  encryption_policy_name            = "${var.name}-cluster-encryption"
  encryption_policy_use_name_prefix = false

  enabled_log_types               = ["api", "audit", "authenticator", "controllerManager", "scheduler"]
  cloudwatch_log_group_kms_key_id = var.kms_key_arn

  addons = {
    vpc-cni = {
      before_compute       = true
      configuration_values = jsonencode({ enableNetworkPolicy = "true" })
    }
  }

  eks_managed_node_groups = {
    core = {
      iam_role_name            = "${var.name}-core-node"
      iam_role_use_name_prefix = false
      block_device_mappings = {
        xvda = {
          device_name = "/dev/xvda"
          ebs         = { encrypted = true, kms_key_id = var.kms_key_arn }
        }
      }
    }
  }
}

resource "aws_iam_role" "ebs_csi" {
  name               = "${var.name}-ebs-csi"
  assume_role_policy = "{}"
}

variable "name" {
  type = string
}

variable "kms_key_arn" {
  type = string
}

output "cluster_name" {
  value = module.eks.cluster_name
}
