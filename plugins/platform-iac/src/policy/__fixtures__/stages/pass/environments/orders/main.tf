module "baseline" {
  source = "../../modules/baseline"
  name   = var.environment
}

module "cluster" {
  source      = "../../modules/cluster"
  name        = var.environment
  kms_key_arn = module.baseline.kms_key_arn
}

module "data" {
  source       = "../../modules/data"
  name         = "${var.environment}-postgres"
  cluster_name = module.cluster.cluster_name
  kms_key_arn  = module.baseline.kms_key_arn
}

module "edge" {
  source = "../../modules/edge"
  name   = var.environment
  domain = var.domain
}
