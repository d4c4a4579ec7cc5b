import type { EnvironmentRequest, PolicyResult } from '../../types';
import { result } from '../requestChecks';
import { requiresSetting } from './settings';

/** `state-encryption` (warning): Terraform state in S3, encrypted. */
export function stateEncryption(
  request: EnvironmentRequest,
  text: string,
): PolicyResult {
  return result(
    'state-encryption',
    'warning',
    /backend\s+"s3"/.test(text) && requiresSetting(text, 'encrypt', 'true'),
    'Terraform state is stored encrypted in S3',
    `environments/${request.name}/main.tf should use an S3 backend with encrypt = true`,
  );
}
