import { RenderedFiles, ValidationProblem } from '../types';
import { validateKubernetesFiles } from './kubernetes';
import { ModuleInputsCatalog } from './moduleInputs';
import { parseHcl, validateTerraformFile } from './terraform';

/**
 * Stage 2: YAML under `environments/<name>/cluster/` and `environments/<name>/gitops/`, or under
 * `cluster/` and `gitops/` when the files are relative to one environment's root.
 */
const STAGE_TWO_FILE =
  /^(.*\/)?environments\/[^/]+\/(cluster|gitops)\/.+\.ya?ml$|^(cluster|gitops)\/.+\.ya?ml$/;

/**
 * Validates generated files: HCL syntax (.tf and .tfvars), registry module pins and inputs,
 * local module variables (when `localModules` maps module name -> variable
 * names) and the Kubernetes manifests of stage 2 under `cluster/` and `gitops/`.
 */
export async function validateRenderedFiles(
  files: RenderedFiles,
  moduleInputs: ModuleInputsCatalog,
  localModules?: Record<string, string[]>,
): Promise<ValidationProblem[]> {
  const problems: ValidationProblem[] = [];
  const manifests: Record<string, string> = {};
  for (const [file, text] of Object.entries(files).sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    if (file.endsWith('.tf')) {
      problems.push(
        ...(await validateTerraformFile(
          file,
          text,
          moduleInputs,
          localModules,
        )),
      );
    } else if (file.endsWith('.tfvars')) {
      problems.push(...(await parseHcl(file, text)).problems);
    } else if (STAGE_TWO_FILE.test(file)) {
      manifests[file] = text;
    }
  }
  problems.push(...(await validateKubernetesFiles(manifests)));
  return problems;
}
