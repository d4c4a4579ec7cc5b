import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { mockServices } from '@backstage/backend-test-utils';
import { createRouter } from '../service/router';
import { InsightsService } from '../service/InsightsService';

import { specValidator } from './__testUtils__/specValidator';

const spec = parseYaml(
  readFileSync(resolvePath(__dirname, 'openapi.yaml'), 'utf8'),
);

describe('openapi.yaml', () => {
  it('describes exactly the routes the router serves', async () => {
    const router = await createRouter({
      service: {} as InsightsService,
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions(),
    });
    const served = (router as any).stack
      .filter((layer: any) => layer.route)
      .map((layer: any) => layer.route.path.replace(/:(\w+)/g, '{$1}'))
      .sort();
    expect(served).toEqual(Object.keys(spec.paths).sort());
  });

  it('rejects a body that breaks the schema', () => {
    const validate = specValidator();
    expect(
      validate('/history', 200, {
        scope: 'fleet',
        days: 7,
        points: [{ takenAt: 'x' }],
      }),
    ).not.toEqual([]);
    expect(
      validate('/history', 200, { scope: 'fleet', days: 7, points: [] }),
    ).toEqual([]);
  });
});
