import { loadModuleInputs, ModuleInputsCatalog } from '../validate/moduleInputs';
import pinned from './terraform-module-inputs.json';

/**
 * Declared input variables of the terraform-aws-modules versions that generated roots and the
 * module library pin (vpc, vpc-endpoints, eks, karpenter, eks-managed-node-group, rds-aurora,
 * rds, iam-role-for-service-accounts). Keyed by registry source; see the JSON for versions.
 * Bundled so the portal validates without network access to the Terraform registry.
 */
export const PINNED_MODULE_INPUTS: ModuleInputsCatalog = loadModuleInputs(pinned);
