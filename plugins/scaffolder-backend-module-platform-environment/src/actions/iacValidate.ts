import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  localModuleVariables,
  PINNED_MODULE_INPUTS,
  ValidationProblem,
  validateRenderedFiles,
} from '@platform-portal/platform-iac';
import {
  readFiles,
  resolveInside,
  withExpectedRefusals,
} from '@platform-portal/platform-node';
import { examples } from './iacValidate.examples';

export const IAC_VALIDATE_ACTION_ID = 'platform:iac:validate';

/** `file:line:col: message`, the form editors and CI logs link to. */
export function formatProblem(p: ValidationProblem): string {
  const where = [p.file, p.line, p.column]
    .filter(v => v !== undefined)
    .join(':');
  return `${where}: ${p.message}`;
}

/**
 * Parses every generated .tf with HashiCorp's HCL parser, checks module arguments against the
 * pinned module inputs and the local modules' variables, and validates Kubernetes manifests
 * against their schemas. Fails with one file:line message per problem.
 */
export function createIacValidateAction() {
  const action = createTemplateAction({
    id: IAC_VALIDATE_ACTION_ID,
    description:
      'Validates generated infrastructure code: HCL syntax, module arguments against the pinned terraform-aws-modules inputs and local modules, Kubernetes manifests against their schemas.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        path: z =>
          z
            .string()
            .optional()
            .describe('Workspace folder to validate (default: all)'),
      },
      output: {
        checkedFiles: z => z.number(),
      },
    },
    async handler(ctx) {
      const root = resolveInside(
        ctx.workspacePath,
        ctx.input.path ?? '.',
        'path',
      );
      const all = await readFiles(root);
      const files = Object.fromEntries(
        Object.entries(all).filter(([p]) => /\.(tf|tfvars|ya?ml)$/.test(p)),
      );
      const problems = await validateRenderedFiles(
        files,
        PINNED_MODULE_INPUTS,
        await localModuleVariables(files),
      );
      if (problems.length > 0) {
        throw new InputError(
          `IaC validation found ${problems.length} problem(s):\n${problems
            .map(formatProblem)
            .join('\n')}`,
        );
      }
      ctx.logger.info(
        `Validated ${Object.keys(files).length} files: no problems`,
      );
      ctx.output('checkedFiles', Object.keys(files).length);
    },
  });
  return withExpectedRefusals(action);
}
