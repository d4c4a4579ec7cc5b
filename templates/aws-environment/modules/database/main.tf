locals {
  is_rds        = var.engine == "rds-postgresql"
  is_serverless = var.engine == "aurora-serverless-v2"
  major_version = split(".", var.engine_version)[0]

  # Multi-AZ Aurora means at least one extra instance in another AZ: instances are placed
  # round-robin over the AZs (Aurora does not promise to spread them by itself).
  aurora_instance_count = 1 + max(var.read_replicas, var.multi_az ? 1 : 0)
  aurora_instances = {
    for i in range(local.aurora_instance_count) : "instance-${i + 1}" => {
      instance_class      = local.is_serverless ? "db.serverless" : var.instance_class
      availability_zone   = length(var.azs) > 0 ? var.azs[i % length(var.azs)] : null
      publicly_accessible = false
      # Performance Insights (7 days are free), encrypted with the environment key.
      performance_insights_enabled    = true
      performance_insights_kms_key_id = var.kms_key_arn
    }
  }

  force_ssl = [{
    name         = "rds.force_ssl"
    value        = "1"
    apply_method = "immediate"
  }]
}

module "aurora" {
  source  = "terraform-aws-modules/rds-aurora/aws"
  version = "10.2.0"
  count   = local.is_rds ? 0 : 1

  name           = var.name
  engine         = "aurora-postgresql"
  engine_version = var.engine_version
  instances      = local.aurora_instances

  # min 0 ACU lets the cluster auto-pause when idle (dev/staging).
  serverlessv2_scaling_configuration = local.is_serverless ? {
    min_capacity             = 0
    max_capacity             = var.serverless_max_acu
    seconds_until_auto_pause = 3600
  } : null

  vpc_id                 = var.vpc_id
  create_db_subnet_group = false
  db_subnet_group_name   = var.db_subnet_group_name
  create_security_group  = true
  security_group_ingress_rules = {
    for i, cidr in var.allowed_cidr_blocks : "private-${i}" => { cidr_ipv4 = cidr }
  }

  storage_encrypted             = true
  kms_key_id                    = var.kms_key_arn
  manage_master_user_password   = true
  master_user_secret_kms_key_id = var.kms_key_arn
  master_username               = "app_admin"

  cluster_parameter_group = {
    name       = "${var.name}-aurora-pg${local.major_version}"
    family     = "aurora-postgresql${local.major_version}"
    parameters = local.force_ssl
  }

  backup_retention_period = var.backup_retention_days
  deletion_protection     = var.deletion_protection
  # A final snapshot on delete and on replacement; its name is fixed (no random provider in
  # stage 1), so delete or rename an old one before destroying a second time.
  skip_final_snapshot             = false
  final_snapshot_identifier       = "${var.name}-final"
  copy_tags_to_snapshot           = true
  enabled_cloudwatch_logs_exports = ["postgresql"]

  # The enhanced-monitoring role, when monitoring is turned on: under /platform/workloads/
  # with the workload boundary, as terraform-apply requires (platform-bootstrap stack).
  iam_role_name                 = "${var.name}-monitoring"
  iam_role_use_name_prefix      = false
  iam_role_path                 = "/platform/workloads/"
  iam_role_permissions_boundary = var.permissions_boundary_arn

  tags = var.tags
}

resource "aws_security_group" "rds" {
  count       = local.is_rds ? 1 : 0
  name_prefix = "${var.name}-rds-"
  description = "PostgreSQL from the private subnets"
  vpc_id      = var.vpc_id
  tags        = var.tags
}

resource "aws_vpc_security_group_ingress_rule" "rds" {
  for_each          = local.is_rds ? toset(var.allowed_cidr_blocks) : toset([])
  security_group_id = aws_security_group.rds[0].id
  cidr_ipv4         = each.value
  from_port         = 5432
  to_port           = 5432
  ip_protocol       = "tcp"
}

module "rds" {
  source  = "terraform-aws-modules/rds/aws"
  version = "7.2.0"
  count   = local.is_rds ? 1 : 0

  identifier = var.name
  engine     = "postgres"
  # The major version only: RDS applies minor upgrades itself (auto_minor_version_upgrade), and
  # a pinned minor would make every later plan try to downgrade.
  engine_version       = local.major_version
  family               = "postgres${local.major_version}"
  major_engine_version = local.major_version
  instance_class       = var.instance_class

  allocated_storage     = 50
  storage_type          = "gp3" # the API's default is still gp2
  max_allocated_storage = 500
  storage_encrypted     = true
  kms_key_id            = var.kms_key_arn

  username                      = "app_admin"
  manage_master_user_password   = true
  master_user_secret_kms_key_id = var.kms_key_arn

  multi_az               = var.multi_az
  publicly_accessible    = false
  create_db_subnet_group = false
  db_subnet_group_name   = var.db_subnet_group_name
  vpc_security_group_ids = [aws_security_group.rds[0].id]

  parameters = [{ name = "rds.force_ssl", value = "1" }]

  backup_retention_period          = var.backup_retention_days
  deletion_protection              = var.deletion_protection
  skip_final_snapshot              = false
  final_snapshot_identifier_prefix = "final" # rds/aws appends -<identifier>-<random hex>
  performance_insights_enabled     = true
  performance_insights_kms_key_id  = var.kms_key_arn
  enabled_cloudwatch_logs_exports  = ["postgresql"]

  # rds/aws cannot put its monitoring role under /platform/workloads/ (no path input), and
  # terraform-apply creates roles nowhere else: enhanced monitoring needs a role of ours.
  create_monitoring_role = false

  tags = var.tags
}

# RDS read replicas are separate instances replicating from the primary.
module "rds_replica" {
  source  = "terraform-aws-modules/rds/aws"
  version = "7.2.0"
  count   = local.is_rds ? var.read_replicas : 0

  identifier           = "${var.name}-replica-${count.index + 1}"
  replicate_source_db  = module.rds[0].db_instance_identifier
  engine               = "postgres"
  engine_version       = local.major_version
  family               = "postgres${local.major_version}"
  major_engine_version = local.major_version
  instance_class       = var.instance_class

  storage_type           = "gp3"
  storage_encrypted      = true
  kms_key_id             = var.kms_key_arn
  publicly_accessible    = false
  vpc_security_group_ids = [aws_security_group.rds[0].id]
  parameters             = [{ name = "rds.force_ssl", value = "1" }]

  backup_retention_period = 0
  deletion_protection     = var.deletion_protection
  skip_final_snapshot     = true
  create_monitoring_role  = false # see module.rds

  tags = var.tags
}
