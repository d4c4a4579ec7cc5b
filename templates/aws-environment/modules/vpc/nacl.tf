# Network ACLs per subnet tier, on top of the security groups. NACLs are stateless: every tier
# that starts connections to the internet also admits the replies on ephemeral ports.
locals {
  ephemeral = { from_port = 1024, to_port = 65535 }

  allow_all_outbound = [
    { rule_number = 100, rule_action = "allow", protocol = "-1", from_port = 0, to_port = 0, cidr_block = "0.0.0.0/0" },
  ]

  # Replies to connections started in the VPC (through the NAT gateways), and path-MTU
  # discovery (ICMP "fragmentation needed").
  internet_replies = [
    merge(local.ephemeral, { rule_number = 900, rule_action = "allow", protocol = "tcp", cidr_block = "0.0.0.0/0" }),
    merge(local.ephemeral, { rule_number = 910, rule_action = "allow", protocol = "udp", cidr_block = "0.0.0.0/0" }),
    { rule_number = 920, rule_action = "allow", protocol = "icmp", icmp_type = 3, icmp_code = 4, cidr_block = "0.0.0.0/0" },
  ]

  vpc_only_acl_rules = [
    { rule_number = 100, rule_action = "allow", protocol = "-1", from_port = 0, to_port = 0, cidr_block = var.cidr },
  ]

  # Public: HTTPS/HTTP to the load balancers from anywhere; anything from the VPC (the NAT
  # gateways forward the private subnets' traffic; targets answer the load balancers).
  public_inbound_acl_rules = concat([
    { rule_number = 100, rule_action = "allow", protocol = "tcp", from_port = 443, to_port = 443, cidr_block = "0.0.0.0/0" },
    { rule_number = 110, rule_action = "allow", protocol = "tcp", from_port = 80, to_port = 80, cidr_block = "0.0.0.0/0" },
    { rule_number = 120, rule_action = "allow", protocol = "-1", from_port = 0, to_port = 0, cidr_block = var.cidr },
  ], local.internet_replies)

  # Private (nodes and pods): anything from the VPC, replies from the internet, nothing else.
  private_inbound_acl_rules = concat(local.vpc_only_acl_rules, local.internet_replies)

  # Database: PostgreSQL from the private subnets only; replies to them only. No internet route.
  # The database subnets also talk among themselves (Multi-AZ standby and read replicas in the
  # other AZs), so traffic between them is allowed both ways.
  database_peer_rules = [
    for i, cidr in var.database_subnets :
    { rule_number = 200 + i * 10, rule_action = "allow", protocol = "-1", from_port = 0, to_port = 0, cidr_block = cidr }
  ]
  database_inbound_acl_rules = concat([
    for i, cidr in var.private_subnets :
    { rule_number = 100 + i * 10, rule_action = "allow", protocol = "tcp", from_port = 5432, to_port = 5432, cidr_block = cidr }
  ], local.database_peer_rules)
  database_outbound_acl_rules = concat([
    for i, cidr in var.private_subnets :
    merge(local.ephemeral, { rule_number = 100 + i * 10, rule_action = "allow", protocol = "tcp", cidr_block = cidr })
  ], local.database_peer_rules)
}
