import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  resolveInside,
  withExpectedRefusals,
} from '@platform-portal/platform-node';
import { validateServiceRepository } from '../service/validateRepository';
import { examples } from './serviceValidate.examples';

export const SERVICE_VALIDATE_ACTION_ID = 'platform:service:validate';

/**
 * Checks the rendered service repository before it is published: YAML parses, no template
 * leftovers, workflows actionlint-clean with no user-controlled text in scripts, ArgoCD
 * Applications valid against their schema, catalog-info.yaml valid for the catalog.
 * (Helm, pytest and the frontend build run in the portal's CI on rendered samples.)
 * platform:service:publish runs the same validation again.
 */
export function createServiceValidateAction() {
  const action = createTemplateAction({
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
      const result = await validateServiceRepository(root, {
        name: ctx.input.name,
        owner: ctx.input.owner,
      });
      ctx.logger.info(
        `Validated ${result.files} files: ${result.workflows} workflows, ${result.manifests} manifests, catalog-info.yaml`,
      );
      ctx.output('checkedFiles', result.files);
      ctx.output('workflows', result.workflows);
      ctx.output('manifests', result.manifests);
    },
  });
  return withExpectedRefusals(action);
}
