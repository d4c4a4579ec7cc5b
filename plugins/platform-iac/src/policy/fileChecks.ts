import type { EnvironmentRequest, PolicyResult } from '../types';
import { result } from './requestChecks';
import {
  attributeValues,
  enclosingBlock,
  hasAttribute,
  stripComments,
} from './terraformText';
import { workloadIamCheck } from './workloadIam';
import { localModuleDirs } from './environmentFiles';
import { STAGE_CHECK_IDS, stageChecks } from './rules';

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

/**
 * Present with `good`, and never set to anything else. A module's pass-through `key = var.key`
 * defers to the value its caller sets, which is checked where the caller sets it.
 */
function requiresSetting(text: string, key: string, good: string): boolean {
  const values = attributeValues(text, key).filter(v => v !== `var.${key}`);
  return values.length > 0 && values.every(v => v === good);
}

/**
 * `rds.force_ssl` must be set to 1 in a parameter block, written either as
 * `parameter { name = "rds.force_ssl" value = "1" }` or as a map
 * `{ name = "rds.force_ssl", value = 1 }`. A wrapper-module input
 * `force_ssl = true` is accepted too, as long as it is never false.
 */
function forcesTls(text: string): boolean {
  const hits = [...text.matchAll(/"rds\.force_ssl"/g)];
  // Only boolean wrapper inputs count; a module's own `force_ssl = [{ ... }]` list is not one.
  const wrapperInput = attributeValues(text, 'force_ssl').filter(
    v => v === 'true' || v === 'false',
  );
  if (wrapperInput.length > 0 && wrapperInput.some(v => v !== 'true')) {
    return false;
  }
  if (hits.length === 0) return wrapperInput.length > 0;
  return hits.every(hit =>
    hasAttribute(enclosingBlock(text, hit.index!), 'value', '1'),
  );
}

/** IMDSv2: `http_tokens = "required"` present and never "optional". */
function requiresImdsV2(text: string, allFiles: string): boolean {
  const yamlOptional = /httpTokens\s*:\s*["']?optional/.test(allFiles);
  return requiresSetting(text, 'http_tokens', 'required') && !yamlOptional;
}

export function fileChecks(
  request: EnvironmentRequest,
  files: Record<string, string>,
): PolicyResult[] {
  const mainTf = `environments/${request.name}/main.tf`;
  const text = environmentText(request, files);
  if (text === undefined) {
    const missing = `${mainTf} was not rendered`;
    return FILE_CHECK_IDS.map(id => result(id, 'error', false, '', missing));
  }
  const prod = request.tier === 'prod';
  const allFiles = Object.values(files).join('\n');
  return [
    result(
      'kms-encryption',
      'error',
      requiresSetting(text, 'storage_encrypted', 'true'),
      'database storage is encrypted with KMS',
      `${mainTf} must set storage_encrypted = true on the database and never false`,
    ),
    result(
      'imdsv2-required',
      'error',
      requiresImdsV2(text, allFiles),
      'nodes require IMDSv2 (http_tokens = "required")',
      `${mainTf} must set metadata_options { http_tokens = "required" } on node groups and never "optional"`,
    ),
    result(
      'tls-to-database',
      'error',
      forcesTls(text),
      'database parameter group sets rds.force_ssl = 1',
      `${mainTf} must set the database parameter rds.force_ssl to 1`,
    ),
    result(
      'deletion-protection',
      'error',
      !prod || requiresSetting(text, 'deletion_protection', 'true'),
      prod
        ? 'prod database has deletion_protection = true'
        : `deletion protection is optional in ${request.tier}`,
      `${mainTf} must set deletion_protection = true on the prod database and never false`,
    ),
    result(
      'state-encryption',
      'warning',
      /backend\s+"s3"/.test(text) && requiresSetting(text, 'encrypt', 'true'),
      'Terraform state is stored encrypted in S3',
      `${mainTf} should use an S3 backend with encrypt = true`,
    ),
    workloadIamCheck(request, files),
    ...stageChecks(request, files),
  ];
}

/** Public databases are checked in two places, so it lives apart from `fileChecks`. */
export function databaseIsPrivateInFiles(text: string): boolean {
  return requiresSetting(text, 'publicly_accessible', 'false');
}
