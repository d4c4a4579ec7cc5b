import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { eventually } from './backendProcess';

/** Every file below `dir`, recursively. */
export function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full) : [full];
  });
}

export type BackendApi = (path: string, init?: RequestInit) => Promise<any>;

/**
 * JSON calls to a running backend with a bearer token; a non-2xx answer throws with its body,
 * so a test failure shows the server's message. Both arguments are read per call: tests restart
 * backends and switch users.
 */
export function backendApi(
  baseUrl: () => string,
  token: () => string,
): BackendApi {
  return async (path, init = {}) => {
    const res = await fetch(`${baseUrl()}${path}`, {
      ...init,
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${token()}`,
        ...init.headers,
      },
    });
    const text = await res.text();
    if (!res.ok)
      throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
}

/** Starts a scaffolder task and waits for its end: the task, its log and its output. */
export async function runTemplateTask(
  api: BackendApi,
  templateRef: string,
  values: Record<string, unknown>,
  timeoutMs = 240_000,
): Promise<{ task: any; log: string; output: any }> {
  const { id } = await api('/api/scaffolder/v2/tasks', {
    method: 'POST',
    body: JSON.stringify({ templateRef, values }),
  });
  const task = await eventually(
    () => api(`/api/scaffolder/v2/tasks/${id}`),
    t => ['completed', 'failed', 'cancelled'].includes(t.status),
    timeoutMs,
  );
  const events = (await api(`/api/scaffolder/v2/tasks/${id}/events`)) as Array<{
    type: string;
    body: { message?: string; output?: unknown };
  }>;
  return {
    task,
    log: events.map(e => e.body.message ?? '').join('\n'),
    output: events.find(e => e.type === 'completion')?.body.output,
  };
}

/** Runs a template folder through the scaffolder's dry-run endpoint, as the template editor does. */
export function dryRunTemplate(
  api: BackendApi,
  templateDir: string,
  values: Record<string, unknown>,
): Promise<any> {
  return api('/api/scaffolder/v2/dry-run', {
    method: 'POST',
    body: JSON.stringify({
      template: parseYaml(
        readFileSync(join(templateDir, 'template.yaml'), 'utf8'),
      ),
      values,
      secrets: {},
      directoryContents: listFiles(templateDir).map(f => ({
        path: relative(templateDir, f),
        base64Content: readFileSync(f).toString('base64'),
      })),
    }),
  });
}

/** The token guest sign-in issues on the embedded default (development auth environment). */
export async function guestToken(baseUrl: string): Promise<string> {
  return (await guestIdentity(baseUrl)).token;
}

async function guestIdentity(
  baseUrl: string,
): Promise<{ token: string; groups: string[] }> {
  const res = await fetch(`${baseUrl}/api/auth/guest/refresh?env=development`);
  const { backstageIdentity } = await res.json();
  return {
    token: backstageIdentity.token,
    groups: backstageIdentity.identity?.ownershipEntityRefs ?? [],
  };
}

/**
 * Guest sign-in once the token carries `group`: sign-in reads memberships from the catalog,
 * which fills in right after start-up, and permissions are decided on the token's claims.
 */
export async function guestTokenWithGroup(
  baseUrl: string,
  group: string,
  timeoutMs = 90_000,
): Promise<string> {
  const identity = await eventually(
    () => guestIdentity(baseUrl),
    i => i.groups.includes(group),
    timeoutMs,
  );
  return identity.token;
}

/** Waits until the catalog serves every `kind/namespace/name`; throws naming the missing ones. */
export async function waitForEntities(
  api: BackendApi,
  refs: string[],
  timeoutMs = 60_000,
): Promise<void> {
  const read = (ref: string) =>
    api(`/api/catalog/entities/by-name/${ref}`).catch(() => undefined);
  const missing = await eventually(
    async () => {
      const found = await Promise.all(refs.map(read));
      return refs.filter((_, i) => !found[i]);
    },
    left => left.length === 0,
    timeoutMs,
  );
  if (missing.length) {
    throw new Error(`the catalog never served ${missing.join(', ')}`);
  }
}
