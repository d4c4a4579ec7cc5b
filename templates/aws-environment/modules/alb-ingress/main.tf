# AWS side of the environment's ingress: the load balancer controller's Pod Identity role
# (controller.tf), the environment's DNS zone and certificate, and the ALB access-log bucket
# (access_logs.tf). The controller chart, IngressClassParams and IngressClass are stage 2; they
# find the WAF web ACL by name (wafv2AclName = environment name) and this certificate by ACM
# discovery from the Ingress TLS hosts.

locals {
  certificate_arn = coalesce(var.certificate_arn, try(aws_acm_certificate.this[0].arn, null))
}

# The environment's public zone. The parent zone must delegate to its name servers (output
# route53_name_servers) before the certificate can validate.
resource "aws_route53_zone" "this" {
  name    = var.domain
  comment = "Environment ${var.cluster_name}"
  tags    = var.tags
}

# The domain and every host directly under it (<service>.<domain>).
resource "aws_acm_certificate" "this" {
  count                     = var.certificate_arn == null ? 1 : 0
  domain_name               = var.domain
  subject_alternative_names = ["*.${var.domain}"]
  validation_method         = "DNS"
  tags                      = var.tags

  lifecycle {
    create_before_destroy = true
  }
}

# ACM asks for the same CNAME for the domain and its wildcard: one record validates both.
resource "aws_route53_record" "certificate_validation" {
  for_each = {
    for o in try(aws_acm_certificate.this[0].domain_validation_options, []) : o.domain_name => o
    if o.domain_name == var.domain
  }

  zone_id = aws_route53_zone.this.zone_id
  name    = each.value.resource_record_name
  type    = each.value.resource_record_type
  records = [each.value.resource_record_value]
  ttl     = 300
}

# Waits for ISSUED; only once the zone is delegated, or the apply would block until it times
# out. Without it the certificate validates by itself as soon as the delegation is in place.
resource "aws_acm_certificate_validation" "this" {
  count                   = var.certificate_arn == null && var.wait_for_certificate_validation ? 1 : 0
  certificate_arn         = aws_acm_certificate.this[0].arn
  validation_record_fqdns = [for r in aws_route53_record.certificate_validation : r.fqdn]
}
