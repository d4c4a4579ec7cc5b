import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RenderedFiles } from '../types';

/**
 * Test-only: the module library (`templates/aws-environment/modules`, passed by the caller) as
 * the scaffolder fetches it into the workspace: `modules/<name>/<file>` -> content.
 */
export function readModuleLibrary(dir: string): RenderedFiles {
  const files: RenderedFiles = {};
  for (const name of readdirSync(dir)) {
    for (const file of readdirSync(join(dir, name))) {
      const path = join(dir, name, file);
      if (statSync(path).isFile()) {
        files[`modules/${name}/${file}`] = readFileSync(path, 'utf8');
      }
    }
  }
  return files;
}
