module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "6.6.0"

  name             = var.name
  cidr             = "10.1.0.0/16"
  public_subnets   = ["10.1.0.0/24"]
  private_subnets  = ["10.1.32.0/19"]
  database_subnets = ["10.1.3.0/24"]
  intra_subnets    = ["10.1.6.0/24"]

  public_dedicated_network_acl   = true
  private_dedicated_network_acl  = true
  database_dedicated_network_acl = true
}
