data "aws_partition" "current" {}
data "aws_caller_identity" "current" {}

locals {
  partition = data.aws_partition.current.partition
  deployers = [for r in var.bootstrap_deployer_role_names : "arn:${local.partition}:iam::*:role/${r}"]

  protected_iam = concat(
    [for r in var.bootstrap_role_names : "arn:${local.partition}:iam::*:role/${r}"],
    [for p in var.bootstrap_policy_paths : "arn:${local.partition}:iam::*:policy${p}*"],
    ["arn:${local.partition}:iam::*:oidc-provider/token.actions.githubusercontent.com"],
  )
  protected_iam_actions = [
    "iam:AttachRolePolicy", "iam:CreateRole", "iam:DeleteRole", "iam:DeleteRolePermissionsBoundary",
    "iam:DeleteRolePolicy", "iam:DetachRolePolicy", "iam:PutRolePermissionsBoundary",
    "iam:PutRolePolicy", "iam:UpdateAssumeRolePolicy", "iam:UpdateRole",
    "iam:UpdateRoleDescription", "iam:TagRole", "iam:UntagRole",
    "iam:CreatePolicy", "iam:CreatePolicyVersion", "iam:DeletePolicy", "iam:DeletePolicyVersion",
    "iam:SetDefaultPolicyVersion", "iam:TagPolicy", "iam:UntagPolicy",
    "iam:CreateOpenIDConnectProvider", "iam:DeleteOpenIDConnectProvider",
    "iam:UpdateOpenIDConnectProviderThumbprint", "iam:AddClientIDToOpenIDConnectProvider",
    "iam:RemoveClientIDFromOpenIDConnectProvider",
  ]
}

# What keeps an account's baseline and bootstrap in place, whoever is admin in the account.
data "aws_iam_policy_document" "protect_baseline" {
  statement {
    sid       = "DenyLeavingTheOrganization"
    effect    = "Deny"
    actions   = ["organizations:LeaveOrganization"]
    resources = ["*"]
  }

  statement {
    sid    = "DenyDisablingTheBaseline"
    effect = "Deny"
    actions = [
      "guardduty:DeleteDetector", "guardduty:DisassociateFromAdministratorAccount",
      "guardduty:DisassociateFromMasterAccount", "guardduty:StopMonitoringMembers",
      "cloudtrail:DeleteTrail", "cloudtrail:StopLogging",
      "config:DeleteConfigurationRecorder", "config:DeleteDeliveryChannel",
      "config:StopConfigurationRecorder",
      "securityhub:DisableSecurityHub", "securityhub:BatchDisableStandards",
      "securityhub:DisassociateFromAdministratorAccount", "securityhub:DisassociateFromMasterAccount",
      "access-analyzer:DeleteAnalyzer",
      "ec2:DisableEbsEncryptionByDefault",
    ]
    resources = ["*"]
    condition {
      test     = "ArnNotLike"
      variable = "aws:PrincipalArn"
      values   = local.deployers
    }
  }

  # The bootstrap's roles, boundary and OIDC provider change only through its stack: by the
  # deployer role (first statement) and only via CloudFormation (second statement).
  statement {
    sid       = "DenyBootstrapChangesByOthers"
    effect    = "Deny"
    actions   = local.protected_iam_actions
    resources = local.protected_iam
    condition {
      test     = "ArnNotLike"
      variable = "aws:PrincipalArn"
      values   = local.deployers
    }
  }

  statement {
    sid       = "DenyBootstrapChangesOutsideCloudFormation"
    effect    = "Deny"
    actions   = local.protected_iam_actions
    resources = local.protected_iam
    condition {
      test     = "StringNotEquals"
      variable = "aws:CalledViaFirst"
      values   = ["cloudformation.amazonaws.com"]
    }
  }

  statement {
    sid    = "DenyBootstrapStackChangesByOthers"
    effect = "Deny"
    actions = [
      "cloudformation:CreateChangeSet", "cloudformation:CreateStack", "cloudformation:DeleteStack",
      "cloudformation:ExecuteChangeSet", "cloudformation:SetStackPolicy",
      "cloudformation:UpdateStack", "cloudformation:UpdateTerminationProtection",
    ]
    resources = ["arn:${local.partition}:cloudformation:*:*:stack/${var.bootstrap_stack_name}/*"]
    condition {
      test     = "ArnNotLike"
      variable = "aws:PrincipalArn"
      values   = local.deployers
    }
  }
}

# AWS's example region SCP: everything but the global services only in the allowed regions.
data "aws_iam_policy_document" "region_allow_list" {
  statement {
    sid         = "DenyOutsideAllowedRegions"
    effect      = "Deny"
    not_actions = var.global_service_actions
    resources   = ["*"]
    condition {
      test     = "StringNotEquals"
      variable = "aws:RequestedRegion"
      values   = var.allowed_regions
    }
    condition {
      test     = "ArnNotLike"
      variable = "aws:PrincipalArn"
      values   = local.deployers
    }
  }
}

locals {
  policies = {
    protect-baseline = {
      description = "No leaving the organisation, no disabling GuardDuty/CloudTrail/Config/Security Hub/Access Analyzer/EBS encryption, no changes to the account bootstrap but through its stack."
      content     = data.aws_iam_policy_document.protect_baseline.minified_json
    }
    region-allow-list = {
      description = "Deny everything but global services outside ${join(", ", var.allowed_regions)}."
      content     = data.aws_iam_policy_document.region_allow_list.minified_json
    }
  }
  attachments = {
    for pair in setproduct(keys(local.policies), var.policy_target_ids) :
    "${pair[0]}/${pair[1]}" => { policy = pair[0], target = pair[1] }
  }
}

resource "aws_organizations_policy" "this" {
  for_each    = local.policies
  name        = "${var.name_prefix}-${each.key}"
  description = each.value.description
  type        = "SERVICE_CONTROL_POLICY"
  content     = each.value.content
  tags        = var.tags
}

resource "aws_organizations_policy_attachment" "this" {
  for_each  = local.attachments
  policy_id = aws_organizations_policy.this[each.value.policy].id
  target_id = each.value.target
}

# One monthly cost budget per member account, created in the management account and filtered
# on the linked account: 80% forecast and 100% actual go to the owning team.
resource "aws_budgets_budget" "account" {
  for_each     = var.enable_budgets ? var.accounts : {}
  account_id   = data.aws_caller_identity.current.account_id
  name         = "${each.key}-monthly"
  budget_type  = "COST"
  limit_amount = format("%.2f", each.value.monthly_budget_usd)
  limit_unit   = "USD"
  time_unit    = "MONTHLY"

  cost_filter {
    name   = "LinkedAccount"
    values = [each.value.account_id]
  }

  notification {
    comparison_operator        = "GREATER_THAN"
    threshold                  = 80
    threshold_type             = "PERCENTAGE"
    notification_type          = "FORECASTED"
    subscriber_email_addresses = each.value.alert_emails
  }

  notification {
    comparison_operator        = "GREATER_THAN"
    threshold                  = 100
    threshold_type             = "PERCENTAGE"
    notification_type          = "ACTUAL"
    subscriber_email_addresses = each.value.alert_emails
  }

  tags = var.tags
}
