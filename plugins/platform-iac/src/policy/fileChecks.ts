import type { EnvironmentRequest, PolicyResult } from '../types';
import { result } from './requestChecks';
import { stripComments } from './terraformText';
import { workloadIamCheck } from './workloadIam';
import { localModuleDirs } from './environmentFiles';
import { STAGE_CHECK_IDS, stageChecks } from './rules';
import { databaseSettingChecks } from './rules/database';
import { imdsV2Required } from './rules/nodes';
import { stateEncryption } from './rules/state';

/** Ids of the checks on rendered files, in result order. */
export const FILE_CHECK_IDS = [
  'kms-encryption',
  'imdsv2-required',
  'tls-to-database',
  'deletion-protection',
  'state-encryption',
  'workload-iam',
  ...STAGE_CHECK_IDS,
] as const;

/**
 * Text checks on the rendered Terraform root `environments/<name>/`.
 * `main.tf` must exist; settings are looked for in every `.tf`/`.hcl` file
 * of that folder (comments removed), so the renderer may split the root
 * into several files, plus the `.tf` files of local modules it calls
 * (`source = "../../modules/x"`) when those are included in `files`.
 * Each check requires the secure value to be present and no insecure
 * value to be set anywhere.
 */
export function environmentText(
  request: EnvironmentRequest,
  files: Record<string, string>,
): string | undefined {
  const dir = `environments/${request.name}/`;
  if (files[`${dir}main.tf`] === undefined) return undefined;
  const rootFiles = Object.keys(files).filter(
    path => path.startsWith(dir) && /\.(tf|hcl)$/.test(path),
  );
  const root = rootFiles.map(path => stripComments(files[path])).join('\n');
  const moduleDirs = localModuleDirs(dir.slice(0, -1), root);
  const moduleFiles = Object.keys(files).filter(
    path =>
      path.endsWith('.tf') && moduleDirs.some(m => path.startsWith(`${m}/`)),
  );
  return [...rootFiles.sort(), ...moduleFiles.sort()]
    .map(path => stripComments(files[path]))
    .join('\n');
}

export function fileChecks(
  request: EnvironmentRequest,
  files: Record<string, string>,
): PolicyResult[] {
  const text = environmentText(request, files);
  if (text === undefined) {
    const missing = `environments/${request.name}/main.tf was not rendered`;
    return FILE_CHECK_IDS.map(id => result(id, 'error', false, '', missing));
  }
  const database = databaseSettingChecks(request, text);
  return [
    database.kms,
    imdsV2Required(request, text, files),
    database.tls,
    database.deletion,
    stateEncryption(request, text),
    workloadIamCheck(request, files),
    ...stageChecks(request, files),
  ];
}
