import type { PolicyResult } from '../../types';
import { argumentsOf, TfFile, unquote } from '../environmentFiles';
import { result } from '../requestChecks';

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
