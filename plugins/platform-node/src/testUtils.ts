/**
 * Test doubles of this package's services, for the unit tests of the plugins that use them.
 *
 * @packageDocumentation
 */
import {
  ChangeRequest,
  InfrastructureRepository,
} from './infrastructure/types';

/**
 * An in-memory InfrastructureRepository: `base` is what the base branch holds; every proposed
 * change is recorded in `proposed` (and not applied, as a pull request would not be).
 */
export function mockInfrastructureRepository(
  options: {
    base?: Record<string, string>;
    kind?: 'github' | 'local';
  } = {},
) {
  const base = options.base ?? {};
  const kind = options.kind ?? 'local';
  const proposed: ChangeRequest[] = [];
  const url = kind === 'github' ? 'https://github.com/acme/infra' : 'memory:';
  const repository: InfrastructureRepository = {
    kind,
    target: kind === 'github' ? 'acme/infra' : 'memory',
    url,
    baseBranch: 'main',
    fileUrl: (branch, path) =>
      kind === 'github' ? `${url}/blob/${branch}/${path}` : undefined,
    async existingPaths(paths) {
      return new Set(
        paths.filter(p => {
          const clean = p.replace(/\/+$/, '');
          return Object.keys(base).some(
            f => f === clean || f.startsWith(`${clean}/`),
          );
        }),
      );
    },
    async readFile(path) {
      return base[path];
    },
    async listFolders(dir) {
      const prefix = `${dir.replace(/\/+$/, '')}/`;
      return [
        ...new Set(
          Object.keys(base)
            .filter(
              f => f.startsWith(prefix) && f.slice(prefix.length).includes('/'),
            )
            .map(f => f.slice(prefix.length).split('/')[0]),
        ),
      ];
    },
    async readEnvironmentFiles() {
      return Object.entries(base)
        .filter(([p]) => /^environments\/[^/]+\/catalog-info\.yaml$/.test(p))
        .map(([path, content]) => ({
          branch: 'main',
          path,
          content,
          location: `${url}#main:${path}`,
        }));
    },
    async proposeChange(request) {
      proposed.push(request);
      return {
        target: repository.target,
        branch: request.branch,
        commitSha: `commit-${proposed.length}`,
        commitUrl: `${url}#commit-${proposed.length}`,
        ...(kind === 'github'
          ? {
              pullRequestUrl: `${url}/pull/${proposed.length}`,
              pullRequestNumber: proposed.length,
            }
          : {}),
      };
    },
  };
  return { repository, proposed };
}
