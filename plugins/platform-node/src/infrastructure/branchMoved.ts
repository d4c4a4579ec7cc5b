import { ConflictError } from '@backstage/errors';

/**
 * The one error of a lost compare-and-swap: `branch` no longer points where this publish read it,
 * because another publish (or a person) moved it first. Nothing this publish built is visible,
 * so running it again publishes on top of the new state.
 */
export function branchMovedError(
  target: string,
  branch: string,
): ConflictError {
  return new ConflictError(
    `${branch} of ${target} moved while publishing (another change landed on it first); nothing was written, rerun to publish on top of it`,
  );
}
