import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
// The scaffolder backend's own fetch:template action renders the skeleton exactly as a real task
// does (a dev dependency: only tests load it).
import { createFetchTemplateAction } from '@backstage/plugin-scaffolder-backend';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { createServicePrepareAction } from '../../actions/servicePrepare';
import { serviceActionDeps } from '../serviceActionDeps';
import {
  recordingPublisher,
  serviceCatalog,
  serviceConfig,
  TEMPLATE_DIR,
} from './serviceFixtures';

type Step = { id: string; action: string; input: Record<string, unknown> };

/** The template's steps, so the test renders with the inputs the template really passes. */
export function templateSteps(): Step[] {
  const template = parseYaml(
    readFileSync(join(TEMPLATE_DIR, 'template.yaml'), 'utf8'),
  );
  return template.spec.steps;
}

/**
 * Renders the template for a form into `workspacePath` the way a scaffolder task does: the real
 * prepare action, then the real fetch:template action with each fetch step's inputs from
 * template.yaml (once, and once per environment for the `each` step).
 */
export async function renderService(
  form: Record<string, unknown>,
  workspacePath: string,
) {
  const steps = templateSteps();
  const { publisher } = recordingPublisher();
  const prepare = createServicePrepareAction({
    catalog: serviceCatalog(),
    ...serviceActionDeps(serviceConfig()),
    publisherFor: () => publisher,
  });
  const ctx = createMockActionContext({ input: form as any, workspacePath });
  await prepare.handler(ctx as any);
  const prepared: Record<string, any> = Object.fromEntries(
    (ctx.output as jest.Mock).mock.calls,
  );
  const fetchTemplate = createFetchTemplateAction({
    reader: {} as any, // file: base URLs are copied from disk, never read through the reader
    integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
  });
  const templateInfo = {
    entityRef: 'template:default/flask-react-service',
    baseUrl: `file://${join(TEMPLATE_DIR, 'template.yaml')}`,
  };
  for (const step of steps.filter(s => s.action === 'fetch:template')) {
    const runs: unknown[] =
      step.id === 'render-environments'
        ? prepared.environmentValues
        : [prepared.values];
    for (const values of runs) {
      const { values: _expression, ...input } = step.input;
      await fetchTemplate.handler({
        ...createMockActionContext({
          input: { ...input, values } as any,
          workspacePath,
          templateInfo,
        }),
        // Outside the workspace, as the task runner does (the mock's is inside it).
        createTemporaryDirectory: async () =>
          mkdtempSync(join(tmpdir(), 'portal-fetch-')),
      } as any);
    }
  }
  return prepared as {
    values: Record<string, any>;
    environmentValues: Array<Record<string, any>>;
    entityRef: string;
  };
}
