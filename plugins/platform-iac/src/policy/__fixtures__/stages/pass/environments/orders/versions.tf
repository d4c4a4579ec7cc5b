# Fixture (policy rules of issue #13): a compact environment that passes every stage check.
# Each file under ../fail/<rule>/ is a copy of one of these files with one defect.
terraform {
  required_version = ">= 1.11"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.100, < 7.0"
    }
  }
}

provider "aws" {
  region = var.region
}
