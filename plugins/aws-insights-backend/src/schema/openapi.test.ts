import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { mockServices } from '@backstage/backend-test-utils';
import { AwsInsightsService } from '../service/AwsInsightsService';
import { createRouter } from '../service/router';
import { spec as generatedSpec } from './openapi/generated';
import { specValidator } from './__testUtils__/specValidator';

const spec = parseYaml(
  readFileSync(resolvePath(__dirname, 'openapi.yaml'), 'utf8'),
);

describe('openapi.yaml', () => {
  it('describes exactly the routes the router serves', async () => {
    const router = await createRouter({
      service: {} as AwsInsightsService,
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions(),
    });
    const served = (router as any).stack
      .filter((layer: any) => layer.route)
      .map((layer: any) => layer.route.path.replace(/:(\w+)/g, '{$1}'))
      // Added by Backstage's OpenAPI router: the spec itself.
      .filter((path: string) => path !== '/openapi.json')
      .sort();
    expect(served).toEqual(Object.keys(spec.paths).sort());
  });

  it('is what the generated router validates against (as repo-tools checks)', () => {
    expect(JSON.parse(JSON.stringify(generatedSpec))).toEqual(spec);
  });

  it('has generated code that is up to date (scripts/openapi.mjs --check)', () => {
    // Throws with the script's message naming the stale files and the command to run.
    const out = execFileSync(
      process.execPath,
      [resolvePath(__dirname, '../../scripts/openapi.mjs'), '--check'],
      { encoding: 'utf8', stdio: 'pipe' },
    );
    expect(out).toContain('OpenAPI code is current.');
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
    expect(
      validate('/fleet', 503, {
        error: { name: 'ServiceUnavailableError', message: 'not yet' },
        response: { statusCode: 503 },
      }),
    ).toEqual([]);
  });
});
