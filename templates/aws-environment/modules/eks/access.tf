# The Argo CD hub (the EKS Argo CD capability in the shared account) delivers stage 2: its
# capability role gets an access entry on this cluster, so no runner needs network access to
# the private endpoint and nobody runs kubectl.
#
# Cluster admin, cluster-wide: Argo CD installs the charts' CustomResourceDefinitions,
# ClusterRoles/ClusterRoleBindings, webhooks and namespaces, which no narrower EKS access policy
# (AmazonEKSAdminPolicy is namespaced-resources only and cannot create CRDs) allows. The hub's
# AppProject for this environment limits what the hub may sync here.
resource "aws_eks_access_entry" "gitops_hub" {
  cluster_name  = module.eks.cluster_name
  principal_arn = var.gitops_hub_role_arn
  type          = "STANDARD"
  tags          = var.tags
}

resource "aws_eks_access_policy_association" "gitops_hub" {
  cluster_name  = module.eks.cluster_name
  principal_arn = aws_eks_access_entry.gitops_hub.principal_arn
  policy_arn    = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"

  access_scope {
    type = "cluster"
  }
}
