import { InputError } from '@backstage/errors';
import { readFiles } from '@platform-portal/platform-node';
import { checkServiceOutput, ServiceExpectations } from './outputChecks';

/**
 * The one validation of a rendered service repository, run by platform:service:validate and
 * again by platform:service:publish (which trusts no earlier step): every check of
 * checkServiceOutput over the files under `root`. Throws one InputError listing every problem
 * (`file: message` per line).
 */
export async function validateServiceRepository(
  root: string,
  expected: ServiceExpectations,
): Promise<{ files: number; workflows: number; manifests: number }> {
  const files = await readFiles(root);
  const result = await checkServiceOutput(files, expected);
  if (result.problems.length > 0) {
    throw new InputError(
      `The rendered repository has ${
        result.problems.length
      } problem(s):\n${result.problems
        .map(p => `${p.file}: ${p.message}`)
        .join('\n')}`,
    );
  }
  return {
    files: Object.keys(files).length,
    workflows: result.workflows,
    manifests: result.manifests,
  };
}
