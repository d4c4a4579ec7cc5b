import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { checkServiceOutput } from '../service/outputChecks';
import { readFiles, resolveInside } from '@platform-portal/platform-node';
import { examples } from './serviceValidate.examples';

export const SERVICE_VALIDATE_ACTION_ID = 'platform:service:validate';

/**
 * Checks the rendered service repository before it is published: YAML parses, no template
 * leftovers, workflows actionlint-clean with no user-controlled text in scripts, ArgoCD
 * Applications valid against their schema, catalog-info.yaml valid for the catalog.
 * (Helm, pytest and the frontend build run in the portal's CI on rendered samples.)
 */
export function createServiceValidateAction() {
  return createTemplateAction({
    id: SERVICE_VALIDATE_ACTION_ID,
    description:
      'Validates a rendered flask-react-service repository: YAML, workflows (actionlint, no script injection), ArgoCD Applications, catalog-info.yaml.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        name: z =>
          z.string().describe('Service name the catalog entity must carry'),
        owner: z => z.string().describe('Owner the catalog entity must carry'),
        path: z =>
          z.string().optional().describe('Workspace folder of the repository'),
      },
      output: {
        checkedFiles: z => z.number(),
        workflows: z => z.number(),
        manifests: z => z.number(),
      },
    },
    async handler(ctx) {
      const root = resolveInside(
        ctx.workspacePath,
        ctx.input.path ?? '.',
        'path',
      );
      const files = await readFiles(root);
      const result = await checkServiceOutput(files, {
        name: ctx.input.name,
        owner: ctx.input.owner,
      });
      if (result.problems.length > 0) {
        throw new InputError(
          `The rendered repository has ${
            result.problems.length
          } problem(s):\n${result.problems
            .map(p => `${p.file}: ${p.message}`)
            .join('\n')}`,
        );
      }
      ctx.logger.info(
        `Validated ${Object.keys(files).length} files: ${
          result.workflows
        } workflows, ${result.manifests} manifests, catalog-info.yaml`,
      );
      ctx.output('checkedFiles', Object.keys(files).length);
      ctx.output('workflows', result.workflows);
      ctx.output('manifests', result.manifests);
    },
  });
}
