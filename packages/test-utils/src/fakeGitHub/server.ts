import { createHash } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { isGitPush, parseGitHttpPath, serveGitHttp } from './gitSmartHttp';
import {
  ApiError,
  ApiRequest,
  ApiResponse,
  DOCS_URL,
  JsonBody,
  notFound,
  Router,
} from './http';
import { entryAt } from './repoGit';
import { Urls } from './shapes';
import { FakeGitHubStore, TokenRecord } from './store';
import { RecordedRequest } from './types';

const API_PREFIX = '/api/v3';
const RAW_PREFIX = '/raw';

/** The token of `Authorization: token|Bearer <t>` or of Basic auth (password, else user name). */
export function presentedToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const [scheme, value = ''] = header.trim().split(/\s+/, 2);
  if (/^(token|bearer)$/i.test(scheme)) return value || undefined;
  if (/^basic$/i.test(scheme)) {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const user = colon === -1 ? decoded : decoded.slice(0, colon);
    const password = colon === -1 ? '' : decoded.slice(colon + 1);
    return password || user || undefined;
  }
  return undefined;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

/** True when `If-None-Match` names this ETag (weak comparison, as GitHub does). */
function notModified(req: IncomingMessage, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (!header) return false;
  const strip = (tag: string) => tag.trim().replace(/^W\//, '');
  return header
    .split(',')
    .some(tag => strip(tag) === strip(etag) || tag.trim() === '*');
}

function githubHeaders(token?: TokenRecord): Record<string, string> {
  return {
    'x-github-media-type': 'github.v3; format=json',
    'x-github-api-version-selected': '2022-11-28',
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': '4999',
    'x-ratelimit-used': '1',
    'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
    'x-ratelimit-resource': 'core',
    ...(token ? { 'x-oauth-scopes': token.scopes.join(', ') } : {}),
  };
}

/** The fake's HTTP entry point: REST under /api/v3, raw files under /raw, git smart HTTP, else 404. */
export class FakeGitHubServer {
  readonly recorded: RecordedRequest[] = [];

  constructor(
    private readonly store: FakeGitHubStore,
    private readonly router: Router,
    private readonly urls: Urls,
  ) {}

  handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', this.urls.web);
    const path = url.pathname;
    const gitPath = parseGitHttpPath(path);
    let kind: RecordedRequest['kind'] = 'unknown';
    if (path === API_PREFIX || path.startsWith(`${API_PREFIX}/`)) kind = 'api';
    else if (path.startsWith(`${RAW_PREFIX}/`)) kind = 'raw';
    else if (gitPath) kind = 'git';
    const presented = presentedToken(req.headers.authorization);
    const token = presented ? this.store.tokens.get(presented) : undefined;
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      query: url.search,
      kind,
      token: presented,
      login: token?.login,
      write: false,
      status: 0,
    };
    this.recorded.push(record);
    try {
      if (kind === 'api') await this.handleApi(req, res, url, record, token);
      else if (kind === 'raw')
        await this.handleRaw(req, res, url, record, token);
      else if (kind === 'git')
        await this.handleGit(req, res, url, record, token);
      else
        this.sendJson(req, res, record, { status: 404, body: notFound().body });
    } catch (error) {
      record.error =
        error instanceof Error ? error.stack ?? error.message : String(error);
      if (!res.headersSent) {
        this.sendJson(req, res, record, {
          status: 500,
          body: {
            message: `fake GitHub: ${(error as Error).message}`,
            documentation_url: DOCS_URL,
          },
        });
      } else {
        res.end();
      }
    }
  };

  private sendJson(
    req: IncomingMessage,
    res: ServerResponse,
    record: RecordedRequest,
    response: ApiResponse,
    token?: TokenRecord,
  ): void {
    const headers: Record<string, string> = {
      ...githubHeaders(token),
      ...response.headers,
    };
    record.status = response.status;
    if (response.raw !== undefined) {
      const etag = headers.etag;
      if (etag && notModified(req, etag)) {
        record.status = 304;
        res.writeHead(304, headers).end();
        return;
      }
      res.writeHead(response.status, headers);
      if (response.raw instanceof Readable) response.raw.pipe(res);
      else res.end(response.raw);
      return;
    }
    if (response.status === 204 || response.body === undefined) {
      res.writeHead(response.status, headers).end();
      return;
    }
    const body = JSON.stringify(response.body);
    headers['content-type'] = 'application/json; charset=utf-8';
    if (
      (req.method === 'GET' || req.method === 'HEAD') &&
      response.status === 200
    ) {
      headers.etag = `W/"${createHash('sha256')
        .update(body)
        .digest('hex')
        .slice(0, 40)}"`;
      headers['cache-control'] = 'private, max-age=60, s-maxage=60';
      if (notModified(req, headers.etag)) {
        record.status = 304;
        res.writeHead(304, headers).end();
        return;
      }
    }
    res
      .writeHead(response.status, headers)
      .end(req.method === 'HEAD' ? undefined : body);
  }

  private async handleApi(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    record: RecordedRequest,
    token: TokenRecord | undefined,
  ): Promise<void> {
    const method = record.method;
    record.write = method !== 'GET' && method !== 'HEAD';
    const raw = await readBody(req);
    let body: JsonBody = {};
    try {
      if (raw.length > 0) body = JSON.parse(raw.toString('utf8'));
      record.body = raw.length > 0 ? body : undefined;
    } catch {
      this.sendJson(req, res, record, {
        status: 400,
        body: new ApiError(400, 'Problems parsing JSON').body,
      });
      return;
    }
    const match = this.router.match(
      method,
      url.pathname.slice(API_PREFIX.length) || '/',
    );
    record.route = match?.route;
    if (!token) {
      const error = new ApiError(
        401,
        record.token ? 'Bad credentials' : 'Requires authentication',
      );
      this.sendJson(req, res, record, { status: 401, body: error.body });
      return;
    }
    if (!match) {
      this.sendJson(
        req,
        res,
        record,
        { status: 404, body: notFound().body },
        token,
      );
      return;
    }
    if (record.write && token.permission === 'read') {
      const error = new ApiError(
        403,
        'Resource not accessible by personal access token',
      );
      this.sendJson(req, res, record, { status: 403, body: error.body }, token);
      return;
    }
    const user = this.store.user(token.login)!;
    const { store, urls } = this;
    const apiRequest: ApiRequest = {
      method,
      params: match.params,
      query: url.searchParams,
      url: new URL(url.href),
      body: body && typeof body === 'object' ? body : {},
      headers: req.headers,
      token,
      user,
      store,
      urls,
      repo: () => {
        const repo = store.repository(match.params.owner, match.params.repo);
        if (!repo) throw notFound();
        return repo;
      },
    };
    let response: ApiResponse;
    try {
      response = await match.handler(apiRequest);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      response = { status: error.status, body: error.body };
    }
    this.sendJson(req, res, record, response, token);
  }

  /** `<rawBaseUrl>/<owner>/<repo>/<ref>/<path>`: the ref may contain slashes, so try each split. */
  private async handleRaw(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    record: RecordedRequest,
    token: TokenRecord | undefined,
  ): Promise<void> {
    const notFoundText = () => {
      record.status = 404;
      res
        .writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
        .end('404: Not Found');
    };
    const [owner, name, ...rest] = url.pathname
      .slice(RAW_PREFIX.length + 1)
      .split('/')
      .map(decodeURIComponent);
    const repo = owner && name ? this.store.repository(owner, name) : undefined;
    // private repositories answer 404, not 401, to callers without a valid token
    if (!token || !repo || rest.length < 2) {
      notFoundText();
      return;
    }
    for (let split = 1; split < rest.length; split++) {
      const commit = await repo.git.resolveCommit(
        rest.slice(0, split).join('/'),
      );
      if (!commit) continue;
      const entry = await entryAt(repo, commit, rest.slice(split).join('/'));
      if (!entry || entry.type !== 'blob') {
        notFoundText();
        return;
      }
      this.sendJson(req, res, record, {
        status: 200,
        raw: await repo.git.readBlob(entry.sha),
        headers: {
          'content-type': 'text/plain; charset=utf-8',
          etag: `"${entry.sha}"`,
        },
      });
      return;
    }
    notFoundText();
  }

  private async handleGit(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    record: RecordedRequest,
    token: TokenRecord | undefined,
  ): Promise<void> {
    const target = parseGitHttpPath(url.pathname)!;
    const push = isGitPush(url.pathname, url.searchParams);
    record.write = push && record.method === 'POST';
    const text = (
      status: number,
      message: string,
      headers: Record<string, string> = {},
    ) => {
      record.status = status;
      res
        .writeHead(status, {
          'content-type': 'text/plain; charset=utf-8',
          ...headers,
        })
        .end(`${message}\n`);
    };
    if (!token) {
      text(401, 'Invalid username or token.', {
        'www-authenticate': 'Basic realm="GitHub"',
      });
      return;
    }
    const repo = this.store.repository(target.owner, target.repo);
    if (!repo) {
      text(404, 'Repository not found.');
      return;
    }
    if (push && token.permission === 'read') {
      text(
        403,
        `Permission to ${repo.owner.login}/${repo.name}.git denied to ${token.login}.`,
      );
      return;
    }
    const refsBefore = record.write ? await repo.git.refs() : [];
    record.status = await serveGitHttp(req, res, {
      projectRoot: this.store.root,
      pathInfo: `/${repo.owner.login}/${repo.name}.git/${target.service}`,
      query: url.search.replace(/^\?/, ''),
      remoteUser: token.login,
      // a push is reported (like GitHub's push event) before the client sees it finish
      beforeEnd: async () => {
        if (!record.write) return;
        const before = new Map(refsBefore.map(r => [r.ref, r.sha]));
        const after = new Map((await repo.git.refs()).map(r => [r.ref, r.sha]));
        for (const ref of new Set([...before.keys(), ...after.keys()])) {
          if (before.get(ref) === after.get(ref)) continue;
          await this.store.emitPush({
            owner: repo.owner.login,
            repo: repo.name,
            ref,
            before: before.get(ref) ?? null,
            after: after.get(ref) ?? null,
            via: 'git',
          });
        }
      },
    });
  }
}
