import type { EnvironmentRequest, PolicyResult } from '../../types';
import {
  argumentsOf,
  dataSources,
  listStrings,
  Manifest,
  manifestsOfKind,
  registryModules,
  resources,
  TfFile,
} from '../environmentFiles';
import { result } from '../requestChecks';

const SUBNET_TIERS = [
  'public',
  'private',
  'database',
  'intra',
  'elasticache',
  'redshift',
];

/** `dedicated-nacls`: every subnet tier of the VPC has its own network ACL, not the default one. */
export function dedicatedNacls(tf: TfFile[]): PolicyResult {
  const vpcs = registryModules(tf, 'terraform-aws-modules/vpc/aws');
  const problems: string[] = vpcs.length
    ? []
    : ['stage 1 has no terraform-aws-modules/vpc/aws module'];
  for (const { file, block } of vpcs) {
    const args = argumentsOf(block).attributes;
    for (const tier of SUBNET_TIERS) {
      const subnets = args.get(`${tier}_subnets`);
      if (subnets === undefined || subnets === '[]') continue;
      if (args.get(`${tier}_dedicated_network_acl`) !== 'true') {
        problems.push(
          `${file.path}: module.${block.labels[0]} must set ${tier}_dedicated_network_acl = true`,
        );
      }
    }
  }
  return result(
    'dedicated-nacls',
    'error',
    problems.length === 0,
    'every subnet tier has a dedicated network ACL',
    `dedicated-nacls: ${problems.join('; ')}`,
  );
}

const attribute = (params: Manifest, key: string): unknown =>
  (params.doc.spec?.loadBalancerAttributes ?? []).find(
    (a: any) => a?.key === key,
  )?.value;

/** A bucket policy that lets Elastic Load Balancing deliver access logs, and that bucket's label. */
function logDeliveryBuckets(tf: TfFile[]): string[] {
  const documents = new Set(
    dataSources(tf, 'aws_iam_policy_document')
      .filter(({ block }) =>
        /logdelivery\.elasticloadbalancing\.amazonaws\.com|aws_elb_service_account/.test(
          block.body,
        ),
      )
      .map(({ block }) => block.labels[1]),
  );
  return resources(tf, 'aws_s3_bucket_policy').flatMap(({ block }) => {
    const args = argumentsOf(block).attributes;
    const policy = args.get('policy') ?? '';
    const delivers =
      /logdelivery\.elasticloadbalancing\.amazonaws\.com|aws_elb_service_account/.test(
        policy,
      ) ||
      [...documents].some(d =>
        policy.includes(`aws_iam_policy_document.${d}.`),
      );
    const bucket = /aws_s3_bucket\.([\w-]+)\./.exec(
      args.get('bucket') ?? '',
    )?.[1];
    return delivers ? [bucket ?? ''] : [];
  });
}

/**
 * `alb-access-logs`: the load balancer controller turns on access logs for every ALB of the
 * class (IngressClassParams loadBalancerAttributes), into a bucket stage 1 creates with a policy
 * for Elastic Load Balancing log delivery and SSE-S3 (ALB access logs do not support SSE-KMS).
 */
export function albAccessLogs(
  tf: TfFile[],
  manifests: Manifest[],
): PolicyResult {
  const params = manifestsOfKind(manifests, 'IngressClassParams');
  const problems: string[] = params.length
    ? []
    : ['no IngressClassParams rendered'];
  for (const p of params) {
    if (
      String(attribute(p, 'access_logs.s3.enabled')) !== 'true' ||
      !attribute(p, 'access_logs.s3.bucket')
    ) {
      problems.push(
        `${p.path}: IngressClassParams ${p.doc.metadata?.name} must set loadBalancerAttributes access_logs.s3.enabled=true and access_logs.s3.bucket`,
      );
    }
  }
  const buckets = logDeliveryBuckets(tf);
  if (buckets.length === 0) {
    problems.push(
      'stage 1 has no S3 bucket policy for Elastic Load Balancing log delivery',
    );
  }
  for (const { file, block } of resources(
    tf,
    'aws_s3_bucket_server_side_encryption_configuration',
  )) {
    const bucket = /aws_s3_bucket\.([\w-]+)\./.exec(
      argumentsOf(block).attributes.get('bucket') ?? '',
    )?.[1];
    if (
      bucket &&
      buckets.includes(bucket) &&
      /"aws:kms(:dsse)?"/.test(block.body)
    ) {
      problems.push(
        `${file.path}: the access-log bucket ${bucket} uses SSE-KMS, which ALB log delivery does not support (use AES256)`,
      );
    }
  }
  return result(
    'alb-access-logs',
    'error',
    problems.length === 0,
    'ALB access logs go to a bucket Elastic Load Balancing may write to',
    `alb-access-logs: ${problems.join('; ')}`,
  );
}

/**
 * `certificate-dns-validation` (A9): a certificate stage 1 requests covers the domain and its
 * wildcard and is DNS-validated (an aws_acm_certificate_validation waits for it), or the request
 * brings its own certificate ARN.
 */
export function certificateDnsValidation(
  request: EnvironmentRequest,
  tf: TfFile[],
): PolicyResult {
  const certificates = resources(tf, 'aws_acm_certificate');
  const validations = resources(tf, 'aws_acm_certificate_validation').map(
    v => v.block.body,
  );
  const problems: string[] = [];
  if (certificates.length === 0 && !request.ingress.certificateArn) {
    problems.push('stage 1 requests no certificate and the request names none');
  }
  for (const { file, block } of certificates) {
    const args = argumentsOf(block).attributes;
    const at = `${file.path}: aws_acm_certificate.${block.labels[1]}`;
    if (args.get('validation_method') !== '"DNS"')
      problems.push(`${at} must use validation_method = "DNS"`);
    if (
      !listStrings(args.get('subject_alternative_names')).some(s =>
        s.startsWith('*.'),
      )
    ) {
      problems.push(
        `${at} must list the wildcard "*.<domain>" in subject_alternative_names`,
      );
    }
    if (
      !validations.some(v =>
        v.includes(`aws_acm_certificate.${block.labels[1]}`),
      )
    ) {
      problems.push(`${at} has no aws_acm_certificate_validation`);
    }
  }
  return result(
    'certificate-dns-validation',
    'error',
    problems.length === 0,
    'certificates cover the domain and its wildcard and are DNS-validated',
    `certificate-dns-validation: ${problems.join('; ')}`,
  );
}
