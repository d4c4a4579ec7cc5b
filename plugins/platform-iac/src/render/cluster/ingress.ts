import { EnvironmentRequest } from '../../types';
import { SKIP_DRY_RUN, WAVE, waveAnnotations, yamlFile } from './manifests';

/** The environment's default IngressClass (the catalog entity names it for service templates). */
export const INGRESS_CLASS_NAME = 'alb';

/** The controller name the load balancer controller answers to in IngressClass.spec.controller. */
export const ALB_CONTROLLER = 'ingress.k8s.aws/alb';

/** TLS 1.3 with TLS 1.2 fallback: the ALB policy AWS recommends for new listeners. */
export const ALB_SSL_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

/**
 * The access-log bucket of stage 1 (alb-ingress module: `<cluster>-alb-logs-<account>-<region>`,
 * SSE-S3 because ALB log delivery does not support SSE-KMS).
 */
export function albAccessLogBucket(request: EnvironmentRequest): string {
  return `${request.name}-alb-logs-${request.account.accountId}-${request.region}`;
}

export function ingressClassParams(request: EnvironmentRequest) {
  return {
    apiVersion: 'elbv2.k8s.aws/v1beta1',
    kind: 'IngressClassParams',
    metadata: {
      name: request.name,
      annotations: waveAnnotations(WAVE.classes, SKIP_DRY_RUN),
    },
    spec: {
      scheme: 'internet-facing',
      ipAddressType: 'ipv4',
      // Pods are targets directly (VPC CNI): no NodePort hop, works with Karpenter nodes.
      targetType: 'ip',
      // Every Ingress of the class shares one ALB, and with it the web ACL.
      group: { name: request.name },
      sslPolicy: ALB_SSL_POLICY,
      // The web ACL of stage 1, found by name (the field exists since the controller's PR 4312).
      wafv2AclName: request.name,
      loadBalancerAttributes: [
        {
          key: 'routing.http.drop_invalid_header_fields.enabled',
          value: 'true',
        },
        {
          key: 'deletion_protection.enabled',
          value: String(request.tier === 'prod'),
        },
        { key: 'access_logs.s3.enabled', value: 'true' },
        { key: 'access_logs.s3.bucket', value: albAccessLogBucket(request) },
      ],
      tags: [
        { key: 'Environment', value: request.name },
        { key: 'Tier', value: request.tier },
      ],
    },
  };
}

export function ingressClass(request: EnvironmentRequest) {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'IngressClass',
    metadata: {
      name: INGRESS_CLASS_NAME,
      annotations: {
        ...waveAnnotations(WAVE.classes),
        'ingressclass.kubernetes.io/is-default-class': 'true',
      },
    },
    spec: {
      controller: ALB_CONTROLLER,
      parameters: {
        apiGroup: 'elbv2.k8s.aws',
        kind: 'IngressClassParams',
        name: request.name,
      },
    },
  };
}

/** `cluster/ingress/` files relative to the environment root. */
export function renderIngressManifests(
  request: EnvironmentRequest,
): Record<string, string> {
  return {
    'cluster/ingress/ingressclass.yaml': yamlFile(
      [
        `The default IngressClass: one internet-facing ALB per environment (group ${request.name}) behind the web ACL ${request.name}.`,
        `No certificateArn: the controller finds the ACM certificate of each Ingress TLS host (stage 1 issues ${request.ingress.domain} and *.${request.ingress.domain}).`,
        'The chart creates neither IngressClass nor IngressClassParams (values createIngressClassResource and',
        'ingressClassParams.create are false): they live here, after the controller is running.',
      ],
      [ingressClassParams(request), ingressClass(request)],
    ),
  };
}
