locals {
  namespace       = "external-secrets"
  service_account = "external-secrets"
}

module "irsa" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-role-for-service-accounts"
  version = "6.5.0"

  name                                  = "${var.cluster_name}-external-secrets"
  attach_external_secrets_policy        = true
  external_secrets_secrets_manager_arns = var.secret_arns
  external_secrets_kms_key_arns         = var.kms_key_arns

  # Role and policy under /platform/workloads/ with the workload boundary, as terraform-apply
  # requires (platform-bootstrap stack).
  path                 = "/platform/workloads/"
  policy_path          = "/platform/workloads/"
  permissions_boundary = var.permissions_boundary_arn

  oidc_providers = {
    this = {
      provider_arn               = var.oidc_provider_arn
      namespace_service_accounts = ["${local.namespace}:${local.service_account}"]
    }
  }

  tags = var.tags
}

resource "helm_release" "external_secrets" {
  name             = "external-secrets"
  namespace        = local.namespace
  create_namespace = true
  repository       = "https://charts.external-secrets.io"
  chart            = "external-secrets"
  version          = var.chart_version

  values = [yamlencode({
    installCRDs = true
    serviceAccount = {
      name        = local.service_account
      annotations = { "eks.amazonaws.com/role-arn" = module.irsa.arn }
    }
  })]
}

# One cluster-wide store; namespaces create ExternalSecrets against it.
resource "kubernetes_manifest" "cluster_secret_store" {
  manifest = {
    apiVersion = "external-secrets.io/v1"
    kind       = "ClusterSecretStore"
    metadata   = { name = "aws-secrets-manager" }
    spec = {
      provider = {
        aws = {
          service = "SecretsManager"
          region  = var.region
          auth = {
            jwt = {
              serviceAccountRef = {
                name      = local.service_account
                namespace = local.namespace
              }
            }
          }
        }
      }
    }
  }

  depends_on = [helm_release.external_secrets]
}
