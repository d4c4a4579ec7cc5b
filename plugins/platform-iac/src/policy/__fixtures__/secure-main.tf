# Fixture: a hand-written root with every required setting, in the styles
# the renderer may use (module inputs, map literals, odd spacing).
terraform {
  backend "s3" {
    bucket  = "tfstate-210987654321-eu-west-1"
    key     = "environments/orders/terraform.tfstate"
    region  = "eu-west-1"
    encrypt = true
  }
}

module "eks" {
  source = "terraform-aws-modules/eks/aws"

  iam_role_path                 = "/platform/workloads/"
  iam_role_permissions_boundary = "arn:aws:iam::123456789012:policy/platform-bootstrap/platform-workload-boundary"
  encryption_policy_path        = "/platform/workloads/"

  eks_managed_node_groups = {
    core = {
      instance_types                = ["m7g.large"]
      iam_role_path                 = "/platform/workloads/"
      iam_role_permissions_boundary = "arn:aws:iam::123456789012:policy/platform-bootstrap/platform-workload-boundary"
      metadata_options = {
        http_endpoint               = "enabled"
        http_tokens                 = "required"
        http_put_response_hop_limit = 1
      }
    }
  }
}

module "database" {
  source              = "terraform-aws-modules/rds-aurora/aws"
  storage_encrypted   =   true
  iam_role_path                 = "/platform/workloads/"
  iam_role_permissions_boundary = "arn:aws:iam::123456789012:policy/platform-bootstrap/platform-workload-boundary"
  deletion_protection = true # prod
  instances = {
    one = { instance_class = "db.r6g.large", publicly_accessible = false }
  }
  cluster_parameter_group = {
    family = "aurora-postgresql16"
    parameters = [
      {
        name         = "rds.force_ssl"
        value        = 1
        apply_method = "pending-reboot"
      },
    ]
  }
}
