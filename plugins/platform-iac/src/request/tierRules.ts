import type { z } from 'zod';
import type { DatabaseEngine, EnvironmentRequest, Tier } from '../types';
import { CERTIFICATE_ARN_PATTERN, SERVERLESS_CLASS } from './rules';
import type { environmentRequestInputSchema } from './schema';

type ParsedInput = z.output<typeof environmentRequestInputSchema>;
type Database = EnvironmentRequest['database'];

/**
 * Database settings a tier starts from when the user leaves them out. Staging mirrors prod's
 * shape (a Multi-AZ standby and a read replica) so failovers and replica reads are exercised
 * before prod; dev and other tiers start single-AZ without replicas, which stays a choice.
 */
export const DATABASE_DEFAULTS: Record<
  'prod' | 'staging' | 'nonProd',
  Database
> = {
  prod: {
    engine: 'aurora-postgresql',
    instanceClass: 'db.r6g.large',
    backupRetentionDays: 14,
    readReplicas: 1,
    multiAz: true,
  },
  staging: {
    engine: 'rds-postgresql',
    instanceClass: 'db.t4g.medium',
    backupRetentionDays: 7,
    readReplicas: 1,
    multiAz: true,
  },
  nonProd: {
    engine: 'rds-postgresql',
    instanceClass: 'db.t4g.medium',
    backupRetentionDays: 7,
    readReplicas: 0,
    multiAz: false,
  },
};

/** Nodes of the EKS core node group (Karpenter, controllers, CoreDNS): one per AZ in prod. */
export function coreNodeCount(tier: Tier): number {
  return tier === 'prod' ? 3 : 2;
}

/** Minimum backup retention per tier, in days. */
export function minBackupRetentionDays(tier: Tier): number {
  return tier === 'prod' ? 14 : 7;
}

function databaseDefaults(tier: Tier): Database {
  if (tier === 'prod' || tier === 'staging') return DATABASE_DEFAULTS[tier];
  return DATABASE_DEFAULTS.nonProd;
}

/** Serverless v2 only runs on db.serverless, so that is its natural default class. */
function defaultInstanceClass(tier: Tier, engine: DatabaseEngine): string {
  return engine === 'aurora-serverless-v2'
    ? SERVERLESS_CLASS
    : databaseDefaults(tier).instanceClass;
}

/**
 * Fills tier-dependent defaults. Only `undefined` fields are filled (`??`),
 * so a value the user gave is never replaced, even when the tier rules will
 * then reject it: a clear error beats a silent change.
 */
export function applyTierDefaults(input: ParsedInput): EnvironmentRequest {
  const defaults = databaseDefaults(input.tier);
  const engine = input.database.engine ?? defaults.engine;
  const request: EnvironmentRequest = {
    ...input,
    network: {
      ...(input.network.cidr !== undefined && { cidr: input.network.cidr }),
      // A single NAT gateway is cheaper; prod needs one per AZ for resilience.
      singleNatGateway: input.network.singleNatGateway ?? input.tier !== 'prod',
    },
    database: {
      engine,
      instanceClass:
        input.database.instanceClass ??
        defaultInstanceClass(input.tier, engine),
      backupRetentionDays:
        input.database.backupRetentionDays ?? defaults.backupRetentionDays,
      readReplicas: input.database.readReplicas ?? defaults.readReplicas,
      multiAz: input.database.multiAz ?? defaults.multiAz,
    },
    ingress: {
      domain: input.ingress.domain,
      ...(input.ingress.certificateArn !== undefined && {
        certificateArn: input.ingress.certificateArn,
      }),
    },
  };
  return request;
}

interface Problem {
  path: string[];
  message: string;
}

function prodProblems(r: EnvironmentRequest): Problem[] {
  if (r.tier !== 'prod') return [];
  const problems: Problem[] = [];
  if (r.database.engine !== 'aurora-postgresql') {
    problems.push({
      path: ['database', 'engine'],
      message: `prod requires aurora-postgresql, got ${r.database.engine}`,
    });
  }
  if (!r.database.multiAz) {
    problems.push({
      path: ['database', 'multiAz'],
      message: 'prod requires a Multi-AZ database',
    });
  }
  if (r.database.backupRetentionDays < minBackupRetentionDays('prod')) {
    problems.push({
      path: ['database', 'backupRetentionDays'],
      message: `prod requires at least ${minBackupRetentionDays(
        'prod',
      )} days of backups, got ${r.database.backupRetentionDays}`,
    });
  }
  if (r.database.readReplicas < 1) {
    problems.push({
      path: ['database', 'readReplicas'],
      message: 'prod requires at least 1 read replica',
    });
  }
  if (r.network.singleNatGateway) {
    problems.push({
      path: ['network', 'singleNatGateway'],
      message: 'prod requires one NAT gateway per AZ',
    });
  }
  return problems;
}

function engineClassProblems(r: EnvironmentRequest): Problem[] {
  const { engine, instanceClass } = r.database;
  const path = ['database', 'instanceClass'];
  if (engine === 'aurora-serverless-v2' && instanceClass !== SERVERLESS_CLASS) {
    return [
      {
        path,
        message: `aurora-serverless-v2 requires instanceClass ${SERVERLESS_CLASS}, got ${instanceClass}`,
      },
    ];
  }
  if (engine !== 'aurora-serverless-v2' && instanceClass === SERVERLESS_CLASS) {
    return [
      {
        path,
        message: `${SERVERLESS_CLASS} is only valid with engine aurora-serverless-v2, not ${engine}`,
      },
    ];
  }
  return [];
}

/** An ALB can only use an ACM certificate from its own region. */
function certificateProblems(r: EnvironmentRequest): Problem[] {
  const arn = r.ingress.certificateArn;
  const certRegion = arn ? CERTIFICATE_ARN_PATTERN.exec(arn)?.[1] : undefined;
  if (certRegion === undefined || certRegion === r.region) return [];
  return [
    {
      path: ['ingress', 'certificateArn'],
      message: `the certificate is in ${certRegion} but the environment is in ${r.region}; an ALB needs an ACM certificate from its own region`,
    },
  ];
}

/** Cross-field rules that depend on the tier or on several fields at once. */
export function checkTierRules(
  request: EnvironmentRequest,
  ctx: z.RefinementCtx,
): void {
  const problems = [
    ...prodProblems(request),
    ...engineClassProblems(request),
    ...certificateProblems(request),
  ];
  for (const { path, message } of problems) {
    ctx.addIssue({ code: 'custom', path, message });
  }
}
