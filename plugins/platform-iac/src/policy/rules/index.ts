import type { EnvironmentRequest, PolicyResult } from '../../types';
import { environmentManifests, stageOneFiles } from '../environmentFiles';
import { result } from '../requestChecks';
import { noOncePerAccountResources, stageOneAwsOnly } from './awsOnly';
import { controlPlaneLogs, ebsCsiAddon, vpcCniNetworkPolicy } from './cluster';
import { finalSnapshot } from './database';
import {
  albAccessLogs,
  certificateDnsValidation,
  dedicatedNacls,
} from './edge';
import { iamNameLength, iamNamesPerEnvironment } from './iamNames';
import { kmsKeyPolicyServices } from './kmsKeyPolicy';
import {
  coreAddonsPlacement,
  defaultStorageClass,
  pinnedAmiInProd,
  secretStoreScope,
  storageClassExists,
} from './stageTwo';

/** Ids of the checks on the two stages (issue #13), in result order. */
export const STAGE_CHECK_IDS = [
  'stage1-aws-only',
  'no-once-per-account-resources',
  'iam-name-length',
  'iam-names-per-environment',
  'final-snapshot',
  'kms-key-policy-services',
  'control-plane-logs',
  'vpc-cni-network-policy',
  'ebs-csi-addon',
  'dedicated-nacls',
  'alb-access-logs',
  'certificate-dns-validation',
  'pinned-ami-in-prod',
  'secret-store-scope',
  'default-storage-class',
  'storage-class-exists',
  'core-addons-placement',
] as const;

/**
 * Checks on stage 1 (`environments/<name>/*.tf` and the local modules it calls) and stage 2 (the
 * manifests under `environments/<name>/`). Every check fails when `main.tf` was not rendered.
 */
export function stageChecks(
  request: EnvironmentRequest,
  files: Record<string, string>,
): PolicyResult[] {
  const tf = stageOneFiles(request, files);
  if (!tf) {
    const missing = `environments/${request.name}/main.tf was not rendered`;
    return STAGE_CHECK_IDS.map(id => result(id, 'error', false, '', missing));
  }
  const manifests = environmentManifests(request, files);
  return [
    stageOneAwsOnly(tf),
    noOncePerAccountResources(tf),
    iamNameLength(request, files, tf),
    iamNamesPerEnvironment(request, files, tf),
    finalSnapshot(tf),
    kmsKeyPolicyServices(tf, manifests),
    controlPlaneLogs(tf),
    vpcCniNetworkPolicy(tf),
    ebsCsiAddon(tf),
    dedicatedNacls(tf),
    albAccessLogs(tf, manifests),
    certificateDnsValidation(request, tf),
    pinnedAmiInProd(request, manifests),
    secretStoreScope(manifests),
    defaultStorageClass(request, manifests),
    storageClassExists(manifests),
    coreAddonsPlacement(manifests),
  ];
}
