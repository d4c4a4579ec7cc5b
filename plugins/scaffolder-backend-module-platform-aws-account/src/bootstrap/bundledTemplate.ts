import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';

/** CloudFormation's limit for a TemplateBody sent inline. */
export const MAX_TEMPLATE_BYTES = 51_200;

/** The template this package ships (`files` in package.json) and the only one it deploys. */
export const BUNDLED_TEMPLATE_FILE = resolvePackagePath(
  '@platform-portal/plugin-scaffolder-backend-module-platform-aws-account',
  'cloudformation',
  'platform-bootstrap.yaml',
);

/** The bootstrap template as read once at module start-up, with its digest. */
export interface BundledTemplate {
  file: string;
  body: string;
  /** sha256 of `body`, hex. */
  sha256: string;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Reads the bundled template once. A task workspace never supplies the template: whatever a
 * template's earlier steps put there, the stack is made from this file.
 */
export async function loadBundledTemplate(
  file: string = BUNDLED_TEMPLATE_FILE,
): Promise<BundledTemplate> {
  const body = await fs.readFile(file, 'utf8');
  if (Buffer.byteLength(body) > MAX_TEMPLATE_BYTES) {
    throw new Error(
      `${file} is larger than CloudFormation's ${MAX_TEMPLATE_BYTES}-byte inline TemplateBody limit`,
    );
  }
  return { file, body, sha256: sha256Hex(body) };
}

/**
 * The body about to be sent to CloudFormation, after checking it still has the digest taken at
 * start-up: nothing between loading and deploying may have replaced it.
 */
export function verifiedTemplateBody(template: BundledTemplate): string {
  const actual = sha256Hex(template.body);
  if (actual !== template.sha256) {
    throw new Error(
      `The bootstrap template to deploy has sha256 ${actual}, not ${template.sha256} of the bundled ${template.file}; refusing to deploy it`,
    );
  }
  return template.body;
}
