import type { EnvironmentRequest, PolicyResult } from '../../types';
import { result } from '../requestChecks';
import { requiresSetting } from './settings';

/** IMDSv2: `http_tokens = "required"` present and never "optional". */
function requiresImdsV2(text: string, allFiles: string): boolean {
  const yamlOptional = /httpTokens\s*:\s*["']?optional/.test(allFiles);
  return requiresSetting(text, 'http_tokens', 'required') && !yamlOptional;
}

/** `imdsv2-required`: node groups and Karpenter node classes require IMDSv2. */
export function imdsV2Required(
  request: EnvironmentRequest,
  text: string,
  files: Record<string, string>,
): PolicyResult {
  return result(
    'imdsv2-required',
    'error',
    requiresImdsV2(text, Object.values(files).join('\n')),
    'nodes require IMDSv2 (http_tokens = "required")',
    `environments/${request.name}/main.tf must set metadata_options { http_tokens = "required" } on node groups and never "optional"`,
  );
}
