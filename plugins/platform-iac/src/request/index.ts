export {
  EnvironmentRequestError,
  parseEnvironmentRequest,
  toRequestIssues,
} from './parse';
export type { RequestIssue } from './parse';
export {
  environmentRequestInputSchema,
  environmentRequestSchema,
} from './schema';
export type { EnvironmentRequestInput } from './schema';
export { findUnsafeConstructs, safeString, safeText } from './safeText';
export {
  DATABASE_DEFAULTS,
  applyTierDefaults,
  coreNodeCount,
  minBackupRetentionDays,
} from './tierRules';
export {
  DEFAULT_KUBERNETES_VERSION,
  DEFAULT_WAF_RATE_LIMIT,
  INSTANCE_CATEGORIES,
  KUBERNETES_MAX_MINOR,
  KUBERNETES_MIN_MINOR,
  RESERVED_NAMES,
  WAF_RATE_LIMIT_MAX,
  WAF_RATE_LIMIT_MIN,
} from './rules';
