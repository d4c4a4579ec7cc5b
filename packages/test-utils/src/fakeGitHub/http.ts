import { IncomingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import { FakeGitHubStore, RepoRecord, TokenRecord, UserRecord } from './store';
import { Urls } from './shapes';

export const DOCS_URL = 'https://docs.github.com/rest';

/** A GitHub error response: `{ message, documentation_url, status, errors? }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: Array<Record<string, unknown>>,
    readonly documentationUrl = DOCS_URL,
  ) {
    super(message);
  }

  get body() {
    return {
      message: this.message,
      ...(this.errors ? { errors: this.errors } : {}),
      documentation_url: this.documentationUrl,
      status: String(this.status),
    };
  }
}

export const notFound = () => new ApiError(404, 'Not Found');

/** 422 "Validation Failed" with GitHub's `errors[]` entry. */
export function validationFailed(
  resource: string,
  field: string,
  code: string,
  message?: string,
): ApiError {
  return new ApiError(422, 'Validation Failed', [
    { resource, field, code, ...(message ? { message } : {}) },
  ]);
}

export type JsonBody = Record<string, unknown>;

export interface ApiRequest {
  method: string;
  /** Path params, already URL-decoded. */
  params: Record<string, string>;
  query: URLSearchParams;
  /** The absolute URL of this request (for pagination links). */
  url: URL;
  body: JsonBody;
  headers: IncomingHttpHeaders;
  token: TokenRecord;
  user: UserRecord;
  store: FakeGitHubStore;
  urls: Urls;
  /** The repository named by `:owner/:repo`: 404 when it does not exist. */
  repo(): RepoRecord;
}

export interface ApiResponse {
  status: number;
  /** JSON body (ignored when `raw` is set). */
  body?: unknown;
  /** A non-JSON body (raw file contents, tarballs). */
  raw?: Buffer | Readable;
  headers?: Record<string, string>;
}

export type Handler = (req: ApiRequest) => Promise<ApiResponse> | ApiResponse;

export const ok = (body: unknown, status = 200): ApiResponse => ({
  status,
  body,
});
export const noContent = (): ApiResponse => ({ status: 204 });

interface Route {
  method: string;
  pattern: string;
  segments: string[];
  handler: Handler;
}

/**
 * Routes on GitHub's path templates: `:name` is one segment, `*name` the rest of the path (refs
 * and file paths contain slashes, and Octokit sends them as `%2F` or `/`).
 */
export class Router {
  private readonly routes: Route[] = [];

  on(method: string, pattern: string, handler: Handler): this {
    this.routes.push({
      method,
      pattern,
      segments: pattern.split('/').filter(Boolean),
      handler,
    });
    return this;
  }

  get(p: string, h: Handler) {
    return this.on('GET', p, h);
  }
  post(p: string, h: Handler) {
    return this.on('POST', p, h);
  }
  put(p: string, h: Handler) {
    return this.on('PUT', p, h);
  }
  patch(p: string, h: Handler) {
    return this.on('PATCH', p, h);
  }
  delete(p: string, h: Handler) {
    return this.on('DELETE', p, h);
  }

  match(
    method: string,
    path: string,
  ):
    | { route: string; handler: Handler; params: Record<string, string> }
    | undefined {
    const parts = path.split('/').filter(Boolean);
    let best:
      | { route: Route; params: Record<string, string>; literals: number }
      | undefined;
    for (const route of this.routes) {
      if (
        route.method !== method &&
        !(method === 'HEAD' && route.method === 'GET')
      )
        continue;
      const params = matchSegments(route.segments, parts);
      // the most literal pattern wins: `commits/*ref/status` before `commits/*ref`
      const literals = route.segments.filter(s => !/^[:*]/.test(s)).length;
      if (params && (!best || literals > best.literals))
        best = { route, params, literals };
    }
    return (
      best && {
        route: `${best.route.method} ${best.route.pattern}`,
        handler: best.route.handler,
        params: best.params,
      }
    );
  }
}

function matchSegments(
  segments: string[],
  parts: string[],
): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (segment.startsWith('*')) {
      // the rest parameter takes what the fixed segments after it leave over
      const suffix = segments.slice(i + 1);
      const end = parts.length - suffix.length;
      if (end <= i || suffix.some((s, k) => s !== parts[end + k]))
        return undefined;
      params[segment.slice(1)] = decodeURIComponent(
        parts.slice(i, end).join('/'),
      );
      return params;
    }
    if (i >= parts.length) return undefined;
    if (segment.startsWith(':'))
      params[segment.slice(1)] = decodeURIComponent(parts[i]);
    else if (segment !== parts[i]) return undefined;
  }
  return parts.length === segments.length ? params : undefined;
}

