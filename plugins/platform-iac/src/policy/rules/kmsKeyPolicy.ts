import type { PolicyResult } from '../../types';
import {
  argumentsOf,
  dataSources,
  Located,
  Manifest,
  manifestsOfKind,
  resources,
  TfFile,
  unquote,
} from '../environmentFiles';
import { result } from '../requestChecks';

/** A service that uses the environment key, how the key policy must name it, and why. */
interface KeyUse {
  service: string;
  /** Matches the key policy text when the service is allowed. */
  allowed: RegExp;
  usedBy: string[];
}

const REGIONAL = '(\\$\\{[^}]*\\}|[a-z]{2}(-[a-z]+)+-\\d|\\*)';
const principal = (service: string) =>
  new RegExp(`"${service.replace('REGION', REGIONAL).replace(/\./g, '\\.')}"`);
const viaService = (service: string) =>
  new RegExp(
    `kms:ViaService[\\s\\S]*"${service}\\.${REGIONAL}\\.amazonaws\\.com"|"${service}\\.${REGIONAL}\\.amazonaws\\.com"[\\s\\S]*kms:ViaService`,
  );

const isSet = (value: string | undefined) =>
  value !== undefined && value !== 'null' && value !== '""';

/** Blocks of stage 1 (resources and module calls) that set one of `inputs`. */
function setting(tf: TfFile[], inputs: string[], type?: RegExp): string[] {
  return tf.flatMap(file =>
    file.body.blocks
      .filter(b => b.type === 'resource' || b.type === 'module')
      .filter(b => {
        const args = argumentsOf(b).attributes;
        // Resources by type, module calls by source.
        const kind =
          b.type === 'module' ? unquote(args.get('source')) ?? '' : b.labels[0];
        if (type && !type.test(kind)) return false;
        return (
          inputs.some(i => isSet(args.get(i))) ||
          inputs.some(i =>
            new RegExp(`\\b${i}\\s*=\\s*(?!null\\b)\\S`).test(b.body),
          )
        );
      })
      .map(
        b =>
          `${file.path}: ${b.type === 'module' ? 'module.' : ''}${b.labels.join(
            '.',
          )}`,
      ),
  );
}

function ebsUses(tf: TfFile[], manifests: Manifest[]): string[] {
  const nodeClasses = manifestsOfKind(manifests, 'EC2NodeClass').filter(m =>
    (m.doc.spec?.blockDeviceMappings ?? []).some((b: any) => b?.ebs?.kmsKeyID),
  );
  const classes = manifestsOfKind(manifests, 'StorageClass').filter(
    m => m.doc.parameters?.kmsKeyId,
  );
  return [
    ...[...nodeClasses, ...classes].map(
      m => `${m.path}: ${m.doc.kind} ${m.doc.metadata?.name}`,
    ),
    ...setting(tf, ['kms_key_id'], /^aws_(ebs_volume|launch_template)$/),
  ];
}

/** What in the rendered tree uses the environment key. */
function keyUses(tf: TfFile[], manifests: Manifest[]): KeyUse[] {
  const topics = setting(tf, ['kms_master_key_id'], /^aws_sns_topic$/);
  const alarms = resources(tf, 'aws_cloudwatch_metric_alarm').filter(a =>
    /alarm_actions\s*=/.test(a.block.body),
  );
  const nodeGroupEbs = tf.flatMap(f =>
    f.body.blocks
      .filter(
        b =>
          b.type === 'module' &&
          /block_device_mappings[\s\S]*kms_key_id\s*=\s*(?!null)/.test(b.body),
      )
      .map(b => `${f.path}: module.${b.labels[0]} block_device_mappings`),
  );
  const uses: KeyUse[] = [
    {
      service: 'logs.<region>.amazonaws.com',
      allowed: principal('logs.REGION.amazonaws.com'),
      usedBy: [
        ...setting(tf, ['kms_key_id'], /^aws_cloudwatch_log_group$/),
        ...setting(tf, [
          'cloudwatch_log_group_kms_key_id',
          'flow_log_cloudwatch_log_group_kms_key_id',
        ]),
      ],
    },
    {
      service: 'cloudwatch.amazonaws.com',
      allowed: principal('cloudwatch.amazonaws.com'),
      usedBy: alarms.length ? topics : [],
    },
    {
      service: 'events.amazonaws.com',
      allowed: principal('events.amazonaws.com'),
      usedBy: [
        ...setting(tf, ['kms_master_key_id'], /^aws_sqs_queue$/),
        ...setting(tf, ['queue_kms_master_key_id']),
      ],
    },
    {
      service: 'kms:ViaService ec2.<region>.amazonaws.com (EBS)',
      allowed: viaService('ec2'),
      usedBy: [...ebsUses(tf, manifests), ...nodeGroupEbs],
    },
    {
      service:
        'the AWSServiceRoleForAutoScaling service-linked role (EBS of managed node groups)',
      allowed: /AWSServiceRoleForAutoScaling/,
      usedBy: nodeGroupEbs,
    },
    {
      service: 'kms:ViaService rds.<region>.amazonaws.com',
      allowed: viaService('rds'),
      usedBy: setting(
        tf,
        ['kms_key_id', 'performance_insights_kms_key_id'],
        /^(aws_db_instance|aws_rds_cluster|terraform-aws-modules\/rds(-aurora)?\/aws)$/,
      ),
    },
    {
      service: 'kms:ViaService secretsmanager.<region>.amazonaws.com',
      allowed: viaService('secretsmanager'),
      usedBy: [
        ...setting(tf, ['master_user_secret_kms_key_id']),
        ...setting(tf, ['kms_key_id'], /^aws_secretsmanager_secret$/),
      ],
    },
    {
      service: 'config.amazonaws.com',
      allowed: principal('config.amazonaws.com'),
      usedBy: resources(tf, 'aws_config_delivery_channel').map(
        r => `${r.file.path}: ${r.block.labels.join('.')}`,
      ),
    },
  ];
  return uses.filter(u => u.usedBy.length > 0);
}

