# Fixture: a module library file that receives the boundary from its caller.
resource "aws_iam_role" "app" {
  for_each             = toset(["api", "worker"])
  name                 = "app-${each.key}"
  path                 = "/platform/workloads/"
  permissions_boundary = var.permissions_boundary_arn
  assume_role_policy   = <<-EOT
    {"Statement": [{"Action": "sts:AssumeRole", "Effect": "Allow", "Principal": {"Service": "pods.eks.amazonaws.com"}}]}
  EOT
}

resource "aws_iam_instance_profile" "app" {
  name = "app"
  path = "/platform/workloads/"
  role = aws_iam_role.app["api"].name
}
