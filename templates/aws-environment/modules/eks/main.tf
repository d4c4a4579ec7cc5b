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

  # API mode (access entries) also accepts role ARNs with a path; aws-auth does not.
  authentication_mode = "API"
  deletion_protection = var.deletion_protection

  # Named pipeline roles rather than "the cluster creator": plan and apply run as different
  # roles, and the creator's entry would follow whichever role ran last.
  enable_cluster_creator_admin_permissions = false
  access_entries = {
    pipeline_apply = {
      principal_arn = var.pipeline_role_arns.apply
      policy_associations = {
        admin = {
          policy_arn   = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"
          access_scope = { type = "cluster" }
        }
      }
    }
    # Read only, Secrets included: the Helm provider reads releases (stored as Secrets) to plan.
    pipeline_plan = {
      principal_arn = var.pipeline_role_arns.plan
      policy_associations = {
        view = {
          policy_arn   = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminViewPolicy"
          access_scope = { type = "cluster" }
        }
      }
    }
  }

  # IAM: the cluster role and the encryption policy under /platform/workloads/ with the
  # workload boundary, as terraform-apply requires (platform-bootstrap stack).
  iam_role_path                 = "/platform/workloads/"
  iam_role_permissions_boundary = var.permissions_boundary_arn
  encryption_policy_path        = "/platform/workloads/"

  # Envelope encryption of Kubernetes secrets with a module-managed, rotated KMS key,
  # administered by terraform-apply whichever role runs the plan.
  create_kms_key          = true
  enable_kms_key_rotation = true
  kms_key_administrators  = [var.pipeline_role_arns.apply]
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

      iam_role_path                 = "/platform/workloads/"
      iam_role_permissions_boundary = var.permissions_boundary_arn

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
