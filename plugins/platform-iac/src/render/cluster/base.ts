import { EnvironmentRequest } from '../../types';
import {
  PLATFORM_NAMESPACES,
  PlatformNamespace,
  STORAGE_CLASS,
  WAVE,
  kmsAliasArn,
  waveAnnotations,
  yamlFile,
} from './manifests';

/**
 * Pod Security Admission level each platform namespace enforces. node-exporter (monitoring)
 * needs host networking, host PID and hostPath volumes, which only `privileged` admits; the
 * controllers run as non-root without host access, so `baseline` is enforced and `restricted`
 * is audited and warned about.
 */
const POD_SECURITY: Record<PlatformNamespace, 'baseline' | 'privileged'> = {
  karpenter: 'baseline',
  'external-secrets': 'baseline',
  monitoring: 'privileged',
};

export function namespace(name: PlatformNamespace) {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name,
      annotations: waveAnnotations(WAVE.base),
      labels: {
        'pod-security.kubernetes.io/enforce': POD_SECURITY[name],
        'pod-security.kubernetes.io/audit': 'restricted',
        'pod-security.kubernetes.io/warn': 'restricted',
      },
    },
  };
}

export function storageClass(request: EnvironmentRequest) {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: {
      name: STORAGE_CLASS,
      annotations: {
        ...waveAnnotations(WAVE.base),
        'storageclass.kubernetes.io/is-default-class': 'true',
      },
    },
    // The EBS CSI driver is an EKS add-on of stage 1.
    provisioner: 'ebs.csi.aws.com',
    parameters: {
      type: 'gp3',
      encrypted: 'true',
      kmsKeyId: kmsAliasArn(request),
      'csi.storage.k8s.io/fstype': 'ext4',
    },
    reclaimPolicy: request.tier === 'prod' ? 'Retain' : 'Delete',
    allowVolumeExpansion: true,
    // A volume is created in the AZ where its pod lands, not in a random one.
    volumeBindingMode: 'WaitForFirstConsumer',
  };
}

/** `cluster/namespaces.yaml` and `cluster/storage/` files relative to the environment root. */
export function renderBaseManifests(
  request: EnvironmentRequest,
): Record<string, string> {
  return {
    'cluster/namespaces.yaml': yamlFile(
      [
        'Namespaces of the platform add-ons (the load balancer controller runs in kube-system).',
        'Pod Security: enforce baseline (monitoring: privileged for node-exporter), audit and warn restricted.',
      ],
      PLATFORM_NAMESPACES.map(namespace),
    ),
    'cluster/storage/storageclass.yaml': yamlFile(
      [
        'The default StorageClass: gp3, encrypted with the environment key.',
        'EKS clusters created on Kubernetes 1.30 or later keep their gp2 StorageClass without the',
        'default-class annotation, so this is the only default. EKS manages gp2 and this stage',
        'leaves it alone; a cluster created earlier and upgraded still marks gp2 as default: remove',
        'that annotation there (with two defaults Kubernetes picks the newest, this one, but two',
        'defaults hide mistakes).',
        request.tier === 'prod'
          ? 'prod keeps released volumes (reclaimPolicy Retain): delete them by hand once not needed.'
          : 'Released volumes are deleted with their claim (reclaimPolicy Delete; prod retains them).',
      ],
      [storageClass(request)],
    ),
  };
}
