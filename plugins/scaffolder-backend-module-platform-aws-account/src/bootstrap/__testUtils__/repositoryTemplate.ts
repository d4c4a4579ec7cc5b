import { readFileSync } from 'node:fs';
import { join, resolve as resolvePath } from 'node:path';
import { parseCloudFormation } from './cloudformationYaml';

/** The repository root, from src/bootstrap/__testUtils__. */
export const REPO_ROOT = resolvePath(__dirname, '../../../../..');
/** The template this package bundles and deploys (cloudformation/ in the package). */
export const TEMPLATE_FILE = resolvePath(
  __dirname,
  '../../../cloudformation/platform-bootstrap.yaml',
);
export const RULES_FILE = join(
  REPO_ROOT,
  'templates/aws-account-bootstrap/guard/platform-bootstrap.guard',
);
export const COLLECTORS_DIR = join(
  REPO_ROOT,
  'plugins/aws-insights-backend/src/collectors',
);
/** The bundled template's text, as the action deploys it. */
export const templateText = readFileSync(TEMPLATE_FILE, 'utf8');
export const template = parseCloudFormation(templateText);
