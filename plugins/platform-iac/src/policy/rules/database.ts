import type { EnvironmentRequest, PolicyResult } from '../../types';
import { argumentsOf, TfFile, unquote } from '../environmentFiles';
import { result } from '../requestChecks';
import {
  attributeValues,
  enclosingBlock,
  hasAttribute,
} from '../terraformText';
import { requiresSetting } from './settings';

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

/**
 * Database settings in the environment's Terraform text (`environmentText`): `kms-encryption`,
 * `tls-to-database` and, in prod, `deletion-protection`.
 */
export function databaseSettingChecks(
  request: EnvironmentRequest,
  text: string,
): Record<'kms' | 'tls' | 'deletion', PolicyResult> {
  const mainTf = `environments/${request.name}/main.tf`;
  const prod = request.tier === 'prod';
  return {
    kms: result(
      'kms-encryption',
      'error',
      requiresSetting(text, 'storage_encrypted', 'true'),
      'database storage is encrypted with KMS',
      `${mainTf} must set storage_encrypted = true on the database and never false`,
    ),
    tls: result(
      'tls-to-database',
      'error',
      forcesTls(text),
      'database parameter group sets rds.force_ssl = 1',
      `${mainTf} must set the database parameter rds.force_ssl to 1`,
    ),
    deletion: result(
      'deletion-protection',
      'error',
      !prod || requiresSetting(text, 'deletion_protection', 'true'),
      prod
        ? 'prod database has deletion_protection = true'
        : `deletion protection is optional in ${request.tier}`,
      `${mainTf} must set deletion_protection = true on the prod database and never false`,
    ),
  };
}

/** Public databases are checked in two places, so it lives apart from `fileChecks`. */
export function databaseIsPrivateInFiles(text: string): boolean {
  return requiresSetting(text, 'publicly_accessible', 'false');
}

/**
 * Blocks whose `skip_final_snapshot` defaults to false (provider resources and pinned modules),
 * and the argument that names the final snapshot there.
 */
const SNAPSHOT_TAKERS: Record<string, string[]> = {
  'resource aws_db_instance': ['final_snapshot_identifier'],
  'resource aws_rds_cluster': ['final_snapshot_identifier'],
  'module terraform-aws-modules/rds-aurora/aws': ['final_snapshot_identifier'],
  // rds/aws builds the identifier from the prefix and the instance identifier.
  'module terraform-aws-modules/rds/aws': [
    'final_snapshot_identifier_prefix',
    'final_snapshot_identifier',
  ],
};

function snapshotProblems(file: TfFile): string[] {
  const problems: string[] = [];
  for (const block of file.body.blocks) {
    const args = argumentsOf(block).attributes;
    const kind =
      block.type === 'module'
        ? `module ${unquote(args.get('source'))}`
        : `${block.type} ${block.labels[0]}`;
    const names = SNAPSHOT_TAKERS[kind];
    const skip = args.get('skip_final_snapshot');
    // Any block that turns final snapshots on explicitly is held to the same rule.
    if (!names && skip !== 'false') continue;
    if (skip === 'true') continue;
    const named = (names ?? ['final_snapshot_identifier']).some(n => {
      const value = args.get(n);
      return value !== undefined && value !== 'null' && value !== '""';
    });
    if (!named) {
      problems.push(
        `${file.path}: ${
          block.type === 'module' ? 'module.' : ''
        }${block.labels.join(
          '.',
        )} takes a final snapshot (skip_final_snapshot = ${
          skip ?? 'false (default)'
        }) without ${(names ?? ['final_snapshot_identifier']).join(' or ')}`,
      );
    }
  }
  return problems;
}

/** `final-snapshot` (A8): a destroy or replacement fails when the final snapshot has no name. */
export function finalSnapshot(tf: TfFile[]): PolicyResult {
  const problems = tf.flatMap(snapshotProblems);
  return result(
    'final-snapshot',
    'error',
    problems.length === 0,
    'every database that takes a final snapshot names it',
    `final-snapshot: ${problems.join('; ')}`,
  );
}
