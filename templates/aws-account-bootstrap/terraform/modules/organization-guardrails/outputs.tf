output "policy_ids" {
  description = "Service control policy ids by short name."
  value       = { for k, p in aws_organizations_policy.this : k => p.id }
}

output "budget_names" {
  description = "Budget names by account."
  value       = { for k, b in aws_budgets_budget.account : k => b.name }
}