/** The environment key: the key an `alias/...` points at (every key when none has an alias). */
function environmentKeys(tf: TfFile[]): Located[] {
  const keys = resources(tf, 'aws_kms_key');
  const aliased = new Set(
    resources(tf, 'aws_kms_alias').flatMap(({ block }) => {
      const target = argumentsOf(block).attributes.get('target_key_id') ?? '';
      return [/aws_kms_key\.([\w-]+)\./.exec(target)?.[1] ?? ''];
    }),
  );
  const named = keys.filter(k => aliased.has(k.block.labels[1]));
  return named.length ? named : keys;
}

/** The key policy's source text: an inline policy, a policy document, or an aws_kms_key_policy. */
function policyText(tf: TfFile[], key: Located): string {
  const label = key.block.labels[1];
  const separate = resources(tf, 'aws_kms_key_policy')
    .filter(p =>
      (argumentsOf(p.block).attributes.get('key_id') ?? '').includes(
        `aws_kms_key.${label}.`,
      ),
    )
    .map(p => argumentsOf(p.block).attributes.get('policy') ?? '');
  const sources = [
    argumentsOf(key.block).attributes.get('policy') ?? '',
    ...separate,
  ];
  const documents = sources.flatMap(s =>
    [...s.matchAll(/data\.aws_iam_policy_document\.([\w-]+)\./g)].map(
      m => m[1],
    ),
  );
  const bodies = dataSources(tf, 'aws_iam_policy_document')
    .filter(
      d => d.file.dir === key.file.dir && documents.includes(d.block.labels[1]),
    )
    .map(d => d.block.body);
  return expandForLists(
    inlineLocals(tf, key.file.dir, [...sources, ...bodies].join('\n')),
  );
}

/** Replaces `local.x` with its expression (locals of the key's module), a few levels deep. */
function inlineLocals(tf: TfFile[], dir: string, text: string): string {
  const locals = new Map<string, string>();
  for (const file of tf.filter(f => f.dir === dir)) {
    for (const block of file.body.blocks.filter(b => b.type === 'locals')) {
      for (const [k, v] of argumentsOf(block).attributes) locals.set(k, v);
    }
  }
  let out = text;
  for (let depth = 0; depth < 3; depth++) {
    out = out.replace(/\blocal\.([\w-]+)/g, (ref, name) =>
      locals.has(name) ? `(${locals.get(name)})` : ref,
    );
  }
  return out;
}

/**
 * Expands `[for s in ["ec2", "rds"] : "${s}.x"]` into `["ec2.x", "rds.x"]`, the way key policies
 * list one statement's services.
 */
function expandForLists(text: string): string {
  return text.replace(
    /\[\s*for\s+(\w+)\s+in\s+\[([^\]]*)\]\s*:\s*"([^"]*)"\s*\]/g,
    (_, variable: string, list: string, template: string) => {
      const items = [...list.matchAll(/"([^"]*)"/g)].map(m => m[1]);
      const each = items.map(
        item => `"${template.split(`\${${variable}}`).join(item)}"`,
      );
      return `[${each.join(', ')}]`;
    },
  );
}

/**
 * `kms-key-policy-services` (A6): the environment key's policy names every service that uses
 * the key in the rendered tree (CloudWatch Logs, CloudWatch alarms publishing to the encrypted
 * topic, EventBridge, EBS through EC2 and Auto Scaling, RDS and Secrets Manager via
 * kms:ViaService, AWS Config).
 */
export function kmsKeyPolicyServices(
  tf: TfFile[],
  manifests: Manifest[],
): PolicyResult {
  const keys = environmentKeys(tf);
  const uses = keyUses(tf, manifests);
  const problems: string[] = keys.length ? [] : ['stage 1 creates no KMS key'];
  for (const key of keys) {
    const policy = policyText(tf, key);
    const at = `${key.file.path}: aws_kms_key.${key.block.labels[1]}`;
    if (!policy.trim())
      problems.push(`${at} has no key policy (the default names no service)`);
    for (const use of uses.filter(u => !u.allowed.test(policy))) {
      problems.push(
        `${at} policy does not allow ${use.service}, used by ${use.usedBy.join(
          ', ',
        )}`,
      );
    }
  }
  return result(
    'kms-key-policy-services',
    'error',
    problems.length === 0,
    `the environment key's policy allows every service that uses it (${
      uses.map(u => u.service).join(', ') || 'none'
    })`,
    `kms-key-policy-services: ${problems.join('; ')}`,
  );
}
