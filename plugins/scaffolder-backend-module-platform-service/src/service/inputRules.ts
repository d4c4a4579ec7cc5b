import { parseEntityRef } from '@backstage/catalog-model';

/** Service and repository names: DNS-label-like, short enough for every AWS/Kubernetes name. */
export const SERVICE_NAME_PATTERN = /^[a-z][a-z0-9-]{1,30}$/;
export const SCHEDULING_CLASSES = [
  'spot-ok',
  'graviton-ok',
  'critical',
] as const;
export type SchedulingClass = (typeof SCHEDULING_CLASSES)[number];
export const MAX_DESCRIPTION_LENGTH = 200;
export const MAX_ENVIRONMENTS = 6;

/** Raised with every broken rule; each message starts with the form field's name. */
export class ServiceInputError extends Error {
  constructor(readonly issues: string[]) {
    super(issues.join('; '));
    this.name = 'ServiceInputError';
  }
}

/**
 * Free text ends up in YAML, Markdown, Nunjucks-rendered files and possibly shell contexts of the
 * generated repository. These constructs could start a template expression or a shell command
 * there, so they are refused outright (longer tokens first, so `${{` is reported once).
 */
const FORBIDDEN: ReadonlyArray<{ token: string | RegExp; what: string }> = [
  { token: '${{', what: "'${{' (GitHub Actions expression)" },
  { token: '{{', what: "'{{' (template expression)" },
  { token: '}}', what: "'}}' (template expression)" },
  { token: '{%', what: "'{%' (template tag)" },
  { token: '%}', what: "'%}' (template tag)" },
  { token: '{#', what: "'{#' (template comment)" },
  { token: '$(', what: "'$(' (command substitution)" },
  { token: '${', what: "'${' (variable expansion)" },
  { token: '`', what: 'a backtick (command substitution)' },
  { token: ';', what: "';' (command separator)" },
  { token: '|', what: "'|' (pipe)" },
  { token: '&', what: "'&' (background/and operator)" },
  { token: '<', what: "'<' (redirection)" },
  { token: '>', what: "'>' (redirection)" },
  { token: '\\', what: 'a backslash' },
  {
    // C0/C1 controls (newline, tab, NUL...) and Unicode line separators.
    // eslint-disable-next-line no-control-regex
    token: /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g,
    what: 'a newline or control character',
  },
];

/** Every forbidden construct in `value` (empty when it is safe). */
export function findMetacharacters(value: string): string[] {
  const found: string[] = [];
  let rest = value;
  for (const { token, what } of FORBIDDEN) {
    if (typeof token === 'string') {
      if (rest.includes(token)) {
        found.push(what);
        rest = rest.split(token).join(' ');
      }
    } else {
      token.lastIndex = 0;
      if (token.test(rest)) {
        found.push(what);
        rest = rest.replace(token, ' ');
      }
      token.lastIndex = 0;
    }
  }
  return found;
}

export function checkServiceName(value: unknown, field = 'name'): string[] {
  if (typeof value !== 'string' || !SERVICE_NAME_PATTERN.test(value)) {
    return [
      `${field}: '${printable(
        value,
      )}' must match ${SERVICE_NAME_PATTERN} (lowercase letters, digits and dashes, 2-31 characters, starting with a letter)`,
    ];
  }
  return [];
}

export function checkFreeText(
  value: unknown,
  field: string,
  maxLength: number,
): string[] {
  if (value === undefined || value === '') return [];
  if (typeof value !== 'string') return [`${field}: must be text`];
  const issues: string[] = [];
  const found = findMetacharacters(value);
  if (found.length > 0) {
    issues.push(
      `${field}: must not contain template or shell metacharacters; found ${found.join(
        ', ',
      )}`,
    );
  }
  if (value.length > maxLength) {
    issues.push(`${field}: must be at most ${maxLength} characters`);
  }
  return issues;
}

/** `kind:namespace/name` of an owner, as OwnerPicker produces (Group or User). */
export function checkOwner(value: unknown, field = 'owner'): string[] {
  if (typeof value !== 'string' || value.length === 0) {
    return [`${field}: an owner group is required`];
  }
  try {
    const ref = parseEntityRef(value, { defaultKind: 'group' });
    const safe = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
    if (
      !['group', 'user'].includes(ref.kind.toLocaleLowerCase('en-US')) ||
      !safe.test(ref.namespace) ||
      !safe.test(ref.name)
    ) {
      throw new Error('not a group or user reference');
    }
    return [];
  } catch {
    return [
      `${field}: '${printable(
        value,
      )}' is not a group or user entity reference such as group:default/team-orders`,
    ];
  }
}

