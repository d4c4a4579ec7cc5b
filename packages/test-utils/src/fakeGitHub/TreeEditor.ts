import { BareRepository } from './BareRepository';
import { ApiError } from './http';

interface Leaf {
  kind: 'leaf';
  mode: string;
  type: 'blob' | 'commit';
  sha: string;
}

interface Dir {
  kind: 'dir';
  /** The stored tree this directory starts from (undefined: new directory). */
  sha?: string;
  /** Loaded lazily: only directories on an edited path are ever read. */
  children?: Map<string, Node>;
  dirty: boolean;
}

type Node = Leaf | Dir;

export interface TreeChange {
  path: string;
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  /** null deletes the path (file or folder), as in GitHub's `POST /git/trees`. */
  sha: string | null;
}

function components(path: string): string[] {
  const parts = path.split('/');
  if (parts.some(p => p === '' || p === '.' || p === '..' || p === '.git')) {
    throw new ApiError(
      422,
      `tree.path contains a malformed path component: ${path}`,
    );
  }
  return parts;
}

/**
 * Edits a tree the way `POST /git/trees` with `base_tree` does: entries replace or delete paths,
 * untouched folders keep their SHA, emptied folders disappear, and each changed level is written
 * with `git mktree`.
 */
export class TreeEditor {
  private readonly root: Dir;

  constructor(private readonly git: BareRepository, baseTree?: string) {
    this.root = { kind: 'dir', sha: baseTree, dirty: !baseTree };
  }

  private async childrenOf(dir: Dir): Promise<Map<string, Node>> {
    if (!dir.children) {
      dir.children = new Map();
      if (dir.sha) {
        for (const e of await this.git.listTree(dir.sha)) {
          dir.children.set(
            e.path,
            e.type === 'tree'
              ? { kind: 'dir', sha: e.sha, dirty: false }
              : { kind: 'leaf', mode: e.mode, type: e.type, sha: e.sha },
          );
        }
      }
    }
    return dir.children;
  }

  /** The directory holding `parts`' last component, created (and marked changed) on the way. */
  private async parentOf(
    parts: string[],
    create: boolean,
  ): Promise<Dir | undefined> {
    let dir = this.root;
    const visited: Dir[] = [dir];
    for (const part of parts.slice(0, -1)) {
      const children = await this.childrenOf(dir);
      let next = children.get(part);
      if (!next || next.kind === 'leaf') {
        if (!create) return undefined;
        next = { kind: 'dir', dirty: true, children: new Map() };
        children.set(part, next);
      }
      dir = next;
      visited.push(dir);
    }
    if (create) for (const d of visited) d.dirty = true;
    return dir;
  }

  async apply(change: TreeChange): Promise<void> {
    const parts = components(change.path);
    const name = parts[parts.length - 1];
    if (change.sha === null) {
      const parent = await this.parentOf(parts, false);
      if (!parent || !(await this.childrenOf(parent)).has(name)) return;
      await this.parentOf(parts, true);
      (await this.childrenOf(parent)).delete(name);
      return;
    }
    const parent = (await this.parentOf(parts, true))!;
    const children = await this.childrenOf(parent);
    children.set(
      name,
      change.type === 'tree'
        ? { kind: 'dir', sha: change.sha, dirty: false }
        : {
            kind: 'leaf',
            mode: change.mode,
            type: change.type,
            sha: change.sha,
          },
    );
  }

  /** Writes the changed levels; returns the root tree's SHA. */
  async write(): Promise<string> {
    return (await this.writeDir(this.root, true))!;
  }

  private async writeDir(
    dir: Dir,
    isRoot: boolean,
  ): Promise<string | undefined> {
    if (!dir.dirty && dir.sha) return dir.sha;
    const entries: Array<{
      mode: string;
      type: string;
      sha: string;
      name: string;
    }> = [];
    for (const [name, node] of await this.childrenOf(dir)) {
      if (node.kind === 'leaf') {
        entries.push({ mode: node.mode, type: node.type, sha: node.sha, name });
      } else {
        const sha = await this.writeDir(node, false);
        if (sha) entries.push({ mode: '040000', type: 'tree', sha, name });
      }
    }
    if (entries.length === 0 && !isRoot) return undefined;
    return this.git.writeTree(entries);
  }
}
