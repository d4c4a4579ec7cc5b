/**
 * Who may do what in the Platform Portal: every permission the portal uses, with its audience.
 * Pure data, read by the policy and rendered into the README's permission table (a test keeps
 * the two equal). Anything not listed is denied to everyone but the platform team unless it
 * only reads (deny by default for power).
 */

/** Who gets a permission (platform-team members get every permission). */
export type Audience =
  /** Every signed-in user. */
  | 'everyone'
  /** Members of the platform team only. */
  | 'platform-team'
  /** Everyone, for what they own (conditional: the entity's owner is one of the user's refs). */
  | 'entity-owner'
  /** Everyone, for the tasks they started (conditional on the task's creator). */
  | 'task-owner'
  /** Everyone, for entities that are not Templates, and for Templates the platform team owns. */
  | 'trusted-templates'
  /** Everyone, for the actions on the ordinary-user allow-list (conditional on the action id). */
  | 'allowed-actions';

export interface PermissionRow {
  audience: Audience;
  /** Why, in a few words: shown in the README table. */
  reason: string;
}

/**
 * Scaffolder actions an ordinary user's task may run. Every other action (the built-in
 * `publish:github*` and `github:*` actions use the portal's GitHub credentials) needs the
 * platform team. The portal's own actions authorize the initiating user themselves.
 */
export const ORDINARY_USER_ACTIONS: readonly string[] = [
  'fetch:plain',
  'fetch:plain:file',
  'fetch:template',
  'fetch:template:file',
  'debug:log',
  'catalog:fetch',
  'platform:environment:plan',
  'platform:iac:validate',
  'platform:iac:publish',
  'platform:service:prepare',
  'platform:service:validate',
  'platform:service:publish',
  'platform:aws:bootstrap-account',
  'platform:aws:record-bootstrap',
];

export const PERMISSION_TABLE: Readonly<Record<string, PermissionRow>> = {
  // Catalog
  'catalog.entity.read': {
    audience: 'trusted-templates',
    reason:
      'Templates run with the portal’s credentials: only those the platform team owns are visible',
  },
  'catalog.entity.refresh': { audience: 'everyone', reason: 'harmless' },
  'catalog.entity.validate': {
    audience: 'everyone',
    reason: 'validates text the user sends',
  },
  'catalog.entity.delete': {
    audience: 'entity-owner',
    reason: 'teams clean up what they own',
  },
  'catalog.entity.create': {
    audience: 'platform-team',
    reason: 'new entities come from the org’s locations and providers',
  },
  'catalog.location.read': { audience: 'everyone', reason: 'read only' },
  'catalog.location.create': {
    audience: 'platform-team',
    reason:
      'a registered location can add Users, Groups or Templates; reads with the portal’s credentials',
  },
  'catalog.location.analyze': {
    audience: 'platform-team',
    reason: 'reads any URL with the portal’s integration credentials',
  },
  'catalog.location.delete': {
    audience: 'platform-team',
    reason: 'removes other teams’ entities',
  },
  'catalog.ingestion.read': { audience: 'everyone', reason: 'read only' },
  'catalog.ingestion.manage': {
    audience: 'platform-team',
    reason: 'changes what the catalog ingests',
  },
  // Scaffolder
  'scaffolder.task.create': {
    audience: 'everyone',
    reason: 'only visible (trusted) templates can be run',
  },
  'scaffolder.task.read': {
    audience: 'task-owner',
    reason: 'task parameters and logs are the requester’s',
  },
  'scaffolder.task.cancel': {
    audience: 'task-owner',
    reason: 'nobody stops someone else’s change',
  },
  'scaffolder.action.execute': {
    audience: 'allowed-actions',
    reason: 'built-in GitHub actions use the portal’s credentials',
  },
  'scaffolder.template.parameter.read': {
    audience: 'everyone',
    reason: 'the form of a visible template',
  },
  'scaffolder.template.step.read': {
    audience: 'everyone',
    reason: 'the steps of a visible template',
  },
  'scaffolder.template.dry-run': {
    audience: 'platform-team',
    reason: 'runs arbitrary template content',
  },
  'scaffolder.template.management': {
    audience: 'platform-team',
    reason: 'the template editor runs arbitrary template content',
  },
  // Kubernetes
  'kubernetes.clusters.read': { audience: 'everyone', reason: 'read only' },
  'kubernetes.resources.read': { audience: 'everyone', reason: 'read only' },
  'kubernetes.proxy': {
    audience: 'platform-team',
    reason: 'the proxy acts on clusters with the portal’s identity',
  },
  // Platform Portal
  'platform.environment.create': {
    audience: 'everyone',
    reason: 'dev and staging environments are self-service',
  },
  'platform.environment.create.prod': {
    audience: 'platform-team',
    reason: 'production environments',
  },
  'platform.account.bootstrap': {
    audience: 'platform-team',
    reason: 'creates IAM roles in an AWS account',
  },
  'aws-insights.read': {
    audience: 'everyone',
    reason: 'fleet figures without personal data',
  },
  'aws-insights.waf.sampled-requests.read': {
    audience: 'platform-team',
    reason: 'sampled WAF requests hold client IP addresses',
  },
};

/**
 * The audience of a permission that the table does not name: reading is open, anything else is
 * the platform team's until someone decides otherwise.
 */
export function audienceOf(
  name: string,
  attributes: { action?: string },
): Audience {
  const row = PERMISSION_TABLE[name];
  if (row) return row.audience;
  return attributes.action === 'read' ? 'everyone' : 'platform-team';
}

const AUDIENCE_TEXT: Record<Audience, string> = {
  everyone: 'every signed-in user',
  'platform-team': 'platform team only',
  'entity-owner': 'the owning team (platform team: all)',
  'task-owner': 'the user who started the task (platform team: all)',
  'trusted-templates':
    'everyone; Templates only when owned by the platform team (platform team: all)',
  'allowed-actions': `the portal's own actions, \`fetch:*\`, \`debug:log\` and \`catalog:fetch\` (platform team: all)`,
};

/** The README's permission table (a test keeps the README equal to this). */
export function permissionTableMarkdown(): string {
  const rows = Object.entries(PERMISSION_TABLE).map(
    ([name, row]) =>
      `| \`${name}\` | ${AUDIENCE_TEXT[row.audience]} | ${row.reason} |`,
  );
  return [
    '| permission | who | why |',
    '| --- | --- | --- |',
    ...rows,
    '| any other permission | every signed-in user when it only reads; platform team otherwise | deny by default for power |',
  ].join('\n');
}
