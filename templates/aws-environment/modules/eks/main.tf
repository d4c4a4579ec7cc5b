locals {
  # IAM names are explicit (no name_prefix): at most 21 (environment name) + 16 characters.
  cluster_role_name = "${var.name}-cluster"
  core_role_name    = "${var.name}-core-node"
}

module "eks" {
  source  = "terraform-aws-modules/eks/aws"
  version = "21.19.0"

  name               = var.name
  kubernetes_version = var.kubernetes_version

  vpc_id                   = var.vpc_id
  subnet_ids               = var.private_subnet_ids
  control_plane_subnet_ids = var.control_plane_subnet_ids

  # Private only: nothing outside the VPC talks to the API server. Stage 2 is delivered by the
  # Argo CD hub through its access entry (access.tf), so no runner needs the endpoint.
  endpoint_private_access = true
  endpoint_public_access  = false

  # API mode (access entries) also accepts role ARNs with a path; aws-auth does not.
  authentication_mode = "API"
  deletion_protection = var.deletion_protection

  # No Terraform identity gets Kubernetes access: stage 1 holds AWS resources only, and the
  # only cluster administrator is the Argo CD hub (access.tf).
  enable_cluster_creator_admin_permissions = false

  # IAM: the cluster role and the encryption policy under /platform/workloads/ with the
  # workload boundary, as terraform-apply requires (platform-bootstrap stack).
  iam_role_name                     = local.cluster_role_name
  iam_role_use_name_prefix          = false
  iam_role_path                     = "/platform/workloads/"
  iam_role_permissions_boundary     = var.permissions_boundary_arn
  encryption_policy_name            = "${local.cluster_role_name}-encryption"
  encryption_policy_use_name_prefix = false
  encryption_policy_path            = "/platform/workloads/"

  # Envelope encryption of Kubernetes secrets with a module-managed, rotated KMS key,
  # administered by terraform-apply whichever role runs the plan.
  create_kms_key          = true
  enable_kms_key_rotation = true
  kms_key_administrators  = [var.pipeline_role_arns.apply]
  encryption_config = {
    resources = ["secrets"]
  }

  # Every control-plane log type, in a log group encrypted with the environment key.
  enabled_log_types                      = ["api", "audit", "authenticator", "controllerManager", "scheduler"]
  cloudwatch_log_group_retention_in_days = var.log_retention_days
  cloudwatch_log_group_kms_key_id        = var.kms_key_arn

  # Names and options as in the module's examples/karpenter at this version. The add-ons that
  # run Deployments (CoreDNS, the EBS CSI controller) tolerate CriticalAddonsOnly and land on
  # the core node group; the others are DaemonSets.
  addons = {
    coredns = {}
    eks-pod-identity-agent = {
      before_compute = true
    }
    kube-proxy = {}
    # NetworkPolicy enforcement by the VPC CNI's network policy agent.
    vpc-cni = {
      before_compute       = true
      configuration_values = jsonencode({ enableNetworkPolicy = "true" })
    }
    # Volumes of the default StorageClass (stage 2: encrypted gp3 with the environment key).
    aws-ebs-csi-driver = {
      pod_identity_association = [{
        role_arn        = aws_iam_role.ebs_csi.arn
        service_account = local.ebs_csi_service_account
      }]
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

      iam_role_name                 = local.core_role_name
      iam_role_use_name_prefix      = false
      iam_role_path                 = "/platform/workloads/"
      iam_role_permissions_boundary = var.permissions_boundary_arn

      # Root volume encrypted with the environment key (the key policy admits the
      # Auto Scaling service-linked role that launches the instances).
      block_device_mappings = {
        xvda = {
          device_name = "/dev/xvda"
          ebs = {
            volume_size           = 50
            volume_type           = "gp3"
            encrypted             = true
            kms_key_id            = var.kms_key_arn
            delete_on_termination = true
          }
        }
      }

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
