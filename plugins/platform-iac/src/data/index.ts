import {
  loadModuleInputs,
  loadModuleVariableTypes,
  ModuleInputsCatalog,
  ModuleVariableTypesCatalog,
} from '../validate/moduleInputs';
import pinned from './terraform-module-inputs.json';
import variableTypes from './terraform-module-variable-types.json';

/**
 * Declared input variables of the terraform-aws-modules versions that generated roots and the
 * module library pin (vpc, vpc-endpoints, eks, karpenter, eks-managed-node-group, rds-aurora,
 * rds, iam-role-for-service-accounts). Keyed by registry source; see the JSON for versions.
 * Bundled so the portal validates without network access to the Terraform registry.
 */
export const PINNED_MODULE_INPUTS: ModuleInputsCatalog = loadModuleInputs(pinned);

/**
 * Declared types of the same modules' variables at the same tags (repository, tag and commit
 * recorded per module), for checking the shape of module arguments. Regenerate with
 * `node plugins/platform-iac/scripts/generate-module-variable-types.mjs <dir with the repositories>`.
 */
export const PINNED_MODULE_VARIABLE_TYPES: ModuleVariableTypesCatalog =
  loadModuleVariableTypes(variableTypes);
