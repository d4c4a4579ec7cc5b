output "ingress_class_name" {
  description = "IngressClass to use in Ingress resources."
  value       = var.ingress_class_name
}

output "certificate_arn" {
  description = "ACM certificate used by the ALBs."
  value       = local.certificate_arn
}

output "certificate_validation_records" {
  description = "DNS records to create when the certificate was requested here."
  value       = try(aws_acm_certificate.this[0].domain_validation_options, [])
}

output "controller_role_arn" {
  description = "IAM role of the controller (IRSA)."
  value       = module.controller_irsa.arn
}
