module "eks" {
  source  = "terraform-aws-modules/eks/aws"
  version = "21.19.0"

  name               = var.name
  kubernetes_version = var.kubernetes_version

  vpc_id                   = var.vpc_id
  subnet_ids               = var.private_subnet_ids
  control_plane_subnet_ids = var.control_plane_subnet_ids

  endpoint_private_access = true
  endpoint_public_access  = var.endpoint_public_access

  authentication_mode                      = "API"
  enable_cluster_creator_admin_permissions = true
  deletion_protection                      = var.deletion_protection

  # Envelope encryption of Kubernetes secrets with a module-managed, rotated KMS key.
  create_kms_key          = true
  enable_kms_key_rotation = true
  encryption_config = {
    resources = ["secrets"]
  }

  enabled_log_types                      = ["api", "audit", "authenticator"]
  cloudwatch_log_group_retention_in_days = var.log_retention_days

  addons = {
    coredns = {}
    eks-pod-identity-agent = {
      before_compute = true
    }
    kube-proxy = {}
    vpc-cni = {
      before_compute = true
    }
  }

  # Small fixed node group for the components that must run before Karpenter
  # can provision anything. The taint keeps ordinary workloads off it.
  eks_managed_node_groups = {
    core = {
      ami_type       = "AL2023_ARM_64_STANDARD"
      instance_types = var.core_instance_types
      min_size       = var.core_node_count
      max_size       = var.core_node_count + 1
      desired_size   = var.core_node_count

      labels = {
        "workload-class" = "core"
      }

      taints = {
        critical_addons = {
          key    = "CriticalAddonsOnly"
          value  = "true"
          effect = "NO_SCHEDULE"
        }
      }

      # IMDSv2 only, and no hop for pods: they use Pod Identity, not the node role.
      metadata_options = {
        http_endpoint               = "enabled"
        http_tokens                 = "required"
        http_put_response_hop_limit = 1
      }
    }
  }

  node_security_group_tags = {
    "karpenter.sh/discovery" = var.name
  }

  tags = var.tags
}
