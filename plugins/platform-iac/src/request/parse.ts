import type { z } from 'zod';
import type { EnvironmentRequest } from '../types';
import { environmentRequestSchema } from './schema';

export interface RequestIssue {
  /** Dotted path of the offending field, e.g. `database.backupRetentionDays`. */
  field: string;
  /** The rule it broke, without the field name. */
  message: string;
}

/** Thrown by `parseEnvironmentRequest`; lists every problem, not just the first. */
export class EnvironmentRequestError extends Error {
  readonly issues: RequestIssue[];

  constructor(issues: RequestIssue[]) {
    super(
      `Invalid environment request:\n${issues
        .map(i => `- ${i.field}: ${i.message}`)
        .join('\n')}`,
    );
    this.name = 'EnvironmentRequestError';
    this.issues = issues;
  }
}

/** Zod's default "expected string, received undefined" reads poorly in a form. */
const errorMap: z.core.$ZodErrorMap = issue =>
  issue.code === 'invalid_type' && issue.input === undefined
    ? 'is required'
    : undefined;

export function toRequestIssues(error: z.ZodError): RequestIssue[] {
  return error.issues.map(issue => ({
    field: issue.path.length > 0 ? issue.path.join('.') : '(request)',
    message: issue.message,
  }));
}

/**
 * Validates a raw request (form output, JSON, YAML) and applies defaults.
 * Throws `EnvironmentRequestError` naming each bad field and its rule.
 */
export function parseEnvironmentRequest(input: unknown): EnvironmentRequest {
  const result = environmentRequestSchema.safeParse(input, { error: errorMap });
  if (!result.success) {
    throw new EnvironmentRequestError(toRequestIssues(result.error));
  }
  return result.data;
}
