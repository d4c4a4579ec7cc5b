import { isError } from '@backstage/errors';
import {
  AwsService,
  SourceReads,
  SourceStatus,
} from '@platform-portal/plugin-aws-insights-common';
import { AwsClients } from './clients';

/** What every collector gets: whose data, where, the clients, and the refresh's reference time. */
export interface CollectorContext {
  accountId: string;
  region: string;
  clients: AwsClients;
  /** Reference time of the refresh: metric windows and event windows end here. */
  now: Date;
  /** Wall clock for `fetchedAt` (injectable for tests). */
  clock?: () => Date;
}

const MAX_ERROR_MESSAGE = 500;

/** Reduces anything thrown (SDK error, timeout, bug) to the `{ name, message }` a status carries. */
export function toSourceError(error: unknown): {
  name: string;
  message: string;
} {
  if (!isError(error)) {
    return { name: 'Error', message: String(error) };
  }
  const httpStatus = (error as { $metadata?: { httpStatusCode?: number } })
    .$metadata?.httpStatusCode;
  // A non-JSON error page (e.g. an unimplemented operation) surfaces as SyntaxError; the
  // HTTP status says more than the parser's complaint.
  const suffix = httpStatus ? ` (HTTP ${httpStatus})` : '';
  const message = `${error.message.split('\n')[0]}${suffix}`;
  return {
    name: error.name,
    message:
      message.length > MAX_ERROR_MESSAGE
        ? `${message.slice(0, MAX_ERROR_MESSAGE)}…`
        : message,
  };
}

/** The AWS service behind each kind of source (EC2 serves both instances and Spot prices). */
export const SERVICE_OF: Record<Exclude<SourceReads, 'sample'>, AwsService> = {
  clusters: 'eks',
  instances: 'ec2',
  'spot-prices': 'ec2',
  'on-demand-prices': 'pricing',
  'container-insights': 'cloudwatch',
  databases: 'rds',
  'web-acls': 'wafv2',
  stacks: 'cloudformation',
};

/** The status of one collector run; `error` set means the source failed (records may be partial). */
export function sourceStatus(
  reads: Exclude<SourceReads, 'sample'>,
  ctx: CollectorContext,
  error?: unknown,
): SourceStatus {
  const status: SourceStatus = {
    service: SERVICE_OF[reads],
    reads,
    accountId: ctx.accountId,
    region: ctx.region,
    ok: error === undefined,
    fetchedAt: (ctx.clock?.() ?? new Date()).toISOString(),
    calls: ctx.clients.calls(),
  };
  if (error !== undefined) {
    status.error = toSourceError(error);
  }
  return status;
}

/**
 * Remembers the first failure of a collector that carries on past per-item errors, so the
 * records read so far survive and the status still says what went wrong.
 */
export class FirstError {
  private error: unknown = undefined;

  record(error: unknown): void {
    if (this.error === undefined) {
      this.error = error ?? new Error('Unknown error');
    }
  }

  get value(): unknown {
    return this.error;
  }
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    chunks.push(items.slice(i, i + size));
  }
  return chunks;
}

export function distinct<T>(items: Iterable<T>): T[] {
  return [...new Set(items)];
}

/** Runs `fn` over `items` with at most `limit` in flight; results keep the input order. */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index], index);
    }
  };
  const workers = Array.from(
    { length: Math.max(1, Math.min(limit, items.length)) },
    worker,
  );
  await Promise.all(workers);
  return results;
}

/** AWS tag lists (`[{ Key, Value }]`) as a plain record. */
export function tagsToRecord(
  tags: ReadonlyArray<{ Key?: string; Value?: string }> | undefined,
): Record<string, string> {
  const record: Record<string, string> = {};
  for (const tag of tags ?? []) {
    if (tag.Key !== undefined) {
      record[tag.Key] = tag.Value ?? '';
    }
  }
  return record;
}

export function isoOrEmpty(date: Date | undefined): string {
  return date ? date.toISOString() : '';
}
