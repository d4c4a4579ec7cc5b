import { GitCommit, GitRef } from './BareRepository';
import { nodeId, RepoRecord, TeamRecord, UserRecord } from './store';

/** The fake's base URLs, laid out as GitHub Enterprise Server does. */
export class Urls {
  constructor(readonly web: string) {}

  get api(): string {
    return `${this.web}/api/v3`;
  }

  get raw(): string {
    return `${this.web}/raw`;
  }

  repoApi(repo: RepoRecord): string {
    return `${this.api}/repos/${repo.owner.login}/${repo.name}`;
  }

  repoHtml(repo: RepoRecord): string {
    return `${this.web}/${repo.owner.login}/${repo.name}`;
  }

  cloneUrl(repo: RepoRecord): string {
    return `${this.repoHtml(repo)}.git`;
  }
}

export function userJson(user: UserRecord, urls: Urls) {
  const api = `${urls.api}/${user.type === 'Organization' ? 'orgs' : 'users'}/${
    user.login
  }`;
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId(user.type, user.id),
    avatar_url: `${urls.web}/avatars/${user.login}`,
    gravatar_id: '',
    url: api,
    html_url: `${urls.web}/${user.login}`,
    repos_url: `${api}/repos`,
    type: user.type,
    site_admin: false,
  };
}

export function teamJson(team: TeamRecord, urls: Urls) {
  const url = `${urls.api}/orgs/${team.org}/teams/${team.slug}`;
  return {
    id: team.id,
    node_id: nodeId('Team', team.id),
    url,
    html_url: `${urls.web}/orgs/${team.org}/teams/${team.slug}`,
    name: team.name,
    slug: team.slug,
    description: null,
    privacy: 'closed',
    permission: 'pull',
    members_url: `${url}/members{/member}`,
    repositories_url: `${url}/repos`,
    parent: null,
  };
}

export function repoJson(
  repo: RepoRecord,
  urls: Urls,
  permission: 'read' | 'write' = 'write',
) {
  const api = urls.repoApi(repo);
  const html = urls.repoHtml(repo);
  const write = permission === 'write';
  return {
    id: repo.id,
    node_id: nodeId('Repository', repo.id),
    name: repo.name,
    full_name: `${repo.owner.login}/${repo.name}`,
    private: repo.private,
    visibility: repo.private ? 'private' : 'public',
    owner: userJson(repo.owner, urls),
    html_url: html,
    description: repo.description,
    fork: false,
    url: api,
    archive_url: `${api}/{archive_format}{/ref}`,
    blobs_url: `${api}/git/blobs{/sha}`,
    branches_url: `${api}/branches{/branch}`,
    commits_url: `${api}/commits{/sha}`,
    contents_url: `${api}/contents/{+path}`,
    git_commits_url: `${api}/git/commits{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    issues_url: `${api}/issues{/number}`,
    pulls_url: `${api}/pulls{/number}`,
    statuses_url: `${api}/statuses/{sha}`,
    trees_url: `${api}/git/trees{/sha}`,
    deployments_url: `${api}/deployments`,
    hooks_url: `${api}/hooks`,
    git_url: `${html.replace(/^http/, 'git')}.git`,
    ssh_url: `git@${new URL(urls.web).host}:${repo.owner.login}/${
      repo.name
    }.git`,
    clone_url: urls.cloneUrl(repo),
    svn_url: html,
    homepage: null,
    size: 0,
    default_branch: repo.defaultBranch,
    archived: false,
    disabled: false,
    is_template: false,
    topics: [] as string[],
    has_issues: repo.settings.hasIssues,
    has_projects: false,
    has_wiki: repo.settings.hasWiki,
    has_pages: false,
    has_downloads: false,
    allow_merge_commit: repo.settings.allowMergeCommit,
    allow_squash_merge: repo.settings.allowSquashMerge,
    allow_rebase_merge: repo.settings.allowRebaseMerge,
    delete_branch_on_merge: repo.settings.deleteBranchOnMerge,
    pushed_at: repo.updatedAt,
    created_at: repo.createdAt,
    updated_at: repo.updatedAt,
    permissions: {
      admin: write,
      maintain: write,
      push: write,
      triage: write,
      pull: true,
    },
  };
}

/** A commit message as GitHub returns it (git's trailing newline dropped). */
function message(commit: GitCommit): string {
  return commit.message.replace(/\n$/, '');
}

/** `GET /repos/{o}/{r}/git/commits/{sha}` and the `commit` of the contents API. */
export function gitCommitJson(repo: RepoRecord, commit: GitCommit, urls: Urls) {
  const api = urls.repoApi(repo);
  return {
    sha: commit.sha,
    node_id: nodeId('Commit', commit.sha.slice(0, 12)),
    url: `${api}/git/commits/${commit.sha}`,
    html_url: `${urls.repoHtml(repo)}/commit/${commit.sha}`,
    author: commit.author,
    committer: commit.committer,
    tree: { sha: commit.tree, url: `${api}/git/trees/${commit.tree}` },
    message: message(commit),
    parents: commit.parents.map(sha => ({
      sha,
      url: `${api}/git/commits/${sha}`,
      html_url: `${urls.repoHtml(repo)}/commit/${sha}`,
    })),
    verification: {
      verified: false,
      reason: 'unsigned',
      signature: null,
      payload: null,
    },
  };
}

/** `GET /repos/{o}/{r}/commits/{ref}`: the commit wrapped as the "repos" API shows it. */
export function repoCommitJson(
  repo: RepoRecord,
  commit: GitCommit,
  urls: Urls,
) {
  const api = urls.repoApi(repo);
  const html = urls.repoHtml(repo);
  return {
    sha: commit.sha,
    node_id: nodeId('Commit', commit.sha.slice(0, 12)),
    url: `${api}/commits/${commit.sha}`,
    html_url: `${html}/commit/${commit.sha}`,
    comments_url: `${api}/commits/${commit.sha}/comments`,
    commit: {
      url: `${api}/git/commits/${commit.sha}`,
      author: commit.author,
      committer: commit.committer,
      message: message(commit),
      tree: { sha: commit.tree, url: `${api}/git/trees/${commit.tree}` },
      comment_count: 0,
      verification: {
        verified: false,
        reason: 'unsigned',
        signature: null,
        payload: null,
      },
    },
    author: null,
    committer: null,
    parents: commit.parents.map(sha => ({
      sha,
      url: `${api}/commits/${sha}`,
      html_url: `${html}/commit/${sha}`,
    })),
  };
}

export function refJson(repo: RepoRecord, ref: GitRef, urls: Urls) {
  const api = urls.repoApi(repo);
  return {
    ref: ref.ref,
    node_id: nodeId('Ref', `${repo.id}:${ref.ref}`),
    url: `${api}/git/${ref.ref}`,
    object: {
      sha: ref.sha,
      type: ref.type,
      url: `${api}/git/${ref.type}s/${ref.sha}`,
    },
  };
}