export interface RepoLocation {
  host: string;
  owner: string;
  repo: string;
}

/** https://<host>/<owner>/<repo>: how integrations and credentials name a repository. */
export function repoUrlOf(location: RepoLocation): string {
  return `https://${location.host}/${location.owner}/${location.repo}`;
}

/**
 * Parses the RepoUrlPicker value (`github.com?owner=acme&repo=orders`) and checks it against the
 * allowed hosts and organisations: the form restricts the picker, the server checks again.
 */
export function parseRepoLocation(
  value: unknown,
  allowed: { hosts: string[]; owners: string[] },
  field = 'repoUrl',
): { location?: RepoLocation; issues: string[] } {
  if (typeof value !== 'string' || !value.includes('?')) {
    return {
      issues: [
        `${field}: expected a repository such as github.com?owner=${
          allowed.owners[0] ?? 'acme'
        }&repo=orders`,
      ],
    };
  }
  const [host, query] = value.split('?', 2);
  const params = new URLSearchParams(query);
  const owner = params.get('owner') ?? '';
  const repo = params.get('repo') ?? '';
  const issues: string[] = [];
  if (!allowed.hosts.includes(host)) {
    issues.push(
      `${field}: host '${printable(
        host,
      )}' is not allowed (allowed: ${allowed.hosts.join(', ')})`,
    );
  }
  if (!allowed.owners.includes(owner)) {
    issues.push(
      `${field}: repositories must be created in the organisation ${allowed.owners
        .map(o => `'${o}'`)
        .join(' or ')}, not '${printable(owner)}'`,
    );
  }
  issues.push(...checkServiceName(repo, `${field} (repository name)`));
  return issues.length > 0
    ? { issues }
    : { location: { host, owner, repo }, issues };
}

export interface ServiceFormInput {
  name: unknown;
  description?: unknown;
  owner: unknown;
  environments: unknown;
  scheduling?: unknown;
  database?: unknown;
  repoUrl: unknown;
}

export interface ServiceRequest {
  name: string;
  description: string;
  owner: string;
  /** Entity refs of the target environments, as picked (resolved against the catalog later). */
  environmentRefs: string[];
  scheduling: SchedulingClass;
  database: boolean;
  repo: RepoLocation;
}

/** Checks every field and returns the request, or throws one error naming every broken rule. */
export function parseServiceRequest(
  input: ServiceFormInput,
  allowed: { hosts: string[]; owners: string[] },
): ServiceRequest {
  const issues: string[] = [
    ...checkServiceName(input.name),
    ...checkFreeText(input.description, 'description', MAX_DESCRIPTION_LENGTH),
    ...checkOwner(input.owner),
  ];
  const environments = input.environments;
  if (
    !Array.isArray(environments) ||
    environments.length === 0 ||
    environments.length > MAX_ENVIRONMENTS
  ) {
    issues.push(
      `environments: choose between 1 and ${MAX_ENVIRONMENTS} target environments`,
    );
  } else {
    environments.forEach((ref, i) => {
      if (
        typeof ref !== 'string' ||
        !/^([a-z]+:)?([a-z0-9-]+\/)?[a-z0-9][a-z0-9-]*$/i.test(ref)
      ) {
        issues.push(
          `environments[${i}]: '${printable(ref)}' is not an entity reference`,
        );
      }
    });
    if (new Set(environments).size !== environments.length) {
      issues.push('environments: each environment may be chosen once');
    }
  }
  const scheduling = input.scheduling ?? 'spot-ok';
  if (!SCHEDULING_CLASSES.includes(scheduling as SchedulingClass)) {
    issues.push(
      `scheduling: '${printable(
        scheduling,
      )}' must be one of ${SCHEDULING_CLASSES.join(', ')}`,
    );
  }
  if (input.database !== undefined && typeof input.database !== 'boolean') {
    issues.push('database: must be true or false');
  }
  const repo = parseRepoLocation(input.repoUrl, allowed);
  issues.push(...repo.issues);
  if (issues.length > 0 || !repo.location) throw new ServiceInputError(issues);
  return {
    name: input.name as string,
    description: ((input.description as string | undefined) ?? '').trim(),
    owner: input.owner as string,
    environmentRefs: environments as string[],
    scheduling: scheduling as SchedulingClass,
    database: (input.database as boolean | undefined) ?? true,
    repo: repo.location,
  };
}

/** A value safe to echo in an error message (no control characters, bounded length). */
function printable(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return clean.length > 60 ? `${clean.slice(0, 57)}...` : clean;
}
