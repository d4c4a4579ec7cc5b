locals {
  namespace       = "kube-system"
  service_account = "aws-load-balancer-controller"
  certificate_arn = coalesce(var.certificate_arn, try(aws_acm_certificate.this[0].arn, null))
}

resource "aws_acm_certificate" "this" {
  count             = var.certificate_arn == null ? 1 : 0
  domain_name       = var.domain
  validation_method = "DNS"
  tags              = var.tags

  lifecycle {
    create_before_destroy = true
  }
}

module "controller_irsa" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-role-for-service-accounts"
  version = "6.5.0"

  name                                   = "${var.cluster_name}-aws-lb-controller"
  attach_load_balancer_controller_policy = true

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

resource "helm_release" "controller" {
  name       = "aws-load-balancer-controller"
  namespace  = local.namespace
  repository = "https://aws.github.io/eks-charts"
  chart      = "aws-load-balancer-controller"
  version    = var.chart_version

  values = [yamlencode({
    clusterName = var.cluster_name
    region      = var.region
    vpcId       = var.vpc_id
    serviceAccount = {
      name        = local.service_account
      annotations = { "eks.amazonaws.com/role-arn" = module.controller_irsa.arn }
    }
    # The class below is managed by Terraform so it can carry the WAF parameters.
    createIngressClassResource = false
  })]
}

# Pins the WAF ACL and certificate on every ALB of this class, so application
# teams cannot opt out with Ingress annotations.
resource "kubernetes_manifest" "ingress_class_params" {
  manifest = {
    apiVersion = "elbv2.k8s.aws/v1beta1"
    kind       = "IngressClassParams"
    metadata   = { name = var.ingress_class_name }
    spec = {
      scheme         = "internet-facing"
      ipAddressType  = "ipv4"
      group          = { name = var.cluster_name }
      certificateArn = [local.certificate_arn]
      sslPolicy      = "ELBSecurityPolicy-TLS13-1-2-2021-06"
      wafv2AclArn    = var.waf_acl_arn
    }
  }

  depends_on = [helm_release.controller]
}

resource "kubernetes_manifest" "ingress_class" {
  manifest = {
    apiVersion = "networking.k8s.io/v1"
    kind       = "IngressClass"
    metadata = {
      name        = var.ingress_class_name
      annotations = { "ingressclass.kubernetes.io/is-default-class" = "true" }
    }
    spec = {
      controller = "ingress.k8s.aws/alb"
      parameters = {
        apiGroup = "elbv2.k8s.aws"
        kind     = "IngressClassParams"
        name     = var.ingress_class_name
      }
    }
  }

  depends_on = [kubernetes_manifest.ingress_class_params]
}