/** `per_page` (default 30, max 100) and `page` slicing with GitHub's `Link` header. */
export function paginate<T>(
  req: ApiRequest,
  items: T[],
  wrap?: (page: T[], total: number) => unknown,
): ApiResponse {
  const perPage = Math.min(
    Math.max(Number(req.query.get('per_page') ?? 30) || 30, 1),
    100,
  );
  const page = Math.max(Number(req.query.get('page') ?? 1) || 1, 1);
  const last = Math.max(Math.ceil(items.length / perPage), 1);
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const link = (n: number, rel: string) => {
    const url = new URL(req.url.href);
    url.searchParams.set('per_page', String(perPage));
    url.searchParams.set('page', String(n));
    return `<${url.href}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(link(page - 1, 'prev'), link(1, 'first'));
  if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
  return {
    status: 200,
    body: wrap ? wrap(slice, items.length) : slice,
    headers: links.length ? { link: links.join(', ') } : {},
  };
}

// ---- reading request bodies: GitHub's 422 wording for schema violations ----

function invalid(detail: string): ApiError {
  return new ApiError(422, `Invalid request.\n\n${detail}`);
}

export function requiredString(body: JsonBody, field: string): string {
  const value = body[field];
  if (value === undefined || value === null)
    throw invalid(`"${field}" wasn't supplied.`);
  if (typeof value !== 'string')
    throw invalid(
      `For 'properties/${field}', ${JSON.stringify(value)} is not a string.`,
    );
  return value;
}

export function optionalString(
  body: JsonBody,
  field: string,
): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string')
    throw invalid(
      `For 'properties/${field}', ${JSON.stringify(value)} is not a string.`,
    );
  return value;
}

export function optionalBoolean(
  body: JsonBody,
  field: string,
): boolean | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean')
    throw invalid(
      `For 'properties/${field}', ${JSON.stringify(value)} is not a boolean.`,
    );
  return value;
}

export function optionalEnum<T extends string>(
  body: JsonBody,
  field: string,
  values: readonly T[],
): T | undefined {
  const value = optionalString(body, field);
  if (value !== undefined && !values.includes(value as T)) {
    throw invalid(
      `For 'properties/${field}', "${value}" is not one of ${values.join(
        ', ',
      )}.`,
    );
  }
  return value as T | undefined;
}

export function optionalObject(
  body: JsonBody,
  field: string,
): JsonBody | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value))
    throw invalid(
      `For 'properties/${field}', ${JSON.stringify(value)} is not an object.`,
    );
  return value as JsonBody;
}

export function optionalArray(
  body: JsonBody,
  field: string,
): unknown[] | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value))
    throw invalid(
      `For 'properties/${field}', ${JSON.stringify(value)} is not an array.`,
    );
  return value;
}

/** A 40-hex SHA in a body field: GitHub rejects anything else with 422. */
export function requiredSha(body: JsonBody, field: string): string {
  const value = requiredString(body, field);
  if (!/^[0-9a-f]{40}$/.test(value))
    throw invalid(`For 'properties/${field}', "${value}" is not a valid SHA.`);
  return value;
}
