import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TIERS } from '../types';
import { cost, network, request } from './__fixtures__/requests';
import { renderEnvironment } from './renderEnvironment';

const MODULES = path.resolve(
  __dirname,
  '../../../../templates/aws-environment/modules',
);

function hasTerraform(): boolean {
  return spawnSync('terraform', ['version'], { stdio: 'ignore' }).status === 0;
}

const haveTerraform = hasTerraform();
if (!haveTerraform) {
  // eslint-disable-next-line no-console
  console.warn('terraform not on PATH: skipping the terraform fmt check');
}

describe('terraform fmt', () => {
  it('finds nothing to change in rendered roots and the module library', () => {
    if (!haveTerraform) return; // see the warning above
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'platform-iac-fmt-'));
    try {
      for (const tier of TIERS) {
        const files = renderEnvironment({
          request: request(tier),
          network: network(tier),
          cost: cost(tier),
        });
        for (const [file, content] of Object.entries(files)) {
          fs.mkdirSync(path.dirname(path.join(dir, file)), {
            recursive: true,
          });
          fs.writeFileSync(path.join(dir, file), content);
        }
      }
      fs.cpSync(MODULES, path.join(dir, 'modules'), { recursive: true });
      const result = spawnSync(
        'terraform',
        ['fmt', '-check', '-recursive', '-diff', dir],
        {
          encoding: 'utf8',
        },
      );
      expect(result.stdout).toBe('');
      expect(result.status).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
