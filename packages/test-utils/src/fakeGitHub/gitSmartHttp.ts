import { spawn } from 'node:child_process';
import { IncomingMessage, ServerResponse } from 'node:http';
import { isolatedGitEnv } from './gitCommand';

/** `/<owner>/<repo>[.git]/(info/refs|git-upload-pack|git-receive-pack)`: a smart HTTP request. */
export function parseGitHttpPath(
  path: string,
): { owner: string; repo: string; service: string } | undefined {
  const match = path.match(
    /^\/([^/]+)\/([^/]+?)(?:\.git)?\/(info\/refs|git-upload-pack|git-receive-pack)$/,
  );
  return match
    ? {
        owner: decodeURIComponent(match[1]),
        repo: decodeURIComponent(match[2]),
        service: match[3],
      }
    : undefined;
}

/** Whether a smart HTTP request is (the first step of) a push. */
export function isGitPush(path: string, query: URLSearchParams): boolean {
  return (
    path.endsWith('/git-receive-pack') ||
    query.get('service') === 'git-receive-pack'
  );
}

/**
 * Serves one smart HTTP request with `git http-backend` (CGI): the request is piped to its stdin
 * and its CGI headers are turned into the HTTP response. Resolves with the status sent.
 */
export function serveGitHttp(
  req: IncomingMessage,
  res: ServerResponse,
  options: {
    projectRoot: string;
    /** `/<owner>/<repo>.git/<service>` of the repository on disk. */
    pathInfo: string;
    query: string;
    remoteUser: string;
    /** Runs once git is done, before the response ends (the client is still waiting). */
    beforeEnd?: () => Promise<void>;
  },
): Promise<number> {
  return new Promise((resolve, reject) => {
    const headerEnv: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined && name !== 'authorization') {
        headerEnv[`HTTP_${name.toUpperCase().replace(/-/g, '_')}`] =
          String(value);
      }
    }
    const child = spawn('git', ['http-backend'], {
      env: isolatedGitEnv({
        ...headerEnv,
        GIT_PROJECT_ROOT: options.projectRoot,
        GIT_HTTP_EXPORT_ALL: '1',
        PATH_INFO: options.pathInfo,
        QUERY_STRING: options.query,
        REQUEST_METHOD: req.method ?? 'GET',
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        ...(req.headers['content-length']
          ? { CONTENT_LENGTH: req.headers['content-length'] }
          : {}),
        ...(req.headers['git-protocol']
          ? { GIT_PROTOCOL: String(req.headers['git-protocol']) }
          : {}),
        REMOTE_USER: options.remoteUser,
        REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
        GIT_COMMITTER_NAME: options.remoteUser,
        GIT_COMMITTER_EMAIL: `${options.remoteUser}@users.noreply.github.com`,
      }),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.once('error', reject);
    const stderr: Buffer[] = [];
    child.stderr.on('data', chunk => stderr.push(chunk));
    req.pipe(child.stdin);
    child.stdin.on('error', () => {
      // http-backend stops reading when it has answered (e.g. an error): not ours to report
    });

    let head = Buffer.alloc(0);
    let headersSent = false;
    let status = 200;
    child.stdout.on('data', (chunk: Buffer) => {
      if (headersSent) {
        res.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const crlf = head.indexOf('\r\n\r\n');
      const lf = head.indexOf('\n\n');
      const end = crlf !== -1 && (lf === -1 || crlf < lf) ? crlf : lf;
      if (end === -1) return;
      const separator = end === crlf ? 4 : 2;
      for (const line of head
        .subarray(0, end)
        .toString('latin1')
        .split(/\r?\n/)) {
        const colon = line.indexOf(':');
        if (colon === -1) continue;
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (name.toLowerCase() === 'status')
          status = Number(value.split(' ')[0]);
        else res.setHeader(name, value);
      }
      res.writeHead(status);
      headersSent = true;
      res.write(head.subarray(end + separator));
    });
    child.once('close', async code => {
      if (!headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.write(
          `git http-backend exited with ${code}: ${Buffer.concat(
            stderr,
          ).toString()}`,
        );
        status = 500;
      }
      try {
        await options.beforeEnd?.();
      } catch (error) {
        reject(error);
      } finally {
        res.end();
        resolve(status);
      }
    });
  });
}
