output "certificate_arn" {
  description = "ACM certificate for the ALBs (found by the controller from the Ingress TLS hosts)."
  value       = local.certificate_arn
}

output "certificate_validation_records" {
  description = "DNS records validating the certificate (created in the environment's zone)."
  value       = try(aws_acm_certificate.this[0].domain_validation_options, [])
}

output "route53_zone_id" {
  description = "Route 53 hosted zone of the environment's domain."
  value       = aws_route53_zone.this.zone_id
}

output "route53_name_servers" {
  description = "Name servers the parent zone must delegate the domain to (NS records)."
  value       = aws_route53_zone.this.name_servers
}

output "access_logs_bucket" {
  description = "S3 bucket receiving the ALB access logs (IngressClassParams access_logs.s3.bucket)."
  value       = aws_s3_bucket.access_logs.bucket
}

output "controller_role_arn" {
  description = "IAM role of the load balancer controller (Pod Identity)."
  value       = aws_iam_role.controller.arn
}
